using TalentHub.Domain.Identity;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Records;

/// <summary>The enums of the record format (docs/domain/records.md#fields).</summary>
internal static class RecordEnums
{
    public const string Active = PersonStatuses.Active;
    public const string Pns = "PNS";
    public const string Pppk = "PPPK";

    public static readonly WireEnum Status = new(Active, "RETIRED", "DECEASED", "DISMISSED", "RESIGNED", "TRANSFERRED_OUT");
    public static readonly WireEnum EmploymentTypes = new(Pns, Pppk);
    public static readonly WireEnum Genders = new(nameof(Gender.M), nameof(Gender.F));
    public static readonly WireEnum Predikat = new("SANGAT_BAIK", "BAIK", "BUTUH_PERBAIKAN", "KURANG", "SANGAT_KURANG");
    public static readonly WireEnum PerformanceRatings = new("DI_ATAS", "SESUAI", "DI_BAWAH");

    /// <summary>Built once: <see cref="UpperSnakeCase.TryParse{TEnum}"/> formats every candidate on each call.</summary>
    public static readonly WireEnum PositionLevels = WireEnum.Of<PositionLevel>();
}
