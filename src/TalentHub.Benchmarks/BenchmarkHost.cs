using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TalentHub.Api.Hosting;

namespace TalentHub.Benchmarks;

/// <summary>The real API host, in process on a free port over real HTTP, with a client of the agency under test.</summary>
public sealed class BenchmarkHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchmarkHost(WebApplication app, HttpClient agency)
    {
        _app = app;
        Agency = agency;
    }

    /// <summary>An HTTP client with a token of the agency's client (submissions, mappings, profiles, analytics).</summary>
    public HttpClient Agency { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the host on a free port; <paramref name="mapExtra"/> maps endpoints only the benchmark serves before it starts.</summary>
    public static async Task<BenchmarkHost> StartAsync(string database, string agency, Action<WebApplication>? mapExtra = null)
    {
        var app = TalentHubHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--ConnectionStrings:TalentHub", database,
            "--Auth:SigningKeys:0:KeyId", "bench",
            "--Auth:SigningKeys:0:Key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            "--RateLimiting:PermitsPerWindow", "1000000",
            "--RateLimiting:TokenPermitsPerWindow", "100000",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        mapExtra?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BenchmarkHost(app, await AgencyClientAsync(app.Services, new Uri(address), agency));
    }

    /// <summary>An HTTP client with a token of a new client of another agency.</summary>
    public Task<HttpClient> AgencyClientAsync(string agency) => AgencyClientAsync(_app.Services, Agency.BaseAddress!, agency);

    private static async Task<HttpClient> AgencyClientAsync(IServiceProvider services, Uri address, string agency)
    {
        var created = await HostCommands.CreateAgencyClientAsync(services, agency, CancellationToken.None);
        var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromHours(1) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, created.Client.ClientId, created.Secret));
        return http;
    }

    /// <summary>A client with no agency (a BKN integrator) and every scope.</summary>
    public async Task<HttpClient> NationalClientAsync()
    {
        var created = await HostCommands.CreateAdminClientAsync(_app.Services, "benchmark national client", CancellationToken.None);
        var http = new HttpClient { BaseAddress = Agency.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http, created.Client.ClientId, created.Secret));
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        Agency.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<string> TokenAsync(HttpClient http, string clientId, string secret)
    {
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }
}
