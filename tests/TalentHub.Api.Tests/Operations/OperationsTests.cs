using System.Net;
using System.Text.Json;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class OperationsTests(TalentHubFactory factory)
{
    [Fact]
    public async Task Health_endpoints_are_anonymous_and_ready_checks_the_database_and_the_job_storage()
    {
        using var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await (await client.GetAsync("/health/ready")).JsonAsync();

        Assert.Equal("HEALTHY", ready.GetProperty("status").GetString());
        Assert.Equal("HEALTHY", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("HEALTHY", ready.GetProperty("checks").GetProperty("jobStorage").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Swagger_ui_is_anonymous_and_points_at_the_openapi_document()
    {
        using var client = factory.CreateClient();

        using var page = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var config = await client.GetStringAsync("/swagger/index.js");
        Assert.Contains("/openapi/v1.json", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_hangfire_dashboard_needs_an_admin_token_turned_into_a_strict_short_lived_cookie()
    {
        using var anonymous = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        await (await anonymous.GetAsync("/hangfire")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var agencyToken = await TokenOf(await factory.CreateApiClientAsync("PROV-35", "profiles.read"));
        await (await anonymous.GetAsync("/hangfire/login?access_token=" + agencyToken)).AssertProblemAsync(HttpStatusCode.Forbidden);

        var adminToken = await factory.TokenAsync(factory.AdminClientId, factory.AdminSecret);
        using var login = await anonymous.GetAsync("/hangfire/login?access_token=" + adminToken);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookie = Assert.Single(login.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/hangfire", cookie, StringComparison.OrdinalIgnoreCase);
        var maxAge = int.Parse(cookie.Split("max-age=")[1].Split(';')[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(maxAge, 1, 900);

        using var dashboard = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        dashboard.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var page = await anonymous.SendAsync(dashboard);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("TalentHub jobs", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var agencyBearer = factory.Authorized(agencyToken);
        await (await agencyBearer.GetAsync("/hangfire")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<string> TokenOf((string ClientId, string Secret) client) => await factory.TokenAsync(client.ClientId, client.Secret);

    [Fact]
    public async Task The_clock_is_the_one_that_issues_tokens_and_can_be_fixed_by_configuration()
    {
        var fixedAt = new DateTimeOffset(2026, 1, 2, 9, 0, 0, TimeSpan.FromHours(7));
        using var fixedFactory = factory.WithWebHostBuilder(builder => builder.UseSetting("Clock:Now", fixedAt.ToString("O")).UseSetting("role", "api"));
        using var client = fixedFactory.CreateClient();

        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = factory.AdminClientId,
            ["client_secret"] = factory.AdminSecret,
        }));
        var token = (await response.JsonAsync()).GetProperty("access_token").GetString()!;
        var payload = JsonDocument.Parse(Base64UrlDecode(token.Split('.')[1])).RootElement;
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(payload.GetProperty("iat").GetInt64());

        Assert.InRange(issuedAt, fixedAt.AddMinutes(-1), fixedAt.AddMinutes(5));
        using var authorized = fixedFactory.CreateClient();
        authorized.DefaultRequestHeaders.Authorization = new("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await authorized.GetAsync("/api/v1/standard")).StatusCode);
    }

    [Fact]
    public async Task The_migrate_verb_builds_its_host_with_validated_services_and_is_idempotent()
    {
        // Development validates every registration when the host is built, as deploy/local/run.sh does.
        var exit = await TalentHub.Api.Hosting.HostCommands.RunAsync(
            ["migrate", "--ConnectionStrings:TalentHub", factory.ConnectionString, "--environment", "Development"]);

        Assert.Equal(0, exit);
    }

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
}
