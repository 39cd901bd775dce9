using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;

namespace TalentHub.Reliability.Tests.Harness;

/// <summary>
/// One TalentHub installation on a database of its own: migrated by the <c>migrate</c> verb, an administrator created by
/// <c>create-admin-client</c>, an API process and worker processes started and killed at will. Chunks are small so a
/// job has many commits to be killed between.
/// </summary>
public sealed class Installation : IAsyncDisposable
{
    /// <summary>Small chunks give a job many commits to be killed between; a large-scale run keeps the production sizes.</summary>
    public static readonly int ValidationChunkSize = TalentDataset.People > 20_000 ? 2000 : 100;

    private static readonly int ReconciliationChunkSize = TalentDataset.People > 20_000 ? 500 : 40;

    private readonly Dictionary<string, string> _environment;
    private readonly List<ServiceProcess> _workers = [];
    private string _adminClientId = "";
    private string _adminSecret = "";

    private Installation(string connectionString)
    {
        ConnectionString = connectionString;
        _environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__TalentHub"] = connectionString,
            ["Auth__SigningKeys__0__KeyId"] = "reliability",
            ["Auth__SigningKeys__0__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)),
            ["DOTNET_ENVIRONMENT"] = "Testing",
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["Clock__Now"] = TalentDataset.Now.ToString("O"),
            ["Hangfire__WorkerCount"] = "1",
            ["Pipeline__ValidationChunkSize"] = ValidationChunkSize.ToString(CultureInfo.InvariantCulture),
            ["Pipeline__ReconciliationChunkSize"] = ReconciliationChunkSize.ToString(CultureInfo.InvariantCulture),
            ["Exports__ChunkBytes"] = "4096",
            ["Exports__ProgressEveryRows"] = "100",
            ["RateLimiting__PermitsPerWindow"] = "1000000",
            ["RateLimiting__TokenPermitsPerWindow"] = "1000000",
            ["Logging__LogLevel__Default"] = "Warning",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
    }

    public string ConnectionString { get; }

    public ServiceProcess Api { get; private set; } = null!;

    public IReadOnlyList<ServiceProcess> Workers => _workers;

    public static async Task<Installation> CreateAsync(PostgresCluster cluster, string name, int workers = 1)
    {
        var installation = new Installation(await cluster.CreateDatabaseAsync(name));
        await ServiceProcess.RunVerbAsync(installation._environment, "migrate");
        var admin = JsonDocument.Parse(await ServiceProcess.RunVerbAsync(installation._environment, "create-admin-client", "--name", "Reliability suite")).RootElement;
        installation._adminClientId = admin.GetProperty("clientId").GetString()!;
        installation._adminSecret = admin.GetProperty("clientSecret").GetString()!;
        installation.Api = await ServiceProcess.StartAsync("api", installation._environment);
        for (var i = 0; i < workers; i++)
        {
            installation._workers.Add(await ServiceProcess.StartAsync("worker", installation._environment));
        }

        return installation;
    }

    /// <summary>Kills a worker with SIGKILL.</summary>
    public void KillWorker(int index = 0) => _workers[index].Kill();

    /// <summary>Starts a new process in the place of a worker that was killed.</summary>
    public async Task RestartWorkerAsync(int index = 0)
    {
        await _workers[index].DisposeAsync();
        _workers[index] = await ServiceProcess.StartAsync("worker", _environment);
    }

    public HttpClient Admin() => Authorized(_adminClientId, _adminSecret);

    /// <summary>A client of an agency, created through the admin API, with the given scopes.</summary>
    public async Task<HttpClient> AgencyClientAsync(HttpClient admin, string agencyCode, params string[] scopes)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/admin/clients", new { name = "Reliability " + agencyCode, agencyCode, scopes });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return Authorized(created.GetProperty("clientId").GetString()!, created.GetProperty("clientSecret").GetString()!);
    }

    public HttpClient Anonymous() => new() { BaseAddress = Api.Address, Timeout = TimeSpan.FromSeconds(30) };

    public string Diagnostics() =>
        $"--- api ---\n{Api.RecentOutput}\n" + string.Concat(_workers.Select((w, i) => $"--- worker {i} ---\n{w.RecentOutput}\n"));

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        if (Api is not null)
        {
            await Api.DisposeAsync();
        }
    }

    /// <summary>A client whose token is renewed before it expires: a large-scale run outlives a token's 15 minutes.</summary>
    private HttpClient Authorized(string clientId, string secret) =>
        new(new RenewingToken(Api.Address, clientId, secret) { InnerHandler = new HttpClientHandler() })
        {
            BaseAddress = Api.Address,
            Timeout = TimeSpan.FromSeconds(30),
        };

    private sealed class RenewingToken(Uri api, string clientId, string secret) : DelegatingHandler
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private string? _token;
        private DateTimeOffset _renewAt;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(cancellationToken));
            return await base.SendAsync(request, cancellationToken);
        }

        private async Task<string> TokenAsync(CancellationToken cancellationToken)
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                if (_token is null || DateTimeOffset.UtcNow >= _renewAt)
                {
                    using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(30) };
                    using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["grant_type"] = "client_credentials",
                        ["client_id"] = clientId,
                        ["client_secret"] = secret,
                    }), cancellationToken);
                    response.EnsureSuccessStatusCode();
                    var body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
                    _token = body.GetProperty("access_token").GetString()!;
                    _renewAt = DateTimeOffset.UtcNow.AddSeconds(body.GetProperty("expires_in").GetInt32() / 2);
                }

                return _token;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
