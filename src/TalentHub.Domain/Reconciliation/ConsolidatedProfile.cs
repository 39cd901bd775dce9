using TalentHub.Domain.Normalization;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Reconciliation;

/// <summary>
/// One consolidated person. ContentJson: the canonical JSON of the profile content as docs/domain/reconciliation.md#content-and-versions defines it
/// (current, derived and conflict values; no submission ids, record indexes, receipt times, versions or timestamps),
/// byte-identical for the same latest observations. ProvenanceJson: per field, the source observation and the rule.
/// PreviousNips: the union of the latest observations' previousNips, for the caller to merge, with the latest receipt of
/// a record asserting each (PreviousNipsReceivedAt: a link a steward undid comes back only from a later record). LapsedResolutions: the
/// steward resolutions given to the build that no longer hold (their chosen source changed, or their conflict is gone).
/// </summary>
public sealed record ConsolidatedProfile(
    string Nip,
    string ContentJson,
    string ProvenanceJson,
    ProfileSummary Summary,
    IReadOnlyList<ProfileConflict> Conflicts,
    IReadOnlyList<string> PreviousNips,
    IReadOnlyDictionary<string, DateTimeOffset> PreviousNipsReceivedAt,
    DuplicateKeys DuplicateKeys,
    AnalyticsFacts Analytics,
    IReadOnlyList<Guid> LapsedResolutions);

/// <summary>
/// The derived values talent analytics reads (docs/domain/reconciliation.md#analytics-facts), stored beside the summary so that no analytics request
/// reads observations: the performance class and why an ACTIVE person is unplaced, when the current position and the
/// unbroken run at its level began, each year's consolidated predikat, the current non-stale level (and its method) per
/// national competency, and completeness (a non-stale level for every competency of the position's standard and two
/// rated performance years in the window).
/// </summary>
public sealed record AnalyticsFacts(
    PerformanceClass? PerformanceClass,
    IReadOnlyList<string> UnplacedReasons,
    DateOnly? PositionSince,
    DateOnly? LevelSince,
    IReadOnlyDictionary<int, Predikat> PredikatByYear,
    IReadOnlyDictionary<string, CurrentLevel> CurrentLevels,
    bool Complete);

/// <summary>A current, non-stale national level and the method that measured it.</summary>
public sealed record CurrentLevel(int Level, string Method);

/// <summary>The columns the database indexes and filters on. Status is the wire spelling (ACTIVE …); Box 1–9 or null (unplaced or not ACTIVE).</summary>
public sealed record ProfileSummary(
    string? EmployingAgency,
    string Status,
    PositionLevel? PositionLevel,
    string? WorkProvince,
    int? Box,
    decimal? Jpm,
    JpmCategory? JpmCategory,
    string Name);

/// <summary>An open conflict: Kind is one of <see cref="ConflictKinds"/>; Field for identity (name, nik, birthPlace); Year for performance.</summary>
public sealed record ProfileConflict(string Kind, string? Field, int? Year, IReadOnlyList<ConflictCandidate> Candidates)
{
    /// <summary>What tells apart two conflicts of one kind and field: for OVERLAPPING_POSITIONS the pair of agencies ("A|B"); null otherwise.</summary>
    public string? Scope => Kind == ConflictKinds.OverlappingPositions
        ? string.Join('|', Candidates.Select(c => c.AgencyCode).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        : null;
}

/// <summary>One candidate value of a conflict and the agency that gives it.</summary>
public sealed record ConflictCandidate(string Value, string AgencyCode);

/// <summary>
/// The keys of POSSIBLE_DUPLICATE detection across NIPs (docs/domain/reconciliation.md#possible-duplicates). EmployingAgency is the
/// employing agency, or with no ACTIVE observation the agency of the latest observation.
/// </summary>
public sealed record DuplicateKeys(string? Nik, string NormalizedName, DateOnly BirthDate, string? EmployingAgency);

/// <summary>The conflict kinds (docs/domain/reconciliation.md#conflicts).</summary>
public static class ConflictKinds
{
    public const string ConcurrentEmployment = "CONCURRENT_EMPLOYMENT";
    public const string IdentityMismatch = "IDENTITY_MISMATCH";
    public const string OverlappingPositions = "OVERLAPPING_POSITIONS";
    public const string PerformanceMismatch = "PERFORMANCE_MISMATCH";

    /// <summary>Not a conflict of one profile: two NIPs that may be one person, for a steward to link or keep apart.</summary>
    public const string PossibleDuplicate = "POSSIBLE_DUPLICATE";
}

/// <summary>The rules named in provenance.</summary>
public static class ProvenanceRules
{
    public const string LatestPosition = "LATEST_POSITION";
    public const string EmployingAgency = "EMPLOYING_AGENCY";
    public const string Latest = "LATEST";
    public const string LatestNonNull = "LATEST_NON_NULL";
    public const string Nip = "NIP";
    public const string Union = "UNION";
    public const string MethodRank = "METHOD_RANK";
    public const string LatestStale = "LATEST_STALE";
    public const string EmployerOn31Dec = "EMPLOYER_ON_31_DEC";
    public const string LatestRater = "LATEST_RATER";
    public const string Steward = "STEWARD";
}
