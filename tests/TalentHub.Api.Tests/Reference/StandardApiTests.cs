using System.Net;
using System.Net.Http.Headers;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Reference;

[Collection(ApiCollection.Name)]
public sealed class StandardApiTests(TalentHubFactory factory)
{
    [Fact]
    public async Task Any_valid_token_reads_the_seeded_national_standard()
    {
        using var client = await factory.ClientWithScopesAsync("PROV-35", "analytics.read");

        var standard = await (await client.GetAsync("/api/v1/standard")).JsonAsync();

        var competencies = standard.GetProperty("competencies").EnumerateArray().ToList();
        Assert.Equal(["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "SK1"], competencies.Select(c => c.GetProperty("code").GetString()));
        Assert.Equal("SOCIO_CULTURAL", competencies[^1].GetProperty("group").GetString());
        Assert.Contains("KERJASAMA", competencies[1].GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));

        var technical = standard.GetProperty("technicalDictionary").EnumerateArray().ToList();
        Assert.Contains(technical, f => f.GetProperty("family").GetString() == "KEU"
            && f.GetProperty("competencies").EnumerateArray().Any(c => c.GetProperty("code").GetString() == "T.KEU.01"));
        Assert.All(technical.SelectMany(f => f.GetProperty("competencies").EnumerateArray()), c => Assert.Equal("TECHNICAL", c.GetProperty("group").GetString()));

        Assert.Equal(5, standard.GetProperty("levels").GetArrayLength());
        var positionLevels = standard.GetProperty("positionLevels").EnumerateArray().ToList();
        Assert.Equal(14, positionLevels.Count);
        var pratama = positionLevels.Single(p => p.GetProperty("positionLevel").GetString() == "JPT_PRATAMA");
        Assert.True(pratama.GetProperty("isJpt").GetBoolean());
        Assert.Equal(4, pratama.GetProperty("standard").GetProperty("M4").GetInt32());
        Assert.Equal(["ADMINISTRATOR", "FUNGSIONAL_AHLI_MADYA"], pratama.GetProperty("feeders").EnumerateArray().Select(f => f.GetString()));

        Assert.Equal(6, standard.GetProperty("methods").GetArrayLength());
        Assert.Equal("ASSESSMENT_CENTER", standard.GetProperty("methods")[0].GetProperty("code").GetString());
        Assert.Equal(17, standard.GetProperty("grades").GetProperty("pns").GetArrayLength());
        Assert.Equal("IV/e", standard.GetProperty("grades").GetProperty("pns")[16].GetProperty("code").GetString());
        Assert.Equal(38, standard.GetProperty("provinces").GetArrayLength());
        Assert.Equal(90, standard.GetProperty("jpmThresholds").GetProperty("OPTIMAL").GetDecimal());
        Assert.Equal(78, standard.GetProperty("jpmThresholds").GetProperty("CUKUP_OPTIMAL").GetDecimal());
    }

    [Fact]
    public async Task The_standard_carries_an_etag_and_If_None_Match_gives_304()
    {
        using var client = await factory.AdminClientAsync();
        using var first = await client.GetAsync("/api/v1/standard");
        var etag = first.Headers.ETag;
        Assert.NotNull(etag);
        Assert.False(etag.IsWeak);

        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/api/v1/standard");
        conditional.Headers.IfNoneMatch.Add(etag);
        using var notModified = await client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/api/v1/standard");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Without_a_token_the_standard_is_a_401_problem()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/v1/standard");

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("/api/v1/standard", problem.GetProperty("instance").GetString());
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }
}
