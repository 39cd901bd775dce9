namespace TalentHub.Infrastructure.Data;

/// <summary>One consolidated profile per civil servant (docs/domain/reconciliation.md): its current content and the columns lists filter on.</summary>
public sealed class Profile
{
    public required string Nip { get; set; }
    public int Version { get; set; }

    /// <summary>The canonical content JSON (what versions and the rebuild compare), stored as text to keep its exact bytes.</summary>
    public required string Content { get; set; }

    public required byte[] ContentHash { get; set; }
    public required string Provenance { get; set; }
    public string? EmployingAgency { get; set; }
    public required string Status { get; set; }
    public string? PositionLevel { get; set; }
    public string? WorkProvince { get; set; }
    public int? Box { get; set; }
    public decimal? Jpm { get; set; }
    public string? JpmCategory { get; set; }
    public required string Name { get; set; }

    /// <summary>Keys of POSSIBLE_DUPLICATE detection across NIPs: the NIK, and the normalized name with birth date and agency.</summary>
    public string? NikKey { get; set; }

    public string? NameKey { get; set; }

    /// <summary>Set when the profile was merged into another NIP (previousNips); the NIP then resolves to that one.</summary>
    public string? MergedInto { get; set; }

    /// <summary>The 9-box performance class, 1 (DI_BAWAH) to 3 (DI_ATAS).</summary>
    public int? PerformanceClass { get; set; }

    /// <summary>Why an ACTIVE person has no box (INSUFFICIENT_JPM, NO_PERFORMANCE); empty otherwise.</summary>
    public string[] UnplacedReasons { get; set; } = [];

    public DateOnly? PositionSince { get; set; }
    public DateOnly? LevelSince { get; set; }

    /// <summary>A non-stale level for every competency of the position's standard and two rated performance years.</summary>
    public bool Complete { get; set; }

