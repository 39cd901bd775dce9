namespace TalentHub.DataGen.Difficulties;

/// <summary>One planted invalid record per kind: every error code of docs/domain/records.md#error-codes.</summary>
public enum DefectKind
{
    MalformedRecord,
    Required,
    UnknownField,
    InvalidType,
    TooLong,
    TooMany,
    InvalidFormat,
    InvalidEnum,
    InvalidDate,
    FutureDate,
    OutOfRange,
    DateOrder,
    NipInvalid,
    NipBirthdateMismatch,
    NipGenderMismatch,
    NikInvalid,
    NikMismatch,
    UnknownPositionLevel,
    UnknownGrade,
    UnknownMethod,
    UnknownAgency,
    DuplicateAssessmentId,
    DuplicateYear,
    DuplicateNipInSubmission,
    ScoreOutOfScale,
}
