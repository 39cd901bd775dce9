using FsCheck;
using FsCheck.Xunit;
using TalentHub.Domain.Identity;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Tests.Identity;

/// <summary>Properties over the whole space of valid identity numbers; inputs are folded into their valid ranges.</summary>
public class IdentityPropertyTests
{
    private static readonly DateOnly Today = new(2026, 11, 1);
    private static readonly DateOnly EarliestBirth = new(1930, 1, 1);
    private static readonly DateOnly LatestBirth = new(2008, 10, 1);
    private static readonly string[] Provinces = [.. ProvinceCodes.Reference.Order(StringComparer.Ordinal)];

    private static DateOnly BirthDate(NonNegativeInt seed) =>
        EarliestBirth.AddDays(seed.Get % (LatestBirth.DayNumber - EarliestBirth.DayNumber + 1));

    /// <summary>A service start month on which the person is at least 18 and which is not after this month.</summary>
    private static DateOnly ServiceStart(DateOnly birthDate, NonNegativeInt seed)
    {
        var adult = birthDate.AddYears(18);
        var adultMonth = new DateOnly(adult.Year, adult.Month, 1);
        var firstAdultMonth = adult.Day == 1 ? adultMonth : adultMonth.AddMonths(1);
        var earliest = firstAdultMonth.Year < 1950 ? new DateOnly(1950, 1, 1) : firstAdultMonth;
        var monthsAvailable = ((Today.Year - earliest.Year) * 12) + Today.Month - earliest.Month + 1;
        return earliest.AddMonths(seed.Get % monthsAvailable);
    }

    [Property(MaxTest = 2000)]
    public bool A_well_formed_pns_nip_decodes_to_what_it_encodes(NonNegativeInt birth, NonNegativeInt start, bool female, NonNegativeInt sequence)
    {
        var birthDate = BirthDate(birth);
        var serviceStart = ServiceStart(birthDate, start);
        var nip = IdentityNumbers.Nip(birthDate, serviceStart.Year, serviceStart.Month, female ? '2' : '1', 1 + (sequence.Get % 999));
        var gender = female ? Gender.F : Gender.M;

        var decoded = NipRules.Decode(nip, EmploymentType.Pns, Today);

        return decoded is not null
            && decoded.BirthDate == birthDate
            && decoded.Gender == gender
            && decoded.ServiceStartYear == serviceStart.Year
            && decoded.MiddleCode == serviceStart.Month
            && NipRules.Validate(nip, EmploymentType.Pns, birthDate, gender, Today).Count == 0;
    }

    [Property(MaxTest = 1000)]
    public bool A_service_start_month_before_the_18th_birthday_is_invalid(NonNegativeInt birth, NonNegativeInt monthsEarly)
    {
        var birthDate = BirthDate(birth);
        var adult = birthDate.AddYears(18);
        var lastTooEarly = new DateOnly(adult.Year, adult.Month, 1).AddMonths(adult.Day == 1 ? -1 : 0);
        var start = lastTooEarly.AddMonths(-(monthsEarly.Get % 60));
        var nip = IdentityNumbers.Nip(birthDate, start.Year, start.Month, '1', 1);

        return start.Year < 1950 || start > Today || NipRules.Decode(nip, EmploymentType.Pns, Today) is null;
    }

    [Property(MaxTest = 1000)]
    public bool A_different_birth_date_or_gender_is_reported_as_exactly_that_mismatch(NonNegativeInt birth, NonNegativeInt start, NonNegativeInt shift, bool flipGender)
    {
        var birthDate = BirthDate(birth);
        var serviceStart = ServiceStart(birthDate, start);
        var nip = IdentityNumbers.Nip(birthDate, serviceStart.Year, serviceStart.Month, '1', 1);
        var claimedBirth = birthDate.AddDays(1 + (shift.Get % 3000));

        var errors = NipRules.Validate(nip, EmploymentType.Pns, claimedBirth, flipGender ? Gender.F : Gender.M, Today);

        IReadOnlyList<string> expected = flipGender
            ? [IdentityErrorCodes.NipBirthDateMismatch, IdentityErrorCodes.NipGenderMismatch]
            : [IdentityErrorCodes.NipBirthDateMismatch];
        return errors.SequenceEqual(expected);
    }

    [Property(MaxTest = 1000)]
    public bool Nip_invalid_never_comes_with_a_mismatch(string? text, DateOnly birthDate, bool female)
    {
        var errors = NipRules.Validate(text, EmploymentType.Pns, birthDate, female ? Gender.F : Gender.M, Today);

        return !errors.Contains(IdentityErrorCodes.NipInvalid) || errors.Count == 1;
    }

    [Property(MaxTest = 2000)]
    public bool A_well_formed_nik_agrees_with_the_birth_date_and_gender_it_encodes(NonNegativeInt birth, bool female, NonNegativeInt region, NonNegativeInt sequence)
    {
        var birthDate = BirthDate(birth);
        var province = Provinces[region.Get % Provinces.Length];
        var nik = IdentityNumbers.Nik(province + "0101", birthDate, female, 1 + (sequence.Get % 9999));
        var gender = female ? Gender.F : Gender.M;

        var decoded = NikRules.Decode(nik, ProvinceCodes.Reference);

        return decoded is not null
            && decoded.Gender == gender
            && decoded.DateInCenturyOf(birthDate) == birthDate
            && NikRules.Validate(nik, birthDate, gender, ProvinceCodes.Reference).Count == 0
            && NikRules.Validate(nik, birthDate.AddDays(1), gender, ProvinceCodes.Reference).SequenceEqual([IdentityErrorCodes.NikMismatch])
            && NikRules.Validate(nik, birthDate, female ? Gender.M : Gender.F, ProvinceCodes.Reference).SequenceEqual([IdentityErrorCodes.NikMismatch]);
    }

    [Property(MaxTest = 1000)]
    public bool Nik_invalid_never_comes_with_a_mismatch(string? text, DateOnly birthDate, bool female)
    {
        var errors = NikRules.Validate(text, birthDate, female ? Gender.F : Gender.M, ProvinceCodes.Reference);

        return !errors.Contains(IdentityErrorCodes.NikInvalid) || errors.Count == 1;
    }
}
