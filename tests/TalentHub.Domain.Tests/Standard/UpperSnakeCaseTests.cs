using FsCheck;
using FsCheck.Fluent;
using TalentHub.Domain.Agencies;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Tests.Standard;

public sealed class UpperSnakeCaseTests
{
    [Theory]
    [InlineData(PositionLevel.JptUtama, "JPT_UTAMA")]
    [InlineData(PositionLevel.FungsionalAhliPertama, "FUNGSIONAL_AHLI_PERTAMA")]
    [InlineData(PositionLevel.Pelaksana, "PELAKSANA")]
    public void Position_levels_are_spelled_as_the_contract_spells_them(PositionLevel level, string spelling) =>
        Assert.Equal(spelling, UpperSnakeCase.Of(level));

    [Fact]
    public void Other_enums_are_spelled_as_the_contract_spells_them()
    {
        Assert.Equal("SOCIO_CULTURAL", UpperSnakeCase.Of(CompetencyGroup.SocioCultural));
        Assert.Equal("CUKUP_OPTIMAL", UpperSnakeCase.Of(JpmCategory.CukupOptimal));
        Assert.Equal("PPPK", UpperSnakeCase.Of(EmploymentType.Pppk));
        Assert.Equal("CITY", UpperSnakeCase.Of(AgencyKind.City));
    }

    [Fact]
    public void Every_value_of_every_contract_enum_round_trips()
    {
        AssertRoundTrips<PositionLevel>();
        AssertRoundTrips<CompetencyGroup>();
        AssertRoundTrips<JpmCategory>();
        AssertRoundTrips<EmploymentType>();
        AssertRoundTrips<AgencyKind>();
    }

    [Theory]
    [InlineData("jpt_utama")]
    [InlineData("JptUtama")]
    [InlineData("JPT UTAMA")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("0")]
    public void Anything_but_the_exact_spelling_is_refused(string? text) =>
        Assert.False(UpperSnakeCase.TryParse<PositionLevel>(text, out _));

    [Fact]
    public void Parsing_accepts_exactly_the_spellings_of_the_values()
    {
        var spellings = Enum.GetValues<PositionLevel>().Select(UpperSnakeCase.Of).ToHashSet(StringComparer.Ordinal);
        Prop.ForAll<string>(text => UpperSnakeCase.TryParse<PositionLevel>(text, out _) == (text is not null && spellings.Contains(text)))
            .QuickCheckThrowOnFailure();
    }

    private static void AssertRoundTrips<TEnum>()
        where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            Assert.True(UpperSnakeCase.TryParse<TEnum>(UpperSnakeCase.Of(value), out var parsed));
            Assert.Equal(value, parsed);
        }
    }
}
