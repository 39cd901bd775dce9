namespace TalentHub.Infrastructure.Data;

/// <summary>One version of an agency's scale (03-normalization.md, Scales): never deleted, only superseded.</summary>
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

public enum NormalizedKind
{
    Competency,
    Potential,
    Ignored,
}

/// <summary>A national value derived from one assessment of one accepted record, with what it was derived from.</summary>
public sealed class NormalizedValue
{
    public Guid SubmissionId { get; set; }
    public int RecordIndex { get; set; }
    public int Seq { get; set; }
    public required string AgencyCode { get; set; }
    public string? Nip { get; set; }
    public NormalizedKind Kind { get; set; }
    public required string AssessmentId { get; set; }
    public required string Method { get; set; }
    public DateOnly AssessedAt { get; set; }

    /// <summary>The national code (IGNORE for an ignored result; null for a potential).</summary>
    public string? NationalCode { get; set; }

    public decimal? Score { get; set; }
    public int? Level { get; set; }

    /// <summary>The scale codes and canonical agency competency names it used: a change to any of them re-derives it.</summary>
    public required string[] ScaleCodes { get; set; }

    public required string[] CompetencyNames { get; set; }

    /// <summary>The parts (raw value, agency name, scale and version, normalized score, how it was mapped) as JSON.</summary>
    public required string Derivation { get; set; }
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
