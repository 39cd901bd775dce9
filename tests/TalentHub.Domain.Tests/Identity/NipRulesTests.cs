using TalentHub.Domain.Identity;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Tests.Identity;

public class NipRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 1);

    private static bool IsValid(string? nip, EmploymentType type = EmploymentType.Pns) =>
        NipRules.Decode(nip, type, Today) is not null;

    [Fact]
    public void The_example_of_the_specification_decodes_to_its_parts()
    {
        var decoded = NipRules.Decode("198503152010012002", EmploymentType.Pns, Today);

        Assert.NotNull(decoded);
        Assert.Equal(new DateOnly(1985, 3, 15), decoded.BirthDate);
        Assert.Equal(2010, decoded.ServiceStartYear);
        Assert.Equal(1, decoded.MiddleCode);
        Assert.Equal(Gender.F, decoded.Gender);
        Assert.Equal(2, decoded.Sequence);
        Assert.Equal(new DateOnly(2010, 1, 1), decoded.AgeReferenceDate);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("19850315201001200")]
    [InlineData("1985031520100120021")]
    [InlineData("19850315201001200X")]
    [InlineData(" 98503152010012002")]
    [InlineData("1985-03-15-2010012")]
    [InlineData("١٩٨٥٠٣١٥٢٠١٠٠١٢٠٠٢")]
    public void Anything_but_eighteen_ascii_digits_is_invalid(string? nip) => Assert.False(IsValid(nip));

    [Theory]
    [InlineData("198502292010012002")]
    [InlineData("198504312010012002")]
    [InlineData("198513012010012002")]
    [InlineData("198500152010012002")]
    [InlineData("198503002010012002")]
    [InlineData("000003152010012002")]
    public void The_birth_date_must_be_a_real_date(string nip) => Assert.False(IsValid(nip));

    [Fact]
    public void The_twenty_ninth_of_february_is_a_birth_date_in_a_leap_year() =>
        Assert.True(IsValid(IdentityNumbers.Nip(new DateOnly(1984, 2, 29), 2010, 1, '1', 1)));

    [Fact]
    public void The_birth_date_may_not_be_in_the_future()
    {
        Assert.False(IsValid(IdentityNumbers.Nip(Today.AddDays(1), 2026, 11, '1', 1), EmploymentType.Pppk));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(12, true)]
    [InlineData(13, false)]
    [InlineData(99, false)]
    public void The_service_start_month_of_a_pns_is_01_to_12(int month, bool valid) =>
        Assert.Equal(valid, IsValid(IdentityNumbers.Nip(new DateOnly(1985, 3, 15), 2010, month, '2', 2)));

    [Theory]
    [InlineData(1949, false)]
    [InlineData(1950, true)]
    public void The_service_start_is_not_before_1950(int year, bool valid)
    {
        Assert.Equal(valid, IsValid(IdentityNumbers.Nip(new DateOnly(1930, 1, 1), year, 1, '1', 1)));
        Assert.Equal(valid, IsValid(IdentityNumbers.Nip(new DateOnly(1930, 1, 1), year, 55, '1', 1), EmploymentType.Pppk));
    }

    [Theory]
    [InlineData(2026, 10, true)]
    [InlineData(2026, 11, true)]
    [InlineData(2026, 12, false)]
    [InlineData(2027, 1, false)]
    public void The_service_start_of_a_pns_is_not_after_this_month(int year, int month, bool valid) =>
        Assert.Equal(valid, IsValid(IdentityNumbers.Nip(new DateOnly(2000, 1, 1), year, month, '1', 1)));

    [Fact]
    public void A_person_who_is_18_exactly_on_the_first_day_of_the_service_month_is_valid()
    {
        Assert.True(IsValid(IdentityNumbers.Nip(new DateOnly(1992, 1, 1), 2010, 1, '1', 1)));
        Assert.True(IsValid(IdentityNumbers.Nip(new DateOnly(1992, 6, 1), 2010, 6, '1', 1)));
    }

    [Fact]
    public void A_person_one_day_short_of_18_on_the_first_day_of_the_service_month_is_invalid()
    {
        Assert.False(IsValid(IdentityNumbers.Nip(new DateOnly(1992, 1, 2), 2010, 1, '1', 1)));
        Assert.False(IsValid(IdentityNumbers.Nip(new DateOnly(1992, 6, 2), 2010, 6, '1', 1)));
    }

    [Fact]
    public void A_person_born_on_29_february_turns_18_on_28_february()
    {
        var leapBirth = new DateOnly(2000, 2, 29);

        Assert.True(IsValid(IdentityNumbers.Nip(leapBirth, 2018, 3, '2', 7)));
        Assert.False(IsValid(IdentityNumbers.Nip(leapBirth, 2018, 2, '2', 7)));
    }

    [Theory]
    [InlineData('0', false)]
    [InlineData('1', true)]
    [InlineData('2', true)]
    [InlineData('3', false)]
    [InlineData('9', false)]
    public void The_gender_digit_is_1_or_2(char digit, bool valid) =>
        Assert.Equal(valid, IsValid(IdentityNumbers.Nip(new DateOnly(1985, 3, 15), 2010, 1, digit, 2)));

    [Fact]
    public void The_gender_digit_decodes_to_male_or_female()
    {
        Assert.Equal(Gender.M, NipRules.Decode(IdentityNumbers.Nip(new DateOnly(1985, 3, 15), 2010, 1, '1', 2), EmploymentType.Pns, Today)!.Gender);
        Assert.Equal(Gender.F, NipRules.Decode(IdentityNumbers.Nip(new DateOnly(1985, 3, 15), 2010, 1, '2', 2), EmploymentType.Pns, Today)!.Gender);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(999, true)]
    public void The_sequence_is_not_000(int sequence, bool valid) =>
        Assert.Equal(valid, IsValid(IdentityNumbers.Nip(new DateOnly(1985, 3, 15), 2010, 1, '1', sequence)));

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(21)]
    [InlineData(99)]
    public void The_middle_block_of_a_pppk_is_a_year_and_an_appointment_code_not_a_month(int code)
    {
        var nip = IdentityNumbers.Nip(new DateOnly(1990, 1, 1), 2021, code, '1', 1);

        var decoded = NipRules.Decode(nip, EmploymentType.Pppk, Today);

        Assert.NotNull(decoded);
        Assert.Equal(code, decoded.MiddleCode);
        Assert.False(IsValid(nip, EmploymentType.Pns));
    }

    [Theory]
    [InlineData(2026, true)]
    [InlineData(2027, false)]
    public void The_year_of_a_pppk_is_not_after_this_year(int year, bool valid) =>
        Assert.Equal(valid, IsValid(IdentityNumbers.Nip(new DateOnly(1990, 1, 1), year, 12, '1', 1), EmploymentType.Pppk));

    [Fact]
    public void The_age_rule_of_a_pppk_uses_1_january_of_the_year()
    {
        Assert.True(IsValid(IdentityNumbers.Nip(new DateOnly(2003, 1, 1), 2021, 6, '1', 1), EmploymentType.Pppk));
        Assert.False(IsValid(IdentityNumbers.Nip(new DateOnly(2003, 1, 2), 2021, 6, '1', 1), EmploymentType.Pppk));
        Assert.True(IsValid(IdentityNumbers.Nip(new DateOnly(2003, 1, 2), 2021, 6, '1', 1), EmploymentType.Pns));
    }

    [Fact]
    public void A_valid_nip_that_agrees_with_the_record_has_no_errors() =>
        Assert.Empty(NipRules.Validate("198503152010012002", EmploymentType.Pns, new DateOnly(1985, 3, 15), Gender.F, Today));

    [Fact]
    public void A_different_birth_date_is_a_birth_date_mismatch() =>
        Assert.Equal(
            [IdentityErrorCodes.NipBirthDateMismatch],
            NipRules.Validate("198503152010012002", EmploymentType.Pns, new DateOnly(1985, 3, 16), Gender.F, Today));

    [Fact]
    public void A_different_gender_is_a_gender_mismatch() =>
        Assert.Equal(
            [IdentityErrorCodes.NipGenderMismatch],
            NipRules.Validate("198503152010012002", EmploymentType.Pns, new DateOnly(1985, 3, 15), Gender.M, Today));

    [Fact]
    public void Both_mismatches_are_reported_together() =>
        Assert.Equal(
            [IdentityErrorCodes.NipBirthDateMismatch, IdentityErrorCodes.NipGenderMismatch],
            NipRules.Validate("198503152010012002", EmploymentType.Pns, new DateOnly(1986, 3, 15), Gender.M, Today));

    [Fact]
    public void An_absent_birth_date_or_gender_is_not_compared() =>
        Assert.Empty(NipRules.Validate("198503152010012002", EmploymentType.Pns, null, null, Today));

    [Fact]
    public void An_undecodable_nip_gets_nip_invalid_alone_and_no_mismatch() =>
        Assert.Equal(
            [IdentityErrorCodes.NipInvalid],
            NipRules.Validate("198503152010132002", EmploymentType.Pns, new DateOnly(1970, 1, 1), Gender.M, Today));

    [Fact]
    public void A_previous_nip_is_valid_under_either_rule_with_the_same_birth_date()
    {
        var birthDate = new DateOnly(1990, 4, 12);

        Assert.True(NipRules.IsValidPreviousNip(IdentityNumbers.Nip(birthDate, 2021, 25, '1', 3), birthDate, Today));
        Assert.True(NipRules.IsValidPreviousNip(IdentityNumbers.Nip(birthDate, 2015, 3, '1', 3), birthDate, Today));
        Assert.False(NipRules.IsValidPreviousNip(IdentityNumbers.Nip(birthDate, 2021, 25, '1', 3), birthDate.AddDays(1), Today));
        Assert.False(NipRules.IsValidPreviousNip(IdentityNumbers.Nip(birthDate, 2021, 25, '3', 3), birthDate, Today));
    }
}
