using System.Globalization;

namespace TalentHub.Domain.Identity;

/// <summary>
/// The NIK rules (docs/domain/records.md#nik): <c>PPKKCC</c> region, <c>DDMMYY</c> birth date with 40 added to the day
/// for women, and a sequence 0001–9999.
/// </summary>
/// <remarks>
/// The structure check cannot know the century, so the encoded date is "real" when it is a real date in 19YY or
/// 20YY (29 February needs YY divisible by 4). Everything that depends on the record's birth date or gender,
/// including a 29 February that is not real in the birth date's century, is <c>nik_mismatch</c>, so that
/// <c>nik_invalid</c> never depends on another field.
/// </remarks>
public static class NikRules
{
    public const int Length = 16;
    public const int FemaleDayOffset = 40;

    /// <summary>The decoded NIK, or null when any structural check fails.</summary>
    public static DecodedNik? Decode(string? nik, IReadOnlySet<string> provinceCodes)
    {
        if (nik is null || nik.Length != Length || !nik.All(char.IsAsciiDigit))
        {
            return null;
        }

        var provinceCode = nik[..2];
        if (!provinceCodes.Contains(provinceCode))
        {
            return null;
        }

        var encodedDay = Digits(nik, 6, 2);
        var month = Digits(nik, 8, 2);
        var twoDigitYear = Digits(nik, 10, 2);
        var sequence = Digits(nik, 12, 4);
        var gender = encodedDay > FemaleDayOffset ? Gender.F : Gender.M;
        var day = gender == Gender.F ? encodedDay - FemaleDayOffset : encodedDay;

        if (month is < 1 or > 12 || day < 1 || sequence == 0)
        {
            return null;
        }

        var daysInMonth = month == 2 && twoDigitYear % 4 == 0 ? 29 : DateTime.DaysInMonth(2001, month);
        if (day > daysInMonth)
        {
            return null;
        }

        return new DecodedNik(provinceCode, nik[..6], day, month, twoDigitYear, gender, sequence);
    }

    /// <summary>
    /// Every NIK error of a record: <c>nik_invalid</c> alone when the NIK cannot be decoded, else <c>nik_mismatch</c>
    /// (once) when its date or sex disagrees with the record's birth date or gender (each compared only when present).
    /// </summary>
    public static IReadOnlyList<string> Validate(
        string? nik, DateOnly? birthDate, Gender? gender, IReadOnlySet<string> provinceCodes)
    {
        var decoded = Decode(nik, provinceCodes);
        if (decoded is null)
        {
            return [IdentityErrorCodes.NikInvalid];
        }

        var dateDisagrees = birthDate is { } date && decoded.DateInCenturyOf(date) != date;
        var genderDisagrees = gender is { } g && g != decoded.Gender;
        return dateDisagrees || genderDisagrees ? [IdentityErrorCodes.NikMismatch] : [];
    }

    private static int Digits(string text, int start, int length) =>
        int.Parse(text.AsSpan(start, length), NumberStyles.None, CultureInfo.InvariantCulture);
}