    /// <summary>JSON: { levels: { code: { level, method } }, predikat: { year: PREDIKAT } } — the analytics facts not kept in columns.</summary>
    public string? Analytics { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>ACTIVE people per 9-box cell (box 0: unplaced, with its reasons), kept current by a trigger on profiles.</summary>
public sealed class NineBoxCount
{
    public required string AgencyCode { get; set; }
    public required string ProvinceCode { get; set; }
    public required string PositionLevel { get; set; }
    public int Box { get; set; }
    public required string Unplaced { get; set; }

    /// <summary>
    /// Which of a few rows of the cell a transaction adds to (its transaction id modulo 8): chunks
    /// reconciled side by side then rarely wait for each other on one counter row until commit. Readers sum the shards;
    /// <see cref="CounterShards.Folded"/> holds what <c>CounterFold</c> moved out of them.
    /// </summary>
    public short Shard { get; set; }

    public long People { get; set; }
}

/// <summary>
/// The national 9-box of the folded rows of <see cref="NineBoxCount"/>: ACTIVE people per box and unplaced reasons, over
/// every agency, province and position level. Only <c>CounterFold</c> writes it, in the transaction that moves shard rows
/// into their folded rows, so it always equals the sum of the folded rows: the national 9-box reads these few rows and
/// the shard rows not folded yet, instead of every cell.
/// </summary>
public sealed class NineBoxNationalCount
{
    public int Box { get; set; }
    public required string Unplaced { get; set; }
    public long People { get; set; }
}

/// <summary>
/// ACTIVE people per current non-stale level of a national competency, by agency, work province, position level and
/// method, kept current by a trigger on profiles: the competency map and the calibration report sum it.
/// </summary>
public sealed class CompetencyLevelCount
{
    public required string AgencyCode { get; set; }
    public required string ProvinceCode { get; set; }
    public required string PositionLevel { get; set; }
    public required string CompetencyCode { get; set; }
    public required string Method { get; set; }
    public int Level { get; set; }

    /// <summary>As <see cref="NineBoxCount.Shard"/>.</summary>
    public short Shard { get; set; }

    public long People { get; set; }
}

/// <summary>
/// ACTIVE people per current non-stale level (1–5, one column each) of a national competency and position level,
/// rolled up over one dimension (<see cref="CompetencyRollups"/>), kept by the same triggers as
/// <see cref="CompetencyLevelCount"/>: the national competency map and calibration read these few thousand rows
/// instead of summing every (agency, province, method) cell.
/// </summary>
public sealed class CompetencyRollupCount
{
    public required string Rollup { get; set; }

    /// <summary>The agency code, province code or method the row rolls up to ('' for none).</summary>
    public required string GroupCode { get; set; }

    public required string PositionLevel { get; set; }
    public required string CompetencyCode { get; set; }

    /// <summary>As <see cref="NineBoxCount.Shard"/>.</summary>
    public short Shard { get; set; }

    public long Level1 { get; set; }
    public long Level2 { get; set; }
    public long Level3 { get; set; }
    public long Level4 { get; set; }
    public long Level5 { get; set; }
}

/// <summary>The dimensions <see cref="CompetencyRollupCount"/> rolls up to.</summary>
public static class CompetencyRollups
{
    public const string Agency = "AGENCY";
    public const string Province = "PROVINCE";
    public const string Method = "METHOD";
}

/// <summary>The shards of the counting tables.</summary>
public static class CounterShards
{
    /// <summary>Writers add to shard <c>txid % Writers</c>.</summary>
    public const int Writers = 8;

    /// <summary>The row of a cell that only <c>CounterFold</c> writes: no writer ever waits on it.</summary>
    public const short Folded = -1;
}

/// <summary>An open position an agency declares for JPT rotation (docs/domain/analytics.md#jpt-rotation). Closed, never deleted.</summary>
public sealed class Vacancy
{
    public Guid Id { get; set; }
    public required string AgencyCode { get; set; }
    public required string PositionLevel { get; set; }
    public required string Title { get; set; }
    public string? Unit { get; set; }
    public required string ProvinceCode { get; set; }

    /// <summary>JSON: { competencyCode: requiredLevel } of technical competencies.</summary>
    public required string RequiredTechnical { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }
}

/// <summary>A version of a profile: what changed, why, when. Never rewritten.</summary>
public sealed class ProfileVersion
{
    public required string Nip { get; set; }
    public int Version { get; set; }

    /// <summary>The kind of its change feed entry: CREATED, UPDATED, MERGED, UNMERGED or DEACTIVATED.</summary>
    public required string Kind { get; set; }

    /// <summary>JSON: [{ field, old, new }]; empty for a CREATED version, whose content is the profile's first.</summary>
    public required string Changes { get; set; }

    public required string Cause { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

/// <summary>
/// An entry of the change feed. Its table also holds <c>xid</c> (xid8, the writing transaction's id, set by the
/// database and read only by the feed's SQL): the feed serves only entries below the oldest transaction still
/// running, so an entry never appears behind a cursor already handed out.
/// </summary>
public sealed class ChangeFeedEntry
{
    public long Seq { get; set; }
    public required string Nip { get; set; }
    public int Version { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
}

public sealed class Conflict
{
    public Guid Id { get; set; }
    public required string Nip { get; set; }
    public required string Kind { get; set; }
    public string? Field { get; set; }
    public int? Year { get; set; }

    /// <summary>JSON: [{ value, agencyCode }].</summary>
    public required string Candidates { get; set; }

    /// <summary>OVERLAPPING_POSITIONS: the pair of agencies ("A|B"), what tells two overlaps of one profile apart.</summary>
    public string? Scope { get; set; }

    /// <summary>POSSIBLE_DUPLICATE: why the item was raised (<c>KIND:key</c>, see DuplicateEvidence).</summary>
    public string[]? Evidence { get; set; }

    /// <summary>OPEN, CLOSED (survivorship no longer finds it) or RESOLVED (a steward's decision).</summary>
    public required string Status { get; set; }

    public DateTimeOffset OpenedAt { get; set; }
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>The steward decision that resolved it, while RESOLVED.</summary>
    public Guid? DecisionId { get; set; }

    public string? ResolvedBy { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolutionReason { get; set; }

    /// <summary>PostgreSQL's xmin: changes with every write of the row, the conflict's ETag.</summary>
    public uint RowVersion { get; set; }
}

/// <summary>
/// A steward's decision (docs/domain/reconciliation.md#stewardship), never rewritten but for <see cref="LapsedAt"/>: a conflict's resolution
/// (in force on <see cref="Nip"/> until its chosen source changes), a LINK or KEEP_APART of a POSSIBLE_DUPLICATE item
/// (<see cref="Nip"/> the surviving or first NIP, <see cref="OtherNip"/> the other), or an UNMERGE.
/// </summary>
public sealed class StewardDecision
{
    public Guid Id { get; set; }
    public required string Kind { get; set; }
    public required string Nip { get; set; }
    public string? OtherNip { get; set; }

    /// <summary>The conflict or POSSIBLE_DUPLICATE item decided.</summary>
    public Guid? ConflictId { get; set; }

    public string? ConflictKind { get; set; }
    public string? Field { get; set; }
    public int? Year { get; set; }
    public string? Scope { get; set; }
    public string? ChosenAgencyCode { get; set; }
    public string? ChosenValue { get; set; }

    /// <summary>A resolution's basis, JSON [{ value, agencyCode }]: the candidates it rests on (StewardResolution.Basis).</summary>
    public string? Basis { get; set; }

    public required string Reason { get; set; }
    public required string DecidedBy { get; set; }
    public DateTimeOffset DecidedAt { get; set; }

    /// <summary>When a resolution stopped holding (its chosen source changed the value, or the conflict went away).</summary>
    public DateTimeOffset? LapsedAt { get; set; }
}

/// <summary>
/// Two NIPs a steward declared different people (KEEP_APART, or an UNMERGE), NipA &lt; NipB: never raised as a
/// POSSIBLE_DUPLICATE again on evidence within <see cref="Evidence"/>, and never merged again by previousNips.
/// </summary>
public sealed class SeparatedPair
{
    public required string NipA { get; set; }
    public required string NipB { get; set; }
    public required string[] Evidence { get; set; }
    public Guid DecisionId { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}

/// <summary>Every read of unmasked personal data: who, when, which NIPs, which endpoint (UU 27/2022).</summary>
public sealed class PiiAccess
{
    public long Id { get; set; }
    public required string ClientId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Endpoint { get; set; }
    public required string[] Nips { get; set; }

    /// <summary>JSON for reads that name no NIPs one by one (an export: its id, filter and row count).</summary>
    public string? Details { get; set; }
}

/// <summary>A rebuild of the whole index (admin, or the nightly refresh): its progress and how many versions it made.</summary>
public sealed class IndexRebuild
{
    public Guid Id { get; set; }
    public required string Status { get; set; }
    public required string Cause { get; set; }
    public int Done { get; set; }
    public int Total { get; set; }
    public int Versions { get; set; }
    public string? Checkpoint { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The Jakarta date the run evaluates profiles on; the nightly refresh covers the dates after the latest completed one.</summary>
    public DateOnly? EvaluationDate { get; set; }

    /// <summary>A nightly refresh: the profiles the calendar changed after this date (through <see cref="EvaluationDate"/>); null: every profile.</summary>
    public DateOnly? CoversAfter { get; set; }
}

/// <summary>
/// A bulk export of the index (README.md, An integrator's full sync): one consistent snapshot of the filtered profiles
/// as a gzip file kept in PostgreSQL in chunks (so API and workers on different machines share it), with the feed
/// cursor that snapshot corresponds to.
/// </summary>
public sealed class Export
{
    public Guid Id { get; set; }
    public required string ClientId { get; set; }
    public string? IdempotencyKey { get; set; }

    /// <summary>The canonical request (format and filter), to tell a replay from a reused key.</summary>
    public required string Request { get; set; }

    public required string Format { get; set; }

    /// <summary>JSON: { agencyCode, province, positionLevel, status, box }, each null when not filtered on.</summary>
    public required string Filter { get; set; }

    /// <summary>Whether the caller had <c>pii</c>: NIK and birth place are then in clear in the file.</summary>
    public bool Unmasked { get; set; }

    public required string Status { get; set; }
    public int Attempts { get; set; }
    public long Done { get; set; }
    public long Total { get; set; }
    public long RowCount { get; set; }
    public long ByteSize { get; set; }
    public int ChunkBytes { get; set; }
    public byte[]? Sha256 { get; set; }
    public string? FeedCursor { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
}

/// <summary>A piece of an export's gzip file: every chunk but the last holds exactly the export's ChunkBytes.</summary>
public sealed class ExportChunk
{
    public Guid ExportId { get; set; }
    public int Seq { get; set; }
    public required byte[] Data { get; set; }
}
