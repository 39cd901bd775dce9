using TalentHub.Domain.Identity;

namespace TalentHub.Domain.Records;

/// <summary>The stable error codes of 02-records.md (Error codes), one rule each.</summary>
public static class RecordErrorCodes
{
    public const string MalformedRecord = "malformed_record";
    public const string Required = "required";
    public const string UnknownField = "unknown_field";
    public const string InvalidType = "invalid_type";
    public const string TooLong = "too_long";
    public const string TooMany = "too_many";
    public const string InvalidFormat = "invalid_format";
    public const string InvalidEnum = "invalid_enum";
    public const string InvalidDate = "invalid_date";
    public const string FutureDate = "future_date";
    public const string OutOfRange = "out_of_range";
    public const string DateOrder = "date_order";
    public const string NipInvalid = IdentityErrorCodes.NipInvalid;
    public const string NipBirthDateMismatch = IdentityErrorCodes.NipBirthDateMismatch;
    public const string NipGenderMismatch = IdentityErrorCodes.NipGenderMismatch;
    public const string NikInvalid = IdentityErrorCodes.NikInvalid;
    public const string NikMismatch = IdentityErrorCodes.NikMismatch;
    public const string UnknownPositionLevel = "unknown_position_level";
    public const string UnknownGrade = "unknown_grade";
    public const string UnknownMethod = "unknown_method";
    public const string UnknownAgency = "unknown_agency";
    public const string DuplicateAssessmentId = "duplicate_assessment_id";
    public const string DuplicateYear = "duplicate_year";

    /// <summary>Produced by the submission, which sees all its records.</summary>
    public const string DuplicateNipInSubmission = "duplicate_nip_in_submission";

    /// <summary>Produced by normalization, which knows the agency's scales.</summary>
    public const string ScoreOutOfScale = "score_out_of_scale";
}
