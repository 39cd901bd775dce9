using System.Net;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Operations;

public sealed class LowRateLimitFactory : TalentHubFactory
{
    public const int Permits = 5;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["role"] = "api",
        ["RateLimiting:PermitsPerWindow"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimiting:Window"] = "00:10:00",
    };
}

public sealed class RateLimitTests(LowRateLimitFactory factory) : IClassFixture<LowRateLimitFactory>
{
    [Fact]
    public async Task A_client_over_its_limit_gets_429_problems_with_Retry_After_while_other_clients_go_on()
    {
        using var first = await factory.ClientWithScopesAsync(null, "profiles.read");
        using var second = await factory.ClientWithScopesAsync("PROV-35", "profiles.read");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < LowRateLimitFactory.Permits; i++)
        {
            using var response = await first.GetAsync("/api/v1/agencies/BKN");
            statuses.Add(response.StatusCode);
        }

        using var refused = await first.GetAsync("/api/v1/agencies/BKN");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");

        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/agencies/BKN")).StatusCode);
    }
}
