using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TalentHub.Api.Auth;
using TalentHub.Api.Operations;
using TalentHub.Api.Tests.Exports;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.Domain.Access;
using Xunit.Sdk;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Auth;

/// <summary>
/// The authorization matrix (docs/domain/README.md#access): every endpoint of the endpoint data source is
/// a row of <see cref="Matrix"/>, keyed "METHOD /pattern", with what it requires and what an agency client meets on
/// another agency's object. Every endpoint is called without a token, with forged tokens (401) and with a genuine token
/// lacking its scope (403); every agency-owned object of another agency is not found (404, existence not revealed),
/// every list leaves it out, and analytics of another agency are refused (403). A new endpoint fails the first test
/// until it has its row.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class AuthorizationMatrixTests(TalentHubFactory factory)
{
    private const string Intruder = "AUTHZ-A";
    private const string Owner = "AUTHZ-B";
    private const string OwnedScale = "AUTHZ-SCALE";
    private const string OwnedName = "ANGGARAN";
    private const string OwnedNip = "198503152010012880";
    private static readonly string[] AgencyScopes = [Scopes.SubmissionsWrite, Scopes.MappingsWrite, Scopes.ProfilesRead, Scopes.Pii, Scopes.AnalyticsRead];

    /// <summary>What an endpoint requires: nothing, any valid token, one of some scopes, or an admin token in the Hangfire cookie (or login link).</summary>
    private sealed record Need(string? Policy, string[] Scopes, TokenIn TokenIn = TokenIn.Bearer)
    {
        public bool Anonymous => Policy is null;
    }

    private enum TokenIn
    {
        Bearer,
        HangfireCookie,
        HangfireLoginLink,
    }

    private static readonly Need AnonymousNeed = new(null, []);
    private static readonly Need AnyToken = new(ScopePolicies.AnyScope, []);
    private static readonly Need MappingsRead = new(ScopePolicies.MappingsRead, [Scopes.MappingsWrite, Scopes.ProfilesRead]);

    private static Need Scope(string scope) => new(ScopePolicies.For(scope), [scope]);

    /// <summary>Whose object another caller reaches for: another agency's (an agency client) or another BKN client's (exports are the client's own).</summary>
    private enum Party
    {
        OtherAgency,
        OtherClient,
    }

    /// <summary>What a caller meets on an object that is not its own; <see cref="NotOwned"/> says why the endpoint has no such object.</summary>
    private abstract record Cross;

    /// <summary>404 problem for the intruder; the owner reads the same URL (GET), or the witness GET shows the write did not happen.</summary>
    private sealed record NotFound(Func<Fixture, string> Url, Party Party = Party.OtherAgency, object? Body = null, Func<Fixture, string>? Witness = null) : Cross;

    /// <summary>200 for both; the owner's object is in the owner's body and not in the intruder's.</summary>
    private sealed record LeftOut(Func<Fixture, string> Url, Func<Fixture, string> Marker, Party Party = Party.OtherAgency) : Cross;

    /// <summary>403 problem for the intruder, 200 for the owner: analytics of another agency (docs/domain/analytics.md: an agency client sees its own agency).</summary>
    private sealed record Forbidden(Func<Fixture, string> Url) : Cross;

    private sealed record NotOwned(string Reason) : Cross;

    /// <summary>A national power: an agency client can never hold its scope, so it gets 403 whatever object it names.</summary>
    private sealed record BknOnly(string Scope) : Cross;

    private sealed record Row(Need Need, Cross Cross);

    private static readonly NotOwned Reference = new("reference data, the same for every token");

    private static readonly Dictionary<string, Row> Matrix = new(StringComparer.Ordinal)
    {
        ["POST /connect/token"] = new(AnonymousNeed, new NotOwned("anonymous allow-list")),
        ["* /health/live"] = new(AnonymousNeed, new NotOwned("anonymous allow-list")),
        ["* /health/ready"] = new(AnonymousNeed, new NotOwned("anonymous allow-list")),
        ["GET /openapi/{documentName}.json"] = new(AnonymousNeed, new NotOwned("anonymous allow-list")),

        ["GET /api/v1/standard"] = new(AnyToken, Reference),
        ["GET /api/v1/agencies"] = new(AnyToken, Reference),
        ["GET /api/v1/agencies/{agencyCode}"] = new(AnyToken, Reference),

        ["POST /api/v1/submissions"] = new(Scope(Scopes.SubmissionsWrite), new NotOwned("the records always belong to the token's own agency")),
        ["GET /api/v1/submissions"] = new(Scope(Scopes.SubmissionsWrite), new LeftOut(_ => "/api/v1/submissions?limit=1000", f => f.Submission)),
        ["GET /api/v1/submissions/{id:guid}"] = new(Scope(Scopes.SubmissionsWrite), new NotFound(f => $"/api/v1/submissions/{f.Submission}")),
        ["GET /api/v1/submissions/{id:guid}/errors"] = new(Scope(Scopes.SubmissionsWrite), new NotFound(f => $"/api/v1/submissions/{f.Submission}/errors")),
        ["GET /api/v1/submissions/{id:guid}/records/{recordIndex:int}"] = new(Scope(Scopes.SubmissionsWrite), new NotFound(f => $"/api/v1/submissions/{f.Submission}/records/0")),

        ["POST /api/v1/vacancies"] = new(Scope(Scopes.SubmissionsWrite), new NotOwned("declares a vacancy of the token's own agency")),
        ["GET /api/v1/vacancies"] = new(Scope(Scopes.SubmissionsWrite), new LeftOut(_ => "/api/v1/vacancies?limit=1000", f => f.Vacancy)),
        ["GET /api/v1/vacancies/{id:guid}"] = new(Scope(Scopes.SubmissionsWrite), new NotFound(f => $"/api/v1/vacancies/{f.Vacancy}")),
        ["DELETE /api/v1/vacancies/{id:guid}"] = new(Scope(Scopes.SubmissionsWrite), new NotFound(f => $"/api/v1/vacancies/{f.Vacancy}", Witness: f => $"/api/v1/vacancies/{f.Vacancy}")),

        ["PUT /api/v1/agencies/{agencyCode}/scales/{scaleCode}"] = new(
            Scope(Scopes.MappingsWrite),
            new NotFound(_ => $"/api/v1/agencies/{Owner}/scales/{OwnedScale}", Body: new { kind = "LINEAR", min = 1, max = 9 }, Witness: _ => $"/api/v1/agencies/{Owner}/scales/{OwnedScale}")),
        ["GET /api/v1/agencies/{agencyCode}/scales"] = new(MappingsRead, new NotFound(_ => $"/api/v1/agencies/{Owner}/scales")),
        ["GET /api/v1/agencies/{agencyCode}/scales/{scaleCode}"] = new(MappingsRead, new NotFound(_ => $"/api/v1/agencies/{Owner}/scales/{OwnedScale}")),
        ["GET /api/v1/agencies/{agencyCode}/dictionary"] = new(MappingsRead, new NotFound(_ => $"/api/v1/agencies/{Owner}/dictionary")),
        ["PUT /api/v1/agencies/{agencyCode}/dictionary"] = new(
            Scope(Scopes.MappingsWrite),
            new NotFound(_ => $"/api/v1/agencies/{Owner}/dictionary", Body: new { entries = Array.Empty<object>() }, Witness: _ => $"/api/v1/agencies/{Owner}/dictionary")),
        ["POST /api/v1/agencies/{agencyCode}/dictionary/entries"] = new(
            Scope(Scopes.MappingsWrite),
            new NotFound(_ => $"/api/v1/agencies/{Owner}/dictionary/entries", Body: new { agencyCompetency = OwnedName, nationalCode = "IGNORE" }, Witness: _ => $"/api/v1/agencies/{Owner}/dictionary")),
        ["DELETE /api/v1/agencies/{agencyCode}/dictionary/entries"] = new(
            Scope(Scopes.MappingsWrite),
            new NotFound(_ => $"/api/v1/agencies/{Owner}/dictionary/entries?agencyCompetency={OwnedName}", Witness: _ => $"/api/v1/agencies/{Owner}/dictionary")),
        ["GET /api/v1/agencies/{agencyCode}/unmapped"] = new(MappingsRead, new NotFound(_ => $"/api/v1/agencies/{Owner}/unmapped")),
        ["GET /api/v1/agencies/{agencyCode}/renormalizations/{id:guid}"] = new(MappingsRead, new NotFound(f => f.Renormalization)),

        ["GET /api/v1/profiles/{nip}"] = new(Scope(Scopes.ProfilesRead), new NotFound(_ => $"/api/v1/profiles/{OwnedNip}")),
        ["GET /api/v1/profiles/{nip}/history"] = new(Scope(Scopes.ProfilesRead), new NotFound(_ => $"/api/v1/profiles/{OwnedNip}/history")),
        ["GET /api/v1/profiles/{nip}/competencies/{nationalCode}/derivation"] = new(Scope(Scopes.ProfilesRead), new NotFound(_ => $"/api/v1/profiles/{OwnedNip}/competencies/M1/derivation")),
        ["GET /api/v1/profiles"] = new(Scope(Scopes.ProfilesRead), new LeftOut(_ => "/api/v1/profiles?limit=1000", _ => OwnedNip)),

        ["GET /api/v1/analytics/nine-box"] = new(Scope(Scopes.AnalyticsRead), new Forbidden(_ => $"/api/v1/analytics/nine-box?agencyCode={Owner}")),
        ["GET /api/v1/analytics/succession-pools"] = new(Scope(Scopes.AnalyticsRead), new Forbidden(_ => $"/api/v1/analytics/succession-pools?targetLevel=JPT_PRATAMA&agencyCode={Owner}")),
        ["GET /api/v1/analytics/rotation-candidates"] = new(Scope(Scopes.AnalyticsRead), new Forbidden(_ => $"/api/v1/analytics/rotation-candidates?agencyCode={Owner}")),
        ["GET /api/v1/analytics/competency-map"] = new(Scope(Scopes.AnalyticsRead), new Forbidden(_ => $"/api/v1/analytics/competency-map?agencyCode={Owner}")),
        ["GET /api/v1/analytics/data-quality"] = new(Scope(Scopes.AnalyticsRead), new Forbidden(_ => $"/api/v1/analytics/data-quality?agencyCode={Owner}")),

        ["GET /api/v1/changes"] = new(Scope(Scopes.ChangesRead), new BknOnly(Scopes.ChangesRead)),
        ["POST /api/v1/exports"] = new(Scope(Scopes.ChangesRead), new NotOwned("creates an export of the token's own client")),
        ["GET /api/v1/exports"] = new(Scope(Scopes.ChangesRead), new LeftOut(_ => "/api/v1/exports?limit=1000", f => f.Export, Party.OtherClient)),
        ["GET /api/v1/exports/{id:guid}"] = new(Scope(Scopes.ChangesRead), new NotFound(f => $"/api/v1/exports/{f.Export}", Party.OtherClient)),
        ["GET /api/v1/exports/{id:guid}/file"] = new(Scope(Scopes.ChangesRead), new NotFound(f => $"/api/v1/exports/{f.Export}/file", Party.OtherClient)),

        ["GET /api/v1/conflicts"] = new(Scope(Scopes.Stewardship), new BknOnly(Scopes.Stewardship)),
        ["GET /api/v1/conflicts/{id:guid}"] = new(Scope(Scopes.Stewardship), new BknOnly(Scopes.Stewardship)),
        ["POST /api/v1/conflicts/{id:guid}/resolution"] = new(Scope(Scopes.Stewardship), new BknOnly(Scopes.Stewardship)),
        ["GET /api/v1/duplicates"] = new(Scope(Scopes.Stewardship), new BknOnly(Scopes.Stewardship)),
        ["GET /api/v1/duplicates/{id:guid}"] = new(Scope(Scopes.Stewardship), new BknOnly(Scopes.Stewardship)),
        ["POST /api/v1/duplicates/{id:guid}/decision"] = new(Scope(Scopes.Stewardship), new BknOnly(Scopes.Stewardship)),
        ["POST /api/v1/profiles/{nip}/unmerge"] = new(Scope(Scopes.Stewardship), new BknOnly(Scopes.Stewardship)),
        ["GET /api/v1/stewardship/decisions"] = new(Scope(Scopes.Stewardship), new BknOnly(Scopes.Stewardship)),
        ["GET /api/v1/stewardship/decisions/{id:guid}"] = new(Scope(Scopes.Stewardship), new BknOnly(Scopes.Stewardship)),

        ["PUT /api/v1/admin/agencies/{agencyCode}"] = new(Scope(Scopes.Admin), new BknOnly(Scopes.Admin)),
        ["POST /api/v1/admin/clients"] = new(Scope(Scopes.Admin), new BknOnly(Scopes.Admin)),
        ["GET /api/v1/admin/clients"] = new(Scope(Scopes.Admin), new BknOnly(Scopes.Admin)),
        ["GET /api/v1/admin/clients/{clientId}"] = new(Scope(Scopes.Admin), new BknOnly(Scopes.Admin)),
        ["DELETE /api/v1/admin/clients/{clientId}"] = new(Scope(Scopes.Admin), new BknOnly(Scopes.Admin)),
        ["POST /api/v1/admin/clients/{clientId}/rotate-secret"] = new(Scope(Scopes.Admin), new BknOnly(Scopes.Admin)),
        ["POST /api/v1/admin/rebuild"] = new(Scope(Scopes.Admin), new BknOnly(Scopes.Admin)),
        ["GET /api/v1/admin/rebuilds/{id:guid}"] = new(Scope(Scopes.Admin), new BknOnly(Scopes.Admin)),
        ["GET /api/v1/admin/access-log"] = new(Scope(Scopes.Admin), new BknOnly(Scopes.Admin)),
        ["PUT /api/v1/admin/standard/thresholds"] = new(Scope(Scopes.Admin), new BknOnly(Scopes.Admin)),
        ["PUT /api/v1/admin/standard/levels/{positionLevel}"] = new(Scope(Scopes.Admin), new BknOnly(Scopes.Admin)),
        ["PUT /api/v1/admin/standard/methods/{method}"] = new(Scope(Scopes.Admin), new BknOnly(Scopes.Admin)),
        ["GET /hangfire/login"] = new(new(ScopePolicies.HangfireDashboard, [Scopes.Admin], TokenIn.HangfireLoginLink), new BknOnly(Scopes.Admin)),
        ["* /hangfire/{**path}"] = new(new(ScopePolicies.HangfireDashboard, [Scopes.Admin], TokenIn.HangfireCookie), new BknOnly(Scopes.Admin)),
    };

    [Fact]
    public void Every_endpoint_has_a_row_and_every_row_an_endpoint_with_the_policy_it_names()
    {
        var endpoints = EndpointKeys.Of(factory.Services);
        var problems = new List<string>();
        problems.AddRange(endpoints.Keys.Where(key => !Matrix.ContainsKey(key)).Select(key => $"{key}: an endpoint with no row in the matrix"));
        problems.AddRange(Matrix.Keys.Where(key => !endpoints.ContainsKey(key)).Select(key => $"{key}: a row with no endpoint"));
        foreach (var (key, endpoint) in endpoints)
        {
            if (!Matrix.TryGetValue(key, out var row))
            {
                continue;
            }

            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Distinct().ToList();
            var declared = anonymous ? "anonymous" : string.Join(", ", policies);
            var expected = row.Need.Policy ?? "anonymous";
            if (declared != expected)
            {
                problems.Add($"{key}: declares {declared}, the matrix says {expected}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task Without_a_valid_token_every_endpoint_but_the_allow_list_is_401_and_without_its_scope_403()
    {
        var tokens = await TokensAsync();
        var forgeries = Forgeries();
        // Calls from an address of their own, so this burst of anonymous calls has its own rate-limit window.
        using var client = new HttpClient(factory.Server.CreateHandler(http => http.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.80")))
        {
            BaseAddress = factory.Server.BaseAddress,
        };

        var calls = new List<Func<Task<string?>>>();
        foreach (var (key, row) in Matrix)
        {
            var (method, url) = Placeholder(key);
            if (row.Need.Anonymous)
            {
                calls.Add(async () =>
                {
                    using var response = await client.SendAsync(Request(method, url, null, row.Need.TokenIn));
                    return response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? $"{key} without a token: {(int)response.StatusCode}" : null;
                });
                continue;
            }

            calls.Add(() => ExpectProblemAsync(client, $"{key} without a token", Request(method, url, null, row.Need.TokenIn), HttpStatusCode.Unauthorized));
            foreach (var (forgery, token) in forgeries)
            {
                calls.Add(() => ExpectProblemAsync(client, $"{key} with {forgery}", Request(method, url, token, row.Need.TokenIn), HttpStatusCode.Unauthorized));
            }

            if (row.Need.Scopes.Length > 0)
            {
                var lacking = tokens[string.Join(' ', row.Need.Scopes)];
                calls.Add(() => ExpectProblemAsync(client, $"{key} with a genuine token lacking {string.Join(" and ", row.Need.Scopes)}", Request(method, url, lacking, row.Need.TokenIn), HttpStatusCode.Forbidden));
            }
        }

        // Swagger UI is middleware, not an endpoint, and on the allow-list too.
        calls.Add(async () =>
        {
            using var response = await client.GetAsync("/swagger/index.html");
            return response.StatusCode == HttpStatusCode.OK ? null : $"/swagger/index.html without a token: {(int)response.StatusCode}";
        });
        // So are the console's static files (its data calls carry a token; see tests/TalentHub.Browser.Tests).
        calls.Add(async () =>
        {
            using var response = await client.GetAsync("/console/");
            return response.StatusCode == HttpStatusCode.OK ? null : $"/console/ without a token: {(int)response.StatusCode}";
        });
        var failures = await RunAsync(calls);

        Assert.True(failures.Count == 0, $"{failures.Count} of {calls.Count} calls:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task An_agency_client_on_another_agencys_objects_gets_404_or_403_and_lists_leave_them_out()
    {
        var fixture = await Fixtures.GetValue(factory, SetUpAsync);
        var calls = new List<Func<Task<string?>>>();
        foreach (var (key, row) in Matrix)
        {
            var method = new HttpMethod(key.Split(' ')[0]);
            switch (row.Cross)
            {
                case NotFound notFound:
                    calls.Add(() => NotFoundAsync(fixture, key, method, notFound));
                    break;
                case LeftOut leftOut:
                    calls.Add(() => LeftOutAsync(fixture, key, leftOut));
                    break;
                case Forbidden forbidden:
                    calls.Add(() => ForbiddenAsync(fixture, key, forbidden));
                    break;
                case BknOnly bknOnly:
                    var (_, url) = Placeholder(key);
                    calls.Add(() => ExpectProblemAsync(fixture.IntruderAgency, $"{key} by an agency client, which cannot hold {bknOnly.Scope}", new HttpRequestMessage(method, url), HttpStatusCode.Forbidden));
                    break;
                case NotOwned notOwned:
                    Assert.False(string.IsNullOrWhiteSpace(notOwned.Reason), key);
                    break;
            }
        }

        // Writes change nothing only if they run one by one against their witness.
        var failures = new List<string>();
        foreach (var call in calls)
        {
            if (await call() is { } failure)
            {
                failures.Add(failure);
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private async Task<string?> NotFoundAsync(Fixture fixture, string key, HttpMethod method, NotFound row)
    {
        var (intruder, owner) = fixture.Callers(row.Party);
        var url = row.Url(fixture);
        var before = row.Witness is null ? null : await BodyAsync(owner, row.Witness(fixture));
        using var request = new HttpRequestMessage(method, url) { Content = row.Body is null ? null : JsonContent.Create(row.Body) };
        var failure = await ExpectProblemAsync(intruder, $"{key} on another's object {url}", request, HttpStatusCode.NotFound);
        if (failure is not null)
        {
            return failure;
        }

        if (row.Witness is not null)
        {
            var after = await BodyAsync(owner, row.Witness(fixture));
            return before == after ? null : $"{key}: the refused write changed the owner's {row.Witness(fixture)}:\n{before}\n{after}";
        }

        // The object exists: the owner reads it at the same URL.
        await BodyAsync(owner, url);
        return null;
    }

    private static async Task<string?> LeftOutAsync(Fixture fixture, string key, LeftOut row)
    {
        var (intruder, owner) = fixture.Callers(row.Party);
        var url = row.Url(fixture);
        var marker = row.Marker(fixture);
        var theirs = await BodyAsync(intruder, url);
        var own = await BodyAsync(owner, url);
        return own.Contains(marker, StringComparison.Ordinal) && !theirs.Contains(marker, StringComparison.Ordinal)
            ? null
            : $"{key}: {url} shows {marker} to the other caller, or not to its owner";
    }

    private static async Task<string?> ForbiddenAsync(Fixture fixture, string key, Forbidden row)
    {
        var url = row.Url(fixture);
        await BodyAsync(fixture.OwnerAgency, url);
        return await ExpectProblemAsync(fixture.IntruderAgency, $"{key} for another agency {url}", new HttpRequestMessage(HttpMethod.Get, url), HttpStatusCode.Forbidden);
    }

    private static async Task<string> BodyAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} by its owner: {(int)response.StatusCode} {body}");
        return body;
    }

    private static async Task<string?> ExpectProblemAsync(HttpClient client, string what, HttpRequestMessage request, HttpStatusCode status)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            try
            {
                await response.AssertProblemAsync(status);
                // RFC 6750 §3: a refused bearer request says how to authenticate.
                Assert.True(
                    status != HttpStatusCode.Unauthorized || response.Headers.WwwAuthenticate.Any(h => h.Scheme == "Bearer"),
                    $"no WWW-Authenticate: Bearer, got '{response.Headers.WwwAuthenticate}'");
                return null;
            }
            catch (XunitException exception)
            {
                return $"{what}: {(int)response.StatusCode}, {exception.Message.ReplaceLineEndings(" ")}";
            }
        }
    }

    private static async Task<List<string>> RunAsync(List<Func<Task<string?>>> calls)
    {
        using var gate = new SemaphoreSlim(8);
        var results = await Task.WhenAll(calls.Select(async call =>
        {
            await gate.WaitAsync();
            try
            {
                return await call();
            }
            finally
            {
                gate.Release();
            }
        }));
        return [.. results.OfType<string>()];
    }

    private static HttpRequestMessage Request(HttpMethod method, string url, string? token, TokenIn tokenIn)
    {
        if (token is not null && tokenIn == TokenIn.HangfireLoginLink)
        {
            url += "?access_token=" + Uri.EscapeDataString(token);
        }

        var request = new HttpRequestMessage(method, url);
        switch (token, tokenIn)
        {
            case (null, _) or (_, TokenIn.HangfireLoginLink):
                break;
            case (_, TokenIn.HangfireCookie):
                request.Headers.Add("Cookie", $"{HangfireDashboardApi.CookieName}={token}");
                break;
            default:
                request.Headers.Authorization = new("Bearer", token);
                break;
        }

        return request;
    }

    /// <summary>A URL for a row's pattern with syntactically valid route values: authorization runs before any handler looks them up.</summary>
    private static (HttpMethod Method, string Url) Placeholder(string key)
    {
        var (method, pattern) = (key.Split(' ')[0], key.Split(' ')[1]);
        var url = RouteParameter().Replace(pattern, match => match.Groups["constraint"].Value switch
        {
            "guid" => "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b",
            "int" => "0",
            _ => match.Groups["name"].Value switch
            {
                "documentName" => "v1",
                "agencyCode" => Owner,
                "nip" => OwnedNip,
                "path" => "jobs/enqueued",
                _ => "X",
            },
        });
        return (new HttpMethod(method == "*" ? "GET" : method), url);
    }

    [GeneratedRegex(@"\{\**(?<name>\w+)(:(?<constraint>\w+))?\}")]
    private static partial Regex RouteParameter();

    /// <summary>Tokens of one BKN client holding every scope, each lacking the scopes one row needs.</summary>
    private async Task<Dictionary<string, string>> TokensAsync()
    {
        var (clientId, secret) = await factory.CreateApiClientAsync(null, [.. Scopes.All]);
        var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var needed in Matrix.Values.Select(r => r.Need.Scopes).Where(s => s.Length > 0).Select(s => string.Join(' ', s)).Distinct())
        {
            tokens[needed] = await factory.TokenAsync(clientId, secret, string.Join(' ', Scopes.All.Except(needed.Split(' '))));
        }

        return tokens;
    }

    /// <summary>Tokens that must not authenticate, each claiming every scope for a real client: forged, unsigned, expired, or not for this service.</summary>
    private List<(string Name, string Token)> Forgeries()
    {
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var key = new SymmetricSecurityKey(Convert.FromBase64String(factory.SigningKey)) { KeyId = TalentHubFactory.TestKeyId };
        var otherKey = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)) { KeyId = TalentHubFactory.TestKeyId };
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = factory.AdminClientId,
            [Caller.ClientIdClaim] = factory.AdminClientId,
            [Caller.ScopeClaim] = string.Join(' ', Scopes.All),
        };

        string Sign(SymmetricSecurityKey signingKey, string algorithm = SecurityAlgorithms.HmacSha256, string issuer = "talenthub", string audience = "talenthub-api", DateTime? expires = null) =>
            new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer,
                Audience = audience,
                IssuedAt = (expires ?? now) - TimeSpan.FromMinutes(15),
                NotBefore = (expires ?? now) - TimeSpan.FromMinutes(15),
                Expires = expires ?? now + TimeSpan.FromMinutes(15),
                Claims = claims,
                SigningCredentials = new SigningCredentials(signingKey, algorithm),
            });

        var genuine = Sign(key);
        var unsigned = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + genuine.Split('.')[1] + ".";
        return
        [
            ("a token signed with another key", Sign(otherKey)),
            ("an unsigned token (alg none)", unsigned),
            ("a token signed with HS384 (not an accepted algorithm)", Sign(key, SecurityAlgorithms.HmacSha384)),
            ("an expired token", Sign(key, expires: now - TimeSpan.FromMinutes(5))),
            ("a token of another issuer", Sign(key, issuer: "someone-else")),
            ("a token for another audience", Sign(key, audience: "another-api")),
            ("a token not valid yet", Sign(key, expires: now + TimeSpan.FromMinutes(20))),
        ];
    }

    /// <summary>The owner's objects, and callers: an agency client of each agency, and two BKN export clients.</summary>
    private sealed record Fixture(
        string Submission, string Vacancy, string Renormalization, string Export,
        HttpClient IntruderAgency, HttpClient OwnerAgency, HttpClient IntruderClient, HttpClient OwnerClient)
    {
        public (HttpClient Intruder, HttpClient Owner) Callers(Party party) =>
            party == Party.OtherAgency ? (IntruderAgency, OwnerAgency) : (IntruderClient, OwnerClient);
    }

    private static readonly ConditionalWeakTable<TalentHubFactory, Task<Fixture>> Fixtures = new();

    private static async Task<Fixture> SetUpAsync(TalentHubFactory factory)
    {
        using (var admin = await factory.AdminClientAsync())
        {
            foreach (var code in new[] { Intruder, Owner })
            {
                (await admin.PutAsJsonAsync($"/api/v1/admin/agencies/{code}", new { name = "Authorization matrix " + code, kind = "CENTRAL" })).EnsureSuccessStatusCode();
            }
        }

        await RegisterValidRecordMappingsAsync(factory, Intruder);
        await RegisterValidRecordMappingsAsync(factory, Owner);
        var owner = await factory.ClientWithScopesAsync(Owner, AgencyScopes);
        var intruder = await factory.ClientWithScopesAsync(Intruder, AgencyScopes);

        // The person worked for the intruder, which reported them, and has since moved to the owner: the intruder no
        // longer employs them (docs/domain/README.md#access: an agency reads the people it currently employs).
        Assert.Equal("COMPLETED", (await SubmitAndWaitAsync(intruder, Ndjson([ValidRecord(880)]))).GetProperty("status").GetString());
        var moved = ValidRecord(880);
        moved["position"]!["since"] = "2020-01-02";
        moved["sourceUpdatedAt"] = "2025-02-10T08:00:00+07:00";
        var submission = await SubmitAndWaitAsync(owner, Ndjson([moved]));
        Assert.Equal("COMPLETED", submission.GetProperty("status").GetString());

        using var scale = await owner.PutAsJsonAsync($"/api/v1/agencies/{Owner}/scales/{OwnedScale}", new { kind = "LINEAR", min = 1, max = 5 });
        Assert.Equal(HttpStatusCode.Created, scale.StatusCode);
        var renormalization = scale.Headers.GetValues("Link").Single().Split('>')[0].TrimStart('<');

        var vacancy = await (await owner.PostAsJsonAsync("/api/v1/vacancies", new { positionLevel = "ADMINISTRATOR", title = "Kepala Bidang Anggaran", provinceCode = "35" }))
            .JsonAsync(HttpStatusCode.Created);

        var exportOwner = await factory.ClientWithScopesAsync(null, Scopes.ChangesRead, Scopes.Pii);
        var exportIntruder = await factory.ClientWithScopesAsync(null, Scopes.ChangesRead, Scopes.Pii);
        var export = await ExportsTests.ExportAsync(exportOwner, new { format = "NDJSON", filter = new { agencyCode = Owner } });
        var exportId = export.GetProperty("id").GetString()!;

        return new Fixture(
            submission.GetProperty("id").GetString()!, vacancy.GetProperty("id").GetString()!, renormalization, exportId,
            intruder, owner, exportIntruder, exportOwner);
    }
}
