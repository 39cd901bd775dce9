namespace TalentHub.Domain.Normalization;

/// <summary>What an agency has registered, as <see cref="RecordNormalizer"/> needs it.</summary>
public sealed class AgencyMappings
{
    /// <summary>Versions of each scale by its code (exact, case-sensitive).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<ScaleVersion>> Scales { get; init; }

    /// <summary>
    /// <see cref="CompetencyNames.Canonical"/> agency name → national code or <see cref="CompetencyNames.Ignore"/>: the
    /// agency's entries already merged over the national aliases by the caller.
    /// </summary>
    public required IReadOnlyDictionary<string, string> Dictionary { get; init; }

    /// <summary>The national codes (M1 … M8, SK1, T.…), accepted directly; an agency entry of the same spelling wins.</summary>
    public required IReadOnlySet<string> NationalCodes { get; init; }
}
