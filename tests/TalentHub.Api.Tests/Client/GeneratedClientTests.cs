using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Abstractions.Serialization;
using Microsoft.Kiota.Http.HttpClientLibrary;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.Client;
using TalentHub.Client.Api.V1.Submissions;
using TalentHub.Client.Models;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Client;

/// <summary>
/// The generated Kiota client (src/TalentHub.Client) against the real host: an agency's HR system and a BKN integrator
/// doing their whole paths with it, over the factory's HTTP pipeline with Kiota's own handlers, with tokens minted by the
/// token endpoint. People here: NIPs 198503152010012 76x of PROV-62.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class GeneratedClientTests(TalentHubFactory factory)
{
    private const string Agency = "PROV-62";
    private static readonly string[] People = [Nip(760), Nip(761), Nip(762)];

    private static string Nip(int sequence) => $"198503152010012{sequence:D3}";

    private static JsonObject Person(int sequence, string grade = "III/d", string sourceUpdatedAt = "2025-01-10T08:00:00+07:00")
    {
        var record = ValidRecord(sequence);
        record["nik"] = $"357801550385{sequence:D4}";
        record["name"] = $"Pegawai Klien {sequence}";
        record["grade"] = grade;
        record["position"]!["province"] = "62";
        record["sourceUpdatedAt"] = sourceUpdatedAt;
        return record;
    }

    /// <summary>The factory's in-memory HTTP client behind Kiota's default handlers (retry, redirect, headers inspection...).</summary>
    private HttpClient KiotaHttpClient() => factory.CreateDefaultClient([.. KiotaClientFactory.CreateDefaultHandlers()]);

    private static TalentHubApiClient Client(HttpClient http, IAuthenticationProvider authentication) =>
        new(new HttpClientRequestAdapter(authentication, httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });

    /// <summary>A client whose requests carry a bearer token that <paramref name="tokens"/> mints and renews.</summary>
    private TalentHubApiClient Authenticated(HttpClient http, TalentHubApiClient tokens, string clientId, string secret, string? scope = null) =>
        Client(http, new BaseBearerTokenAuthenticationProvider(new ClientCredentialsTokenProvider(tokens, clientId, secret, scope, factory.Clock, "localhost")));

    private static async Task<T> UntilAsync<T>(Func<Task<T?>> read, Func<T, bool> done, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var value = await read() ?? throw new InvalidOperationException($"{what}: no body");
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what} did not finish");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task An_agency_and_an_integrator_do_their_whole_paths_with_the_generated_client()
    {
        using var http = KiotaHttpClient();
        var anonymous = Client(http, new AnonymousAuthenticationProvider());

        // The administrator creates the agency's client and the integrator's (the secret is shown once).
        var admin = Authenticated(http, anonymous, factory.AdminClientId, factory.AdminSecret);
        var agencyCredentials = await admin.Api.V1.Admin.Clients.PostAsync(new CreateClientRequest
        {
            Name = "SIMPEG Kalimantan Tengah (Kiota)",
            AgencyCode = Agency,
            Scopes = ["submissions.write", "mappings.write", "profiles.read"],
        });
        Assert.NotNull(agencyCredentials?.ClientSecret);
        Assert.Equal(Agency, agencyCredentials.AgencyCode);
        var integratorCredentials = await admin.Api.V1.Admin.Clients.PostAsync(new CreateClientRequest
        {
            Name = "BKN integrator (Kiota)",
            Scopes = ["changes.read", "profiles.read"],
        });
        Assert.NotNull(integratorCredentials?.ClientSecret);
        Assert.Null(integratorCredentials.AgencyCode);

        // The token endpoint through the client: a token with the client's scopes; a wrong secret is an RFC 6749 error.
        var token = await anonymous.Connect.Token.PostAsync(new TokenRequestForm { GrantType = "client_credentials", ClientId = agencyCredentials.ClientId, ClientSecret = agencyCredentials.ClientSecret });
        Assert.Equal("Bearer", token?.TokenType);
        Assert.Equal(900, token?.ExpiresIn);
        Assert.Equal(["mappings.write", "profiles.read", "submissions.write"], token!.Scope!.Split(' ').Order(StringComparer.Ordinal));
        var refused = await Assert.ThrowsAsync<OAuthError>(() => anonymous.Connect.Token.PostAsync(new TokenRequestForm { GrantType = "client_credentials", ClientId = agencyCredentials.ClientId, ClientSecret = "not-the-secret" }));
        Assert.Equal(400, refused.ResponseStatusCode);
        Assert.Equal("invalid_client", refused.Error);

        // ---- The agency's HR system ----
        var agency = Authenticated(http, anonymous, agencyCredentials.ClientId!, agencyCredentials.ClientSecret);

        // Its scales and dictionary, so that its records' assessments can be normalized.
        var scale = await agency.Api.V1.Agencies[Agency].Scales["JATIM-AC5"].PutAsync(Untyped(new JsonObject { ["kind"] = "LINEAR", ["min"] = 1, ["max"] = 5 }));
        Assert.Equal("JATIM-AC5", scale?.ScaleCode);
        Assert.Equal(1, scale?.CurrentVersion);
        await agency.Api.V1.Agencies[Agency].Scales["JATIM-HURUF"].PutAsync(Untyped(new JsonObject { ["kind"] = "LABELS", ["labels"] = new JsonObject { ["A"] = 5, ["B"] = 4, ["C"] = 3, ["D"] = 2, ["E"] = 1 } }));
        await agency.Api.V1.Agencies[Agency].Scales["JATIM-POTENSI-100"].PutAsync(Untyped(new JsonObject { ["kind"] = "LINEAR", ["min"] = 0, ["max"] = 100 }));
        var entry = await agency.Api.V1.Agencies[Agency].Dictionary.Entries.PostAsync(new DictionaryEntryRequest { AgencyCompetency = "ANGGARAN", NationalCode = "T.KEU.01" });
        Assert.Equal("T.KEU.01", entry?.NationalCode);

        // Three people and a record with a field the format does not define, as NDJSON from a stream.
        var rejected = Person(763);
        rejected["nickname"] = "Budi";
        var ndjson = Ndjson([Person(760), Person(761), Person(762), rejected]);
        var headers = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var received = await agency.Api.V1.Submissions.PostStreamAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(ndjson)),
            SubmissionsRequestBuilder.Ndjson,
            idempotencyKey: "kiota-" + Guid.NewGuid().ToString("N"),
            requestConfiguration: c => c.Options.Add(headers));
        Assert.NotNull(received?.Id);
        Assert.Equal(SubmissionStatus.RECEIVED, received.Status);
        Assert.Equal(Agency, received.AgencyCode);
        Assert.Equal($"/api/v1/submissions/{received.Id}", Assert.Single(headers.ResponseHeaders["Location"]));

        // Its status until the job has finished.
        var submission = agency.Api.V1.Submissions[received.Id.Value];
        var completed = await UntilAsync(
            () => submission.GetAsync(),
            s => s.Status is SubmissionStatus.COMPLETED or SubmissionStatus.COMPLETED_WITH_ERRORS or SubmissionStatus.FAILED,
            "the submission");
        Assert.Equal(SubmissionStatus.COMPLETED_WITH_ERRORS, completed.Status);
        Assert.Equal((4, 3, 0, 1), (completed.Received, completed.Accepted, completed.PendingMapping, completed.Rejected));
        Assert.NotNull(completed.CompletedAt);

        // Its record errors: the fourth record, refused for its unknown field.
        var errors = await submission.Errors.GetAsync(c => c.QueryParameters.Limit = 100);
        var error = Assert.Single(errors!.Items!);
        Assert.Equal((3, 4, Nip(763)), (error.RecordIndex, error.Line, error.Nip));
        Assert.Equal(RecordErrorCode.Unknown_field, error.Code);
        Assert.Equal("/nickname", error.Pointer);
        Assert.Null(errors.NextCursor);

        // A profile of a person it employs: NIK masked (no pii), the agency's levels normalized.
        var profile = await agency.Api.V1.Profiles[Nip(760)].GetAsync();
        Assert.Equal(Nip(760), profile?.Nip);
        Assert.Equal("3578********0760", profile?.Identity?.Nik);
        Assert.Equal(Agency, profile?.EmployingAgency);
        Assert.Equal("III/d", profile?.Grade);
        // A person it does not employ does not exist for it.
        var notEmployed = await Assert.ThrowsAsync<ProblemDetails>(() => agency.Api.V1.Profiles[Nip(763)].GetAsync());
        Assert.Equal((404, 404), (notEmployed.ResponseStatusCode, notEmployed.Status));

        // ---- BKN's integrator: the change feed, an export, its file, then the feed from the export's cursor ----
        var integrator = Authenticated(http, anonymous, integratorCredentials.ClientId!, integratorCredentials.ClientSecret);
        var fed = await FeedAsync(integrator, cursor: null);
        Assert.Equal(People, fed.Where(e => e.Nip is not null && People.Contains(e.Nip)).Select(e => e.Nip).Distinct().Order(StringComparer.Ordinal));
        Assert.DoesNotContain(fed, e => e.Nip == Nip(763));

        var exportHeaders = new HeadersInspectionHandlerOption { InspectResponseHeaders = true };
        var created = await integrator.Api.V1.Exports.PostAsync(
            new ExportRequest { Format = "NDJSON", Filter = new ExportFilter { AgencyCode = Agency } },
            c =>
            {
                c.Headers.Add("Idempotency-Key", "kiota-export-" + Guid.NewGuid().ToString("N"));
                c.Options.Add(exportHeaders);
            });
        Assert.NotNull(created?.Id);
        Assert.Equal($"/api/v1/exports/{created.Id}", Assert.Single(exportHeaders.ResponseHeaders["Location"]));
        var export = await UntilAsync(() => integrator.Api.V1.Exports[created.Id.Value].GetAsync(), e => e.Status is "COMPLETED" or "FAILED", "the export");
        Assert.Equal("COMPLETED", export.Status);
        Assert.Equal(3, export.RowCount);
        Assert.Equal(Agency, export.Filter?.AgencyCode);
        Assert.False(export.Unmasked);
        Assert.NotNull(export.FeedCursor);

        byte[] file;
        await using (var download = await integrator.Api.V1.Exports[created.Id.Value].File.GetStreamAsync())
        {
            Assert.NotNull(download);
            using var buffer = new MemoryStream();
            await download.CopyToAsync(buffer);
            file = buffer.ToArray();
        }

        Assert.Equal(export.ByteSize, file.Length);
        Assert.Equal(export.Sha256, Convert.ToHexStringLower(SHA256.HashData(file)));
        string text;
        using (var reader = new StreamReader(new GZipStream(new MemoryStream(file), CompressionMode.Decompress), Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync();
        }

        // Each line is a profile document, as GET /profiles/{nip} serves it: the generated model reads it.
        var lines = new List<ProfileDocument>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            lines.Add((await KiotaJsonSerializer.DeserializeAsync(line, ProfileDocument.CreateFromDiscriminatorValue))!);
        }

        Assert.Equal(People, lines.Select(l => l.Nip!).Order(StringComparer.Ordinal));
        Assert.All(lines, l => Assert.StartsWith("3578********076", l.Identity?.Nik, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal(Agency, l.EmployingAgency));

        // The agency promotes one person; the feed from the export's cursor gives that change and nothing the export holds.
        var update = await agency.Api.V1.Submissions.PostStreamAsync(
            new MemoryStream(Encoding.UTF8.GetBytes(Ndjson([Person(761, grade: "IV/a", sourceUpdatedAt: "2025-06-01T08:00:00+07:00")]))),
            SubmissionsRequestBuilder.Ndjson,
            idempotencyKey: "kiota-" + Guid.NewGuid().ToString("N"));
        var updated = await UntilAsync(() => agency.Api.V1.Submissions[update!.Id!.Value].GetAsync(), s => s.Status is not (SubmissionStatus.RECEIVED or SubmissionStatus.PROCESSING), "the update");
        Assert.Equal((SubmissionStatus.COMPLETED, 1), (updated.Status, updated.Accepted));

        var after = await FeedAsync(integrator, export.FeedCursor);
        Assert.Equal([Nip(761)], after.Where(e => e.Nip is not null && People.Contains(e.Nip)).Select(e => e.Nip).Distinct());
        var promoted = await integrator.Api.V1.Profiles[Nip(761)].GetAsync();
        Assert.Equal("IV/a", promoted?.Grade);
    }

    /// <summary>The change feed from <paramref name="cursor"/> (the start when null) to its end, page by page.</summary>
    private static async Task<List<ChangeEntry>> FeedAsync(TalentHubApiClient client, string? cursor)
    {
        var entries = new List<ChangeEntry>();
        while (true)
        {
            var page = await client.Api.V1.Changes.GetAsync(c =>
            {
                c.QueryParameters.Limit = 1000;
                c.QueryParameters.Cursor = cursor;
            });
            Assert.NotNull(page?.Items);
            Assert.NotNull(page.NextCursor);
            entries.AddRange(page.Items);
            cursor = page.NextCursor;
            if (page.Items.Count == 0)
            {
                return entries;
            }
        }
    }

    /// <summary>A JSON body for an operation whose document schema is free-form (Kiota's untyped nodes).</summary>
    private static UntypedNode Untyped(JsonNode node) => node switch
    {
        JsonObject o => new UntypedObject(o.ToDictionary(p => p.Key, p => Untyped(p.Value!))),
        JsonArray a => new UntypedArray(a.Select(i => Untyped(i!)).ToList()),
        JsonValue v when v.TryGetValue<int>(out var i) => new UntypedInteger(i),
        JsonValue v when v.TryGetValue<double>(out var d) => new UntypedDouble(d),
        JsonValue v when v.TryGetValue<bool>(out var b) => new UntypedBoolean(b),
        JsonValue v => new UntypedString(v.GetValue<string>()),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };
}
