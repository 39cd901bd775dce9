using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using TalentHub.Api.Hosting;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Api.Tests.Infrastructure;

/// <summary>
/// The real host on a database of its own, migrated by the same explicit step as production, with a random
/// signing key. Tests reach it over its HTTP pipeline with tokens from its own token endpoint.
/// </summary>
public class TalentHubFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string TestKeyId = "test-key";

    public string ConnectionString { get; private set; } = "";
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    public string AdminClientId { get; private set; } = "";
    public string AdminSecret { get; private set; } = "";

    /// <summary>Extra configuration for a test host (e.g. a low rate limit).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public ShiftedTimeProvider Clock => (ShiftedTimeProvider)Services.GetRequiredService<TimeProvider>();

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateDatabaseAsync();
        await DatabaseMigrator.MigrateAsync(ConnectionString, "hangfire", TimeProvider.System, CancellationToken.None);
        await AfterMigrationAsync();
        var admin = await HostCommands.CreateAdminClientAsync(Services, "Test administrator", CancellationToken.None);
        AdminClientId = admin.Client.ClientId;
        AdminSecret = admin.Secret;
    }

    /// <summary>A hook for fixtures that need a database in a particular (e.g. damaged) state.</summary>
    protected virtual Task AfterMigrationAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:TalentHub", ConnectionString);
        builder.UseSetting("Auth:SigningKeys:0:KeyId", TestKeyId);
        builder.UseSetting("Auth:SigningKeys:0:Key", SigningKey);
        builder.UseSetting("Hangfire:WorkerCount", "2");
        // Every test mints tokens from one address; the per-address token limit is tested with its own host.
        builder.UseSetting("RateLimiting:TokenPermitsPerWindow", "100000");
        // Small pieces, so that even a test's export is stored in several and a Range read crosses them.
        builder.UseSetting("Exports:ChunkBytes", "1024");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<string> TokenAsync(string clientId, string secret, string? scope = null)
    {
        using var client = CreateClient();
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        using var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("access_token").GetString()!;
    }

    private string? _adminToken;

    /// <summary>An HTTP client bearing an admin token (minted once per host: tokens last 15 minutes, a test run less).</summary>
    public async Task<HttpClient> AdminClientAsync() => Authorized(_adminToken ??= await TokenAsync(AdminClientId, AdminSecret));

    public HttpClient Authorized(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Creates a client through the admin API and returns an HTTP client bearing its token.</summary>
    public async Task<(string ClientId, string Secret)> CreateApiClientAsync(string? agencyCode, params string[] scopes)
    {
        using var admin = await AdminClientAsync();
        using var response = await admin.PostAsJsonAsync("/api/v1/admin/clients", new { name = "Test client " + Guid.NewGuid().ToString("N")[..6], agencyCode, scopes });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("clientId").GetString()!, created.GetProperty("clientSecret").GetString()!);
    }

    public async Task<HttpClient> ClientWithScopesAsync(string? agencyCode, params string[] scopes)
    {
        var (id, secret) = await CreateApiClientAsync(agencyCode, scopes);
        return Authorized(await TokenAsync(id, secret));
    }
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<TalentHubFactory>
{
    public const string Name = "api";
}
