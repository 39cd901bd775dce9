using System.Globalization;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Identity;

/// <summary>
/// The NIP rules (docs/domain/records.md#nip): <c>YYYYMMDD</c> birth date, <c>YYYYMM</c> start of service (for PPPK the
/// year and an appointment code), the gender digit and a sequence 001–999. "Today" is a parameter; nothing here reads a
/// clock.
/// </summary>
public static class NipRules
{
    public const int Length = 18;
    public const int MinimumAge = 18;
    public const int EarliestServiceYear = 1950;

    /// <summary>The decoded NIP, or null when any structural check fails.</summary>
    public static DecodedNip? Decode(string? nip, EmploymentType employmentType, DateOnly today)
    {
        if (nip is null || nip.Length != Length || !nip.All(char.IsAsciiDigit))
        {
            return null;
        }

        var serviceYear = Digits(nip, 8, 4);
        var middleCode = Digits(nip, 12, 2);
        var genderDigit = nip[14];
        var sequence = Digits(nip, 15, 3);

        if (!DateOnly.TryParseExact(nip.AsSpan(0, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate)
            || birthDate > today)
        {
            return null;
        }

        if (serviceYear < EarliestServiceYear || serviceYear > today.Year)
        {
            return null;
        }

        if (employmentType == EmploymentType.Pns
            && (middleCode is < 1 or > 12 || (serviceYear == today.Year && middleCode > today.Month)))
        {
            return null;
        }

        if (genderDigit is not ('1' or '2') || sequence == 0)
        {
            return null;
        }

        var decoded = new DecodedNip(
            birthDate, serviceYear, middleCode, genderDigit == '1' ? Gender.M : Gender.F, sequence, employmentType);
        return birthDate.AddYears(MinimumAge) <= decoded.AgeReferenceDate ? decoded : null;
    }

    /// <summary>
    /// Every NIP error of a record, in a stable order: <c>nip_invalid</c> alone when the NIP cannot be decoded, else the
    /// mismatches with the record's birth date and gender (each compared only when the record has it). Empty: valid.
    /// </summary>
    public static IReadOnlyList<string> Validate(
        string? nip, EmploymentType employmentType, DateOnly? birthDate, Gender? gender, DateOnly today)
    {
        var decoded = Decode(nip, employmentType, today);
        if (decoded is null)
        {
            return [IdentityErrorCodes.NipInvalid];
        }

        var errors = new List<string>(2);
        if (birthDate is { } date && date != decoded.BirthDate)
        {
            errors.Add(IdentityErrorCodes.NipBirthDateMismatch);
        }

        if (gender is { } g && g != decoded.Gender)
        {
            errors.Add(IdentityErrorCodes.NipGenderMismatch);
        }

        return errors;
    }

    /// <summary>
    /// The rule for <c>previousNips</c>: structurally valid under the PNS or the PPPK rule, with the given birth date.
    /// </summary>
    public static bool IsValidPreviousNip(string? nip, DateOnly birthDate, DateOnly today)
    {
        var decoded = Decode(nip, EmploymentType.Pns, today) ?? Decode(nip, EmploymentType.Pppk, today);
        return decoded is not null && decoded.BirthDate == birthDate;
    }

    private static int Digits(string text, int start, int length) =>
        int.Parse(text.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);
}
