using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using TalentHub.Api.Hosting;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Browser.Tests;

/// <summary>
/// The real host on a real port (Kestrel on 127.0.0.1, a free port) and a database of its own, a population seeded
/// through the API as agencies' HR systems would send it, a BKN client for the console, and headless Chromium
/// (Debian's package: no browser download works here) driven by Playwright.
/// </summary>
public sealed class ConsoleHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The evaluation date of <see cref="Population"/>.</summary>
    public const string Now = "2026-11-01T10:00:00+07:00";

    /// <summary>The scopes of the BKN client the tests sign in with.</summary>
    public static readonly string[] ConsoleScopes = ["analytics.read", "profiles.read", "stewardship", "submissions.write"];

    private static readonly string[] FinalStatuses = ["COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED"];

    private readonly string _signingKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
    private string _connectionString = "";
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ConsoleHost() => UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

    public Uri Address { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>The BKN client of the console: id and secret, as a person would type them.</summary>
    public (string Id, string Secret) Steward { get; private set; }

    /// <summary>The submission of PROV-35 with broken records.</summary>
    public string BrokenSubmissionId { get; private set; } = "";

    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("TALENTHUB_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:TalentHub", _connectionString);
        builder.UseSetting("Auth:SigningKeys:0:KeyId", "browser-test-key");
        builder.UseSetting("Auth:SigningKeys:0:Key", _signingKey);
        builder.UseSetting("Hangfire:WorkerCount", "2");
        builder.UseSetting("RateLimiting:TokenPermitsPerWindow", "100000");
        builder.UseSetting("Clock:Now", Now);
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        _connectionString = await TestDatabase.CreateDatabaseAsync();
        await DatabaseMigrator.MigrateAsync(_connectionString, "hangfire", TimeProvider.System, CancellationToken.None);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Address = new Uri(addresses.Single());

        var admin = await HostCommands.CreateAdminClientAsync(Services, "Browser tests administrator", CancellationToken.None);
        using var adminClient = await ClientAsync(admin.Client.ClientId, admin.Secret);
        await SeedAsync(adminClient);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Chromium's sandbox refuses root (the test machine runs as root).
            Args = ["--no-sandbox"],
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await DisposeAsync();
    }

    /// <summary>An HTTP client on the real socket with a token of the given client.</summary>
    public async Task<HttpClient> ClientAsync(string clientId, string secret)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(clientId, secret));
        return client;
    }

    public async Task<string> TokenAsync(string clientId, string secret)
    {
        using var http = new HttpClient { BaseAddress = Address };
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret,
        }));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    /// <summary>A new browser context and page, with the page's console errors and failed requests collected.</summary>
    public async Task<(IBrowserContext Context, IPage Page, List<string> Problems)> PageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Address.ToString(), ViewportSize = new ViewportSize { Width = 1360, Height = 900 }, AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                problems.Add($"console: {message.Text} ({message.Location})");
            }
        };
        page.PageError += (_, error) => problems.Add("page error: " + error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                problems.Add($"HTTP {response.Status}: {response.Request.Method} {response.Url}");
            }
        };
        return (context, page, problems);
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    private async Task SeedAsync(HttpClient admin)
    {
        foreach (var (code, province) in Population.Agencies)
        {
            (await admin.PutAsJsonAsync($"/api/v1/admin/agencies/{code}", new { name = "Pemerintah Provinsi " + province, kind = "PROVINCE", provinceCode = province })).EnsureSuccessStatusCode();
            (await admin.PutAsJsonAsync($"/api/v1/agencies/{code}/scales/JATIM-AC5", new { kind = "LINEAR", min = 1, max = 5 })).EnsureSuccessStatusCode();
        }

        var agencyClients = new Dictionary<string, HttpClient>();
        try
        {
            foreach (var (code, _) in Population.Agencies)
            {
                var (id, secret) = await CreateClientAsync(admin, code, "submissions.write");
                agencyClients[code] = await ClientAsync(id, secret);
            }

            // Agency by agency, each waiting for the last: the conflict and the duplicate arise from what came before.
            foreach (var (agency, records) in Population.Submissions())
            {
                var done = await SubmitAndWaitAsync(agencyClients[agency], records);
                Assert.Equal("COMPLETED", done.GetProperty("status").GetString());
            }

            var broken = await SubmitAndWaitAsync(agencyClients["PROV-35"], Population.Broken());
            Assert.Equal("COMPLETED_WITH_ERRORS", broken.GetProperty("status").GetString());
            Assert.Equal(Population.BrokenRecords, broken.GetProperty("rejected").GetInt32());
            BrokenSubmissionId = broken.GetProperty("id").GetString()!;
        }
        finally
        {
            foreach (var client in agencyClients.Values)
            {
                client.Dispose();
            }
        }

        Steward = await CreateClientAsync(admin, null, ConsoleScopes);
    }

    private static async Task<(string Id, string Secret)> CreateClientAsync(HttpClient admin, string? agencyCode, params string[] scopes)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/admin/clients", new { name = "Browser test " + (agencyCode ?? "BKN"), agencyCode, scopes });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("clientId").GetString()!, created.GetProperty("clientSecret").GetString()!);
    }

    private static async Task<JsonElement> SubmitAndWaitAsync(HttpClient client, IEnumerable<JsonObject> records)
    {
        var body = string.Join('\n', records.Select(r => r.ToJsonString())) + "\n";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = await client.GetFromJsonAsync<JsonElement>(response.Headers.Location);
            if (FinalStatuses.Contains(status.GetProperty("status").GetString()))
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Submission {response.Headers.Location} did not finish: {status}");
            await Task.Delay(100);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<ConsoleHost>
{
    public const string Name = "browser";
}
