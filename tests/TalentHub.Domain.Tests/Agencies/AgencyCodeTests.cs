using FsCheck;
using FsCheck.Fluent;
using TalentHub.Domain.Agencies;

namespace TalentHub.Domain.Tests.Agencies;

public sealed class AgencyCodeTests
{
    [Theory]
    [InlineData("BKN")]
    [InlineData("PROV-35")]
    [InlineData("KAB-3501")]
    [InlineData("KOTA-3578")]
    [InlineData("KEMENKEU")]
    [InlineData("AB")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345")]
    public void Well_formed_codes_are_accepted(string code) => Assert.True(AgencyCode.IsWellFormed(code));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456")]
    [InlineData("prov-35")]
    [InlineData("PROV 35")]
    [InlineData("PROV_35")]
    [InlineData("KÉMENKEU")]
    public void Malformed_codes_are_refused(string? code) => Assert.False(AgencyCode.IsWellFormed(code));

    [Theory]
    [InlineData("PROV-35", AgencyKind.Province, "35")]
    [InlineData("KAB-3501", AgencyKind.Regency, "35")]
    [InlineData("KOTA-3578", AgencyKind.City, "35")]
    [InlineData("KEMENKEU", AgencyKind.Central, null)]
    [InlineData("BKN", AgencyKind.Central, "31")]
    public void Codes_that_agree_with_kind_and_province_have_no_problems(string code, AgencyKind kind, string? province) =>
        Assert.Empty(AgencyCode.Problems(code, kind, province));

    [Theory]
    [InlineData("PROV-35", AgencyKind.Province, "33")]
    [InlineData("PROV-35", AgencyKind.Province, null)]
    [InlineData("PROV-35", AgencyKind.Central, null)]
    [InlineData("KAB-3501", AgencyKind.Regency, "33")]
    [InlineData("KAB-3501", AgencyKind.City, "35")]
    [InlineData("KAB-351", AgencyKind.Regency, "35")]
    [InlineData("KAB-35011", AgencyKind.Regency, "35")]
    [InlineData("KAB-35AB", AgencyKind.Regency, "35")]
    [InlineData("KOTA-3578", AgencyKind.City, null)]
    [InlineData("KEMENKEU", AgencyKind.Province, "35")]
    [InlineData("KEMENKEU", AgencyKind.Central, "3")]
    [InlineData("KEMENKEU", AgencyKind.Central, "AB")]
    public void Codes_that_contradict_kind_or_province_have_problems(string code, AgencyKind kind, string? province) =>
        Assert.NotEmpty(AgencyCode.Problems(code, kind, province));

    [Fact]
    public void Every_province_government_code_agrees_with_its_province_and_no_other()
    {
        var provinces = Gen.Choose(11, 99).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Prop.ForAll(Arb.From(provinces), Arb.From(provinces), (own, other) =>
                AgencyCode.Problems(AgencyCode.ForProvince(own), AgencyKind.Province, own).Count == 0
                && (own == other || AgencyCode.Problems(AgencyCode.ForProvince(own), AgencyKind.Province, other).Count > 0))
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Any_string_outside_the_alphabet_or_length_is_malformed()
    {
        Prop.ForAll<string>(text =>
            {
                var expected = text is { Length: >= 2 and <= 32 } && text.All(c => c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-');
                return AgencyCode.IsWellFormed(text) == expected;
            })
            .QuickCheckThrowOnFailure();
    }
}
