namespace TalentHub.Domain.Identity;

/// <summary>The stable error codes of the NIP and NIK rules (docs/domain/records.md#error-codes).</summary>
public static class IdentityErrorCodes
{
    public const string NipInvalid = "nip_invalid";
    public const string NipBirthDateMismatch = "nip_birthdate_mismatch";
    public const string NipGenderMismatch = "nip_gender_mismatch";
    public const string NikInvalid = "nik_invalid";
    public const string NikMismatch = "nik_mismatch";
}
