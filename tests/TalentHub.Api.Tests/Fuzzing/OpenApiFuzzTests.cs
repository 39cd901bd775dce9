using System.Globalization;
using System.Text.Json;
using TalentHub.Api.Auth;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.Domain.Access;

namespace TalentHub.Api.Tests.Fuzzing;

/// <summary>
/// A host of its own for the fuzzer: a database nobody else reads (admin operations change the standard, create
/// clients, start rebuilds), no job server (submissions are only staged), and no rate limit in the way.
/// </summary>
public sealed class FuzzFactory : TalentHubFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["role"] = "api",
        ["RateLimiting:PermitsPerWindow"] = "10000000",
    };
}

/// <summary>
/// Every operation of the committed OpenAPI document, sent generated hostile requests by a client with every scope and
/// by an agency client: never a 5xx, and every 4xx is problem details (the token endpoint's own: RFC 6749 errors).
/// Seeded: <c>TALENTHUB_FUZZ_SEED</c> and <c>TALENTHUB_FUZZ_CASES</c> (cases per operation and client) run it longer.
/// </summary>
public sealed class OpenApiFuzzTests(FuzzFactory factory) : IClassFixture<FuzzFactory>
{
    private const int DefaultSeed = 15;
    private const int DefaultCases = 8;
    private const string Agency = "PROV-35";

    [Fact]
    public async Task Every_operation_answers_hostile_requests_without_5xx_and_with_problem_details()
    {
        var seed = Setting("TALENTHUB_FUZZ_SEED", DefaultSeed);
        var cases = Setting("TALENTHUB_FUZZ_CASES", DefaultCases);
        var operations = FuzzOperation.Load(Path.Combine(AppContext.BaseDirectory, "openapi", "talenthub.v1.json"));
        using var admin = await factory.AdminClientAsync();
        using var agency = await factory.ClientWithScopesAsync(Agency, Scopes.SubmissionsWrite, Scopes.MappingsWrite, Scopes.ProfilesRead, Scopes.AnalyticsRead, Scopes.Pii);
        (string Name, HttpClient Client)[] callers = [("admin", admin), ("agency", agency)];
        var failures = new List<string>();
        var sent = 0;

        foreach (var operation in operations)
        {
            foreach (var (callerName, client) in callers)
            {
                for (var number = 0; number < cases; number++)
                {
                    // Each case has a seed of its own, so one failure is replayed without the cases before it.
                    var caseSeed = CaseSeed(seed, operation, callerName, number);
                    var request = new FuzzRequestGenerator(new Random(caseSeed), Agency).Next(operation);
                    using var message = request.ToMessage();
                    using var response = await client.SendAsync(message);
                    sent++;
                    if (await VerdictAsync(operation, response) is { } verdict)
                    {
                        failures.Add($"seed {seed}, case {number} (case seed {caseSeed}), {operation} as {callerName}: {verdict}\n{request.Describe()}");
                    }
                }
            }
        }

        Assert.True(operations.Count > 40, $"Only {operations.Count} operations in the document.");
        Assert.True(
            failures.Count == 0,
            $"{failures.Count} of {sent} requests broke the contract (TALENTHUB_FUZZ_SEED={seed}, TALENTHUB_FUZZ_CASES={cases}):\n\n" + string.Join("\n\n", failures.Take(25)));
    }

    /// <summary>What is wrong with the response, or null.</summary>
    private static async Task<string?> VerdictAsync(FuzzOperation operation, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        var shown = $"{status} {response.Content.Headers.ContentType}: {FuzzRequest.Printable(body, 800)}";
        if (status >= 500)
        {
            return shown;
        }

        if (status < 400)
        {
            return null;
        }

        // The token endpoint answers its own 400 and 401 in RFC 6749's shape; what the framework refuses before it
        // (content type, rate limit) is problem details like everywhere else.
        var oauth = operation.Path == TokenApi.Path && status is (400 or 401) && response.Content.Headers.ContentType?.MediaType == "application/json";
        var expectedType = oauth ? "application/json" : "application/problem+json";
        if (response.Content.Headers.ContentType?.MediaType != expectedType)
        {
            return $"not {expectedType}: {shown}";
        }

        try
        {
            var document = JsonSerializer.Deserialize<JsonElement>(body);
            if (oauth)
            {
                return document.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? null : $"no OAuth error: {shown}";
            }

            return document.TryGetProperty("status", out var problemStatus) && problemStatus.ValueKind == JsonValueKind.Number && problemStatus.GetInt32() == status
                && document.TryGetProperty("title", out var title) && !string.IsNullOrEmpty(title.GetString())
                ? null
                : $"problem without its status or title: {shown}";
        }
        catch (JsonException)
        {
            return $"unreadable JSON: {shown}";
        }
    }

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : fallback;

    /// <summary>A seed stable across processes (string.GetHashCode is not).</summary>
    private static int CaseSeed(int seed, FuzzOperation operation, string caller, int number)
    {
        var hash = 2166136261u;
        foreach (var c in $"{seed}|{operation}|{caller}|{number}")
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash & int.MaxValue);
    }
}
