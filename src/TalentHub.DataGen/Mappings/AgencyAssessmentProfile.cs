namespace TalentHub.DataGen.Mappings;

/// <summary>Why a record waits for a mapping (docs/domain/records.md#outcome).</summary>
public enum UnmappedKind
{
    Competency,
    Label,
    Scale,
}

/// <summary>An agency competency as the agency writes it; <see cref="NationalCode"/> is null when deliberately unmapped.</summary>
public sealed record AgencyCompetency(string Name, string? NationalCode, bool Registered);

/// <summary>
/// One agency's own way of assessing: the methods it uses, the scale each method is scored on, its technical and
/// potential scales, and its competency dictionary, including what it deliberately left unmapped.
/// </summary>
public sealed class AgencyAssessmentProfile(
    IReadOnlyList<string> methods,
    IReadOnlyDictionary<string, Scale> scaleByMethod,
    Scale technicalScale,
    Scale potentialScale,
    IReadOnlyDictionary<string, AgencyCompetency> competencyByNationalCode,
    IReadOnlyList<AgencyCompetency> agencyOnlyCompetencies,
    string? unregisteredScaleCode)
{
    public IReadOnlyList<string> Methods { get; } = methods;

    public Scale TechnicalScale { get; } = technicalScale;

    public Scale PotentialScale { get; } = potentialScale;

    public IReadOnlyList<AgencyCompetency> AgencyOnlyCompetencies { get; } = agencyOnlyCompetencies;

    /// <summary>A scale code some of its assessors still use but the agency never registered (null when none).</summary>
    public string? UnregisteredScaleCode { get; } = unregisteredScaleCode;

    /// <summary>Every registered scale, each once, in a stable order.</summary>
    public IReadOnlyList<Scale> Scales { get; } =
        [.. scaleByMethod.Values.Append(technicalScale).Append(potentialScale).DistinctBy(s => s.Code).OrderBy(s => s.Code, StringComparer.Ordinal)];

    /// <summary>Every competency name the agency uses, in a stable order (the CSV result columns).</summary>
    public IReadOnlyList<AgencyCompetency> AllCompetencies { get; } =
        [.. competencyByNationalCode.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value).Concat(agencyOnlyCompetencies)];

    public Scale ScaleFor(string method) => scaleByMethod[method];

    public AgencyCompetency? CompetencyFor(string nationalCode) => competencyByNationalCode.GetValueOrDefault(nationalCode);

    public bool HasDeliberateGaps =>
        UnregisteredScaleCode is not null
        || Scales.Any(s => s.UnlistedLabel is not null)
        || AllCompetencies.Any(c => !c.Registered);
}
