using TalentHub.Domain.Normalization;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Reconciliation;

/// <summary>The 9-box (docs/domain/reconciliation.md#9-box): potential classes and their box numbers (Peraturan Menteri PANRB 3/2020).</summary>
public static class NineBox
{
    public const string Tinggi = "TINGGI";
    public const string Menengah = "MENENGAH";
    public const string Rendah = "RENDAH";

    public const string InsufficientJpm = "INSUFFICIENT_JPM";
    public const string NoPerformance = "NO_PERFORMANCE";

    /// <summary>The box of a potential class (TINGGI, MENENGAH, RENDAH) and a performance class; null when either is missing or unknown.</summary>
    public static int? Box(string? potentialClass, PerformanceClass? performance) => (potentialClass, performance) switch
    {
        (Tinggi, PerformanceClass.DiBawah) => 6,
        (Tinggi, PerformanceClass.Sesuai) => 8,
        (Tinggi, PerformanceClass.DiAtas) => 9,
        (Menengah, PerformanceClass.DiBawah) => 3,
        (Menengah, PerformanceClass.Sesuai) => 5,
        (Menengah, PerformanceClass.DiAtas) => 7,
        (Rendah, PerformanceClass.DiBawah) => 1,
        (Rendah, PerformanceClass.Sesuai) => 2,
        (Rendah, PerformanceClass.DiAtas) => 4,
        _ => null,
    };

    /// <summary>The potential class of an explicit potential level: 4–5 TINGGI, 3 MENENGAH, 1–2 RENDAH.</summary>
    public static string PotentialOfLevel(int level) => level >= 4 ? Tinggi : level == 3 ? Menengah : Rendah;

    /// <summary>The potential class of a JPM category: OPTIMAL TINGGI, CUKUP_OPTIMAL MENENGAH, KURANG_OPTIMAL RENDAH.</summary>
    public static string PotentialOfCategory(JpmCategory category) => category switch
    {
        JpmCategory.Optimal => Tinggi,
        JpmCategory.CukupOptimal => Menengah,
        _ => Rendah,
    };
}
