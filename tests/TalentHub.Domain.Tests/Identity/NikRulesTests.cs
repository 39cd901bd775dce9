using TalentHub.Domain.Identity;

namespace TalentHub.Domain.Tests.Identity;

public class NikRulesTests
{
    private static bool IsValid(string? nik) => NikRules.Decode(nik, ProvinceCodes.Reference) is not null;

    private static IReadOnlyList<string> Validate(string? nik, DateOnly? birthDate, Gender? gender) =>
        NikRules.Validate(nik, birthDate, gender, ProvinceCodes.Reference);

    [Fact]
    public void The_example_of_the_specification_decodes_to_its_parts()
    {
        var decoded = NikRules.Decode("3578015503850002", ProvinceCodes.Reference);

        Assert.NotNull(decoded);
        Assert.Equal("35", decoded.ProvinceCode);
        Assert.Equal("357801", decoded.RegionCode);
        Assert.Equal(15, decoded.Day);
        Assert.Equal(3, decoded.Month);
        Assert.Equal(85, decoded.TwoDigitYear);
        Assert.Equal(Gender.F, decoded.Gender);
        Assert.Equal(2, decoded.Sequence);
        Assert.Empty(Validate("3578015503850002", new DateOnly(1985, 3, 15), Gender.F));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("357801550385000")]
    [InlineData("35780155038500021")]
    [InlineData("35780155038500O2")]
    [InlineData("3578 15503850002")]
    public void Anything_but_sixteen_ascii_digits_is_invalid(string? nik) => Assert.False(IsValid(nik));

    [Theory]
    [InlineData("00", false)]
    [InlineData("10", false)]
    [InlineData("11", true)]
    [InlineData("20", false)]
    [InlineData("31", true)]
    [InlineData("96", true)]
    [InlineData("97", false)]
    [InlineData("99", false)]
    public void The_province_code_must_be_a_reference_province(string province, bool valid) =>
        Assert.Equal(valid, IsValid(IdentityNumbers.Nik(province + "7801", 15, 3, 85, 2)));

    [Fact]
    public void The_province_list_is_a_parameter()
    {
        var nik = IdentityNumbers.Nik("997801", 15, 3, 85, 2);

        Assert.NotNull(NikRules.Decode(nik, new HashSet<string>(["99"])));
        Assert.Equal([IdentityErrorCodes.NikInvalid], NikRules.Validate(nik, null, null, new HashSet<string>(["35"])));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(31, true)]
    [InlineData(32, false)]
    [InlineData(40, false)]
    [InlineData(41, true)]
    [InlineData(71, true)]
    [InlineData(72, false)]
    [InlineData(99, false)]
    public void The_day_is_1_to_31_for_men_and_41_to_71_for_women(int encodedDay, bool valid) =>
        Assert.Equal(valid, IsValid(IdentityNumbers.Nik("357801", encodedDay, 1, 85, 2)));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(12, true)]
    [InlineData(13, false)]
    public void The_month_is_01_to_12(int month, bool valid) =>
        Assert.Equal(valid, IsValid(IdentityNumbers.Nik("357801", 10, month, 85, 2)));

    [Theory]
    [InlineData(30, 4, true)]
    [InlineData(31, 4, false)]
    [InlineData(71, 4, false)]
    [InlineData(28, 2, true)]
    [InlineData(30, 2, false)]
    public void The_encoded_date_must_be_real(int encodedDay, int month, bool valid) =>
        Assert.Equal(valid, IsValid(IdentityNumbers.Nik("357801", encodedDay, month, 85, 2)));

    [Theory]
    [InlineData(84, true)]
    [InlineData(85, false)]
    [InlineData(0, true)]
    public void The_twenty_ninth_of_february_is_real_only_in_a_year_that_can_be_leap(int twoDigitYear, bool valid)
    {
        Assert.Equal(valid, IsValid(IdentityNumbers.Nik("357801", 29, 2, twoDigitYear, 2)));
        Assert.Equal(valid, IsValid(IdentityNumbers.Nik("357801", 69, 2, twoDigitYear, 2)));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(9999, true)]
    public void The_sequence_is_not_0000(int sequence, bool valid) =>
        Assert.Equal(valid, IsValid(IdentityNumbers.Nik("357801", 15, 3, 85, sequence)));

    [Fact]
    public void Forty_is_added_to_the_day_for_women()
    {
        var birthDate = new DateOnly(1985, 3, 15);

        Assert.Empty(Validate(IdentityNumbers.Nik("357801", birthDate, female: true, 2), birthDate, Gender.F));
        Assert.Empty(Validate(IdentityNumbers.Nik("357801", birthDate, female: false, 2), birthDate, Gender.M));
        Assert.Equal([IdentityErrorCodes.NikMismatch], Validate(IdentityNumbers.Nik("357801", birthDate, female: false, 2), birthDate, Gender.F));
        Assert.Equal([IdentityErrorCodes.NikMismatch], Validate(IdentityNumbers.Nik("357801", birthDate, female: true, 2), birthDate, Gender.M));
    }

    [Theory]
    [InlineData(1985, 3, 16)]
    [InlineData(1985, 4, 15)]
    [InlineData(1986, 3, 15)]
    [InlineData(2085, 4, 15)]
    public void A_different_birth_date_is_a_mismatch(int year, int month, int day) =>
        Assert.Equal([IdentityErrorCodes.NikMismatch], Validate("3578015503850002", new DateOnly(year, month, day), Gender.F));

    [Fact]
    public void The_century_of_the_nik_date_is_taken_from_the_birth_date()
    {
        var nik = IdentityNumbers.Nik("357801", 10, 5, 1, 2);

        Assert.Empty(Validate(nik, new DateOnly(2001, 5, 10), Gender.M));
        Assert.Empty(Validate(nik, new DateOnly(1901, 5, 10), Gender.M));
        Assert.Equal([IdentityErrorCodes.NikMismatch], Validate(nik, new DateOnly(1991, 5, 10), Gender.M));
    }

    [Fact]
    public void The_twenty_ninth_of_february_of_00_agrees_with_2000_but_not_with_1900()
    {
        var nik = IdentityNumbers.Nik("357801", 29, 2, 0, 2);

        Assert.Empty(Validate(nik, new DateOnly(2000, 2, 29), Gender.M));
        Assert.Equal([IdentityErrorCodes.NikMismatch], Validate(nik, new DateOnly(1900, 2, 28), Gender.M));
    }

    [Fact]
    public void A_date_and_a_sex_mismatch_together_are_one_error() =>
        Assert.Equal([IdentityErrorCodes.NikMismatch], Validate("3578015503850002", new DateOnly(1990, 1, 1), Gender.M));

    [Fact]
    public void An_absent_birth_date_or_gender_is_not_compared()
    {
        Assert.Empty(Validate("3578015503850002", null, null));
        Assert.Empty(Validate("3578015503850002", null, Gender.F));
        Assert.Empty(Validate("3578015503850002", new DateOnly(1985, 3, 15), null));
    }

    [Fact]
    public void An_undecodable_nik_gets_nik_invalid_alone() =>
        Assert.Equal([IdentityErrorCodes.NikInvalid], Validate("3578013503850000", new DateOnly(1990, 1, 1), Gender.F));
}
