namespace TalentHub.Infrastructure.Data;

/// <summary>One version of an agency's scale (docs/domain/normalization.md#scale-versions): never deleted, only superseded.</summary>
public sealed class AgencyScaleVersion
{
    public required string AgencyCode { get; set; }
    public required string ScaleCode { get; set; }
    public int Version { get; set; }

    /// <summary>Null: a correction of everything before; a date: a new rubric for results assessed from then.</summary>
    public DateOnly? AppliesFrom { get; set; }

    /// <summary>The canonical JSON of the definition.</summary>
    public required string Definition { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>An agency's own crosswalk entry; matching uses the canonical name (trimmed, spaces collapsed, upper case).</summary>
public sealed class DictionaryEntry
{
    public required string AgencyCode { get; set; }
    public required string CanonicalName { get; set; }

    /// <summary>The name as the agency wrote it.</summary>
    public required string AgencyCompetency { get; set; }

    /// <summary>A national code, or IGNORE for an agency-only competency.</summary>
    public required string NationalCode { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// The national values derived from one accepted record (one row per record, not per value: the bulk path writes
/// millions of records), with the scale codes and agency names they used, so a mapping change finds what it affects.
/// </summary>
public sealed class NormalizedRecord
{
    public Guid SubmissionId { get; set; }
    public int RecordIndex { get; set; }
    public required string AgencyCode { get; set; }
    public required string Nip { get; set; }

    /// <summary>"S:&lt;scale code&gt;" and "N:&lt;canonical agency name&gt;" for every scale and name the values used.</summary>
    public required string[] MappingKeys { get; set; }

    /// <summary>
    /// JSON array of values: { kind: COMPETENCY | POTENTIAL | IGNORED, assessmentId, method, assessedAt, nationalCode,
    /// score, level, parts: [{ pointer, agencyCompetency, rawValue, scaleCode, scaleVersion, score, level, mappedBy }] }.
    /// </summary>
    public required string Values { get; set; }

    /// <summary>
    /// What reconciliation reads of the record: the typed record without its scores and its national values without
    /// their derivation (<c>ObservationDocument</c>, written by its source-generated serializer), so reconciliation
    /// neither reads the record as sent nor parses it again.
    /// </summary>
    public required string Observation { get; set; }
    /// <summary>"METHOD yyyy-MM-dd" of every COMPETENCY and POTENTIAL value: what the nightly refresh looks up by date.</summary>
    public string[] AssessmentKeys { get; set; } = [];
}

public enum PendingKind
{
    Scale,
    Competency,
    Label,
}

/// <summary>Why an accepted-but-unmappable record waits: an unknown scale, an unmapped name, or an unlisted label.</summary>
public sealed class PendingMapping
{
    public Guid SubmissionId { get; set; }
    public int RecordIndex { get; set; }
    public int Seq { get; set; }
    public required string AgencyCode { get; set; }
    public PendingKind Kind { get; set; }
    public string? ScaleCode { get; set; }

    /// <summary>As sent.</summary>
    public required string Value { get; set; }

    /// <summary>Canonical form: what a mapping must name to resolve it.</summary>
    public required string CanonicalValue { get; set; }

    public required string Pointer { get; set; }
}

public enum RenormalizationStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>A re-normalization run after a mapping change: which items changed, and its progress.</summary>
public sealed class Renormalization
{
    public Guid Id { get; set; }
    public required string AgencyCode { get; set; }
    public RenormalizationStatus Status { get; set; }
    public required string[] ChangedScales { get; set; }
    public required string[] ChangedNames { get; set; }
    public int Done { get; set; }
    public int Total { get; set; }
    public int Accepted { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
}
