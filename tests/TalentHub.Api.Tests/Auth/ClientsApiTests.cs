using System.Net;
using System.Net.Http.Json;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Auth;

[Collection(ApiCollection.Name)]
public sealed class ClientsApiTests(TalentHubFactory factory)
{
    [Fact]
    public async Task A_created_client_shows_its_secret_once_and_is_listed_without_it()
    {
        using var admin = await factory.AdminClientAsync();

        using var created = await admin.PostAsJsonAsync("/api/v1/admin/clients", new { name = "SIMPEG Jawa Timur", agencyCode = "PROV-35", scopes = new[] { "submissions.write", "mappings.write" } });

        var body = await created.JsonAsync(HttpStatusCode.Created);
        var id = body.GetProperty("clientId").GetString()!;
        Assert.StartsWith("thc_", id, StringComparison.Ordinal);
        Assert.True(body.GetProperty("clientSecret").GetString()!.Length >= 43);
        Assert.Equal($"/api/v1/admin/clients/{id}", created.Headers.Location?.ToString());

        var read = await admin.GetStringAsync($"/api/v1/admin/clients/{id}");
        Assert.DoesNotContain("secret\"", read.Replace("secretRotatedAt\"", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(body.GetProperty("clientSecret").GetString()!, read, StringComparison.Ordinal);

        var found = false;
        string? cursor = null;
        do
        {
            var page = await (await admin.GetAsync("/api/v1/admin/clients?limit=2" + (cursor is null ? "" : "&cursor=" + cursor))).JsonAsync();
            found |= page.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("clientId").GetString() == id);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.True(found);
    }

    [Theory]
    [InlineData("changes.read")]
    [InlineData("stewardship")]
    [InlineData("admin")]
    public async Task An_agency_client_can_never_hold_national_scopes(string scope)
    {
        using var admin = await factory.AdminClientAsync();

        using var response = await admin.PostAsJsonAsync("/api/v1/admin/clients", new { name = "Too powerful", agencyCode = "PROV-35", scopes = new[] { "profiles.read", scope } });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("scopes", out _));
    }

    [Fact]
    public async Task Unknown_scopes_unknown_agencies_and_missing_names_are_refused()
    {
        using var admin = await factory.AdminClientAsync();

        using var response = await admin.PostAsJsonAsync("/api/v1/admin/clients", new { name = "", agencyCode = "KAB-0000", scopes = new[] { "everything" } });

        var errors = (await response.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("name", out _));
        Assert.True(errors.TryGetProperty("agencyCode", out _));
        Assert.True(errors.TryGetProperty("scopes", out _));
    }

    [Fact]
    public async Task Disabling_is_idempotent_and_a_disabled_client_keeps_no_secret_rotation()
    {
        var (id, _) = await factory.CreateApiClientAsync(null, "profiles.read");
        using var admin = await factory.AdminClientAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/clients/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/clients/{id}")).StatusCode);
        var read = await (await admin.GetAsync($"/api/v1/admin/clients/{id}")).JsonAsync();
        Assert.True(read.GetProperty("disabled").GetBoolean());

        await (await admin.PostAsync($"/api/v1/admin/clients/{id}/rotate-secret", null)).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await admin.DeleteAsync("/api/v1/admin/clients/thc_unknown")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Client_administration_needs_the_admin_scope()
    {
        using var bknReader = await factory.ClientWithScopesAsync(null, "profiles.read", "changes.read");

        await (await bknReader.GetAsync("/api/v1/admin/clients")).AssertProblemAsync(HttpStatusCode.Forbidden);
        await (await bknReader.PostAsJsonAsync("/api/v1/admin/clients", new { name = "x", scopes = new[] { "admin" } })).AssertProblemAsync(HttpStatusCode.Forbidden);
    }
}
