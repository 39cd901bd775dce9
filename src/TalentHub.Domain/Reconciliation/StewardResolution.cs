namespace TalentHub.Domain.Reconciliation;

/// <summary>
/// A steward's resolution of a conflict, in force on one profile (docs/domain/reconciliation.md#stewardship: it overrides survivorship for
/// its field until a newer observation from the chosen source changes that field's value, which reopens the conflict).
/// It answers the conflict of the same key (kind, field, year, scope). <see cref="Basis"/> is what the decision rests
/// on: the chosen agency's candidates when an agency was chosen; every candidate for a value the steward typed or for
/// <see cref="Both"/> (no single source was chosen, so any source's change counts). The resolution holds while the
/// conflict that survivorship computes today has the same basis; otherwise it lapses.
/// </summary>
public sealed record StewardResolution(
    Guid DecisionId,
    string Kind,
    string? Field,
    int? Year,
    string? Scope,
    string? ChosenAgencyCode,
    string? ChosenValue,
    IReadOnlyList<ConflictCandidate> Basis,
    string DecidedBy,
    DateTimeOffset DecidedAt,
    string Reason)
{
    /// <summary>The chosen value of an OVERLAPPING_POSITIONS resolution that acknowledges both entries as true (e.g. a secondment).</summary>
    public const string Both = "BOTH";

    /// <summary>The candidates a resolution choosing <paramref name="chosenAgencyCode"/> (or none) rests on.</summary>
    public static IReadOnlyList<ConflictCandidate> BasisOf(ProfileConflict conflict, string? chosenAgencyCode) =>
        chosenAgencyCode is null
            ? conflict.Candidates
            : [.. conflict.Candidates.Where(c => string.Equals(c.AgencyCode, chosenAgencyCode, StringComparison.Ordinal))];

    public bool Answers(ProfileConflict conflict) =>
        string.Equals(Kind, conflict.Kind, StringComparison.Ordinal)
        && string.Equals(Field, conflict.Field, StringComparison.Ordinal)
        && Year == conflict.Year
        && string.Equals(Scope, conflict.Scope, StringComparison.Ordinal);

    /// <summary>True while the chosen source (or, without one, every source) still says what the steward decided on.</summary>
    public bool HoldsFor(ProfileConflict conflict) => Answers(conflict) && Basis.SequenceEqual(BasisOf(conflict, ChosenAgencyCode));
}
