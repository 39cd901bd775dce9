using TalentHub.Domain.Identity;

namespace TalentHub.Domain.Records;

/// <summary>The stable error codes (docs/domain/records.md#error-codes), one rule each.</summary>
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

    /// <summary>Every code with its rule, as docs/domain/records.md#error-codes states it; the OpenAPI document lists them.</summary>
    public static IReadOnlyList<(string Code, string Rule)> Rules { get; } =
    [
        (MalformedRecord, "The NDJSON line or CSV row is not parseable (the rest of the body is still processed)."),
        (Required, "A required field is missing or empty."),
        (UnknownField, "A property the record format does not define (CSV: a column it does not define)."),
        (InvalidType, "Wrong JSON type, e.g. a string where an object is required."),
        (TooLong, "A string over its bound."),
        (TooMany, "A list over its bound."),
        (InvalidFormat, "A value in the wrong shape: not NFC-normalizable, control characters, more than one performance form."),
        (InvalidEnum, "A value outside its list (status, gender, employment type, predikat, rating, province code)."),
        (InvalidDate, "Not a real date."),
        (FutureDate, "A date after today."),
        (OutOfRange, "A number or date outside its bounds, e.g. assessedAt before 1990, a score outside 0–100, a performance form used outside its years."),
        (DateOrder, "From after to, or a history entry ending after the current position starts."),
        (NipInvalid, "The NIP's structure is invalid (18 digits: birth date, civil-service start year and month, gender digit, sequence)."),
        (NipBirthDateMismatch, "The birth date encoded in the NIP differs from birthDate."),
        (NipGenderMismatch, "The gender digit of the NIP differs from gender."),
        (NikInvalid, "The NIK's structure is invalid."),
        (NikMismatch, "The date or sex encoded in the NIK differs from birthDate or gender."),
        (UnknownPositionLevel, "A position level not in the reference data."),
        (UnknownGrade, "A grade not in the reference data."),
        (UnknownMethod, "An assessment method not in the reference data."),
        (UnknownAgency, "An agency code not in the reference data."),
        (DuplicateAssessmentId, "The same assessment id twice in one record."),
        (DuplicateYear, "The same performance year twice in one record."),
        (DuplicateNipInSubmission, "The same NIP in two records of one submission: every such record is rejected, so the agency decides which is right."),
        (ScoreOutOfScale, "A numeric result outside its scale's range (never clamped)."),
    ];
}
