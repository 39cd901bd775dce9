namespace TalentHub.Domain.Normalization;

/// <summary>The predikat kinerja of a year's SKP (Peraturan Menteri PANRB 6/2022); wire form UPPER_SNAKE.</summary>
public enum Predikat
{
    SangatBaik,
    Baik,
    ButuhPerbaikan,
    Kurang,
    SangatKurang,
}

/// <summary>The performance axis of the 9-box, valued 1–3; wire form DI_BAWAH, SESUAI, DI_ATAS.</summary>
public enum PerformanceClass
{
    DiBawah = 1,
    Sesuai = 2,
    DiAtas = 3,
}

/// <summary>A year's SKP as a predikat and a performance class (docs/domain/normalization.md#skp).</summary>
public static class Skp
{
    /// <summary>The predikat of its exact wire spelling (<c>SANGAT_BAIK</c> …); null for anything else.</summary>
    public static Predikat? FromRating(string rating) => rating switch
    {
        "SANGAT_BAIK" => Predikat.SangatBaik,
        "BAIK" => Predikat.Baik,
        "BUTUH_PERBAIKAN" => Predikat.ButuhPerbaikan,
        "KURANG" => Predikat.Kurang,
        "SANGAT_KURANG" => Predikat.SangatKurang,
        _ => null,
    };

    /// <summary>The hasil kerja × perilaku matrix; null when either rating is not DI_ATAS, SESUAI or DI_BAWAH.</summary>
    public static Predikat? FromPair(string hasilKerja, string perilaku) => (RatingOf(hasilKerja), RatingOf(perilaku)) switch
    {
        (PerformanceClass.DiAtas, PerformanceClass.DiAtas) => Predikat.SangatBaik,
        (PerformanceClass.DiAtas or PerformanceClass.Sesuai, PerformanceClass.DiAtas or PerformanceClass.Sesuai) => Predikat.Baik,
        (PerformanceClass.DiAtas or PerformanceClass.Sesuai, PerformanceClass.DiBawah) => Predikat.Kurang,
        (PerformanceClass.DiBawah, PerformanceClass.DiAtas or PerformanceClass.Sesuai) => Predikat.ButuhPerbaikan,
        (PerformanceClass.DiBawah, PerformanceClass.DiBawah) => Predikat.SangatKurang,
        _ => null,
    };

    /// <summary>
    /// A legacy score (0–100, before 2022). The published bands leave gaps (90.99 … 91); a score belongs to the
    /// highest band whose lower bound it reaches, so 90.995 is BAIK and 50.995 SANGAT_KURANG.
    /// </summary>
    public static Predikat FromLegacyScore(decimal score) => score switch
    {
        >= 91 => Predikat.SangatBaik,
        >= 76 => Predikat.Baik,
        >= 61 => Predikat.ButuhPerbaikan,
        >= 51 => Predikat.Kurang,
        _ => Predikat.SangatKurang,
    };

    public static PerformanceClass ClassOf(Predikat predikat) => predikat switch
    {
        Predikat.SangatBaik => PerformanceClass.DiAtas,
        Predikat.Baik => PerformanceClass.Sesuai,
        _ => PerformanceClass.DiBawah,
    };

    /// <summary>The hasil kerja and perilaku ratings use the spelling of the performance classes.</summary>
    private static PerformanceClass? RatingOf(string rating) => rating switch
    {
        "DI_ATAS" => PerformanceClass.DiAtas,
        "SESUAI" => PerformanceClass.Sesuai,
        "DI_BAWAH" => PerformanceClass.DiBawah,
        _ => null,
    };
}
