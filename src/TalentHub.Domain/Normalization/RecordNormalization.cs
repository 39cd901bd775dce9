using TalentHub.Domain.Records;

namespace TalentHub.Domain.Normalization;

/// <summary>What a record waits on before it can be normalized (PENDING_MAPPING, docs/domain/normalization.md#pending-mapping).</summary>
public enum PendingKind
{
    /// <summary>A scale code the agency has not defined, or none of whose versions applies on the assessment date.</summary>
    Scale,

    /// <summary>An agency competency name that is neither in the dictionary nor a national code.</summary>
    Competency,

    /// <summary>A label its LABELS scale does not list.</summary>
    Label,
}

/// <summary>
/// One thing a result waits on. ScaleCode: the scale involved (null for a competency). Value: the scale code, the
/// agency competency name as sent, or the label as sent. Pointer: the waiting result or potential, e.g.
/// <c>/assessments/0/results/2</c> or <c>/assessments/0/potential</c>.
/// </summary>
public sealed record PendingItem(PendingKind Kind, string? ScaleCode, string Value, string Pointer);

/// <summary>
/// One agency result that contributes to a national result, with everything its derivation shows. Pointer: the
/// result, e.g. <c>/assessments/0/results/2</c>. RawValue: the string as sent, or the JSON text of a number.
/// MappedBy: DICTIONARY or NATIONAL_CODE (the constants of the MappedBy class).
/// </summary>
public sealed record ResultPart(string Pointer, string AgencyCompetency, string RawValue, string ScaleCode, int ScaleVersion, NormalizedScore Normalized, string MappedBy);

/// <summary>How an agency competency name reached its national code.</summary>
public static class MappedBy
{
    public const string Dictionary = "DICTIONARY";
    public const string NationalCode = "NATIONAL_CODE";
}

/// <summary>
/// One national competency result of an assessment: the mean of its parts' scores rounded half up to 2 decimals when
/// several results of the assessment map to the same national code, and the level of that.
/// </summary>
public sealed record NormalizedResult(int AssessmentIndex, string AssessmentId, string Method, DateOnly AssessedAt, string NationalCode, NormalizedScore Normalized, IReadOnlyList<ResultPart> Parts);

/// <summary>A result whose competency the agency maps to IGNORE: kept raw and reported, never normalized.</summary>
public sealed record IgnoredResult(int AssessmentIndex, string AssessmentId, string Pointer, string AgencyCompetency, string RawValue);

/// <summary>An explicit potential result on its scale.</summary>
public sealed record NormalizedPotential(int AssessmentIndex, string AssessmentId, string Method, DateOnly AssessedAt, string RawValue, string ScaleCode, int ScaleVersion, NormalizedScore Normalized);

/// <summary>
/// The normalization of one record. Errors (score_out_of_scale at the score's pointer, for a number outside its scale
/// or a value of the wrong kind) reject it; else a pending item holds it as PENDING_MAPPING.
/// </summary>
public sealed record RecordNormalization(
    IReadOnlyList<NormalizedResult> Results,
    IReadOnlyList<NormalizedPotential> Potentials,
    IReadOnlyList<IgnoredResult> Ignored,
    IReadOnlyList<PendingItem> Pending,
    IReadOnlyList<RecordError> Errors)
{
    public bool IsPending => Errors.Count == 0 && Pending.Count > 0;
}
