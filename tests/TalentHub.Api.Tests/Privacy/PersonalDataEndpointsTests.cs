using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using TalentHub.Api.Tests.Exports;
using TalentHub.Api.Tests.Infrastructure;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Privacy;

/// <summary>
/// Walks every endpoint that returns a person's data (docs/domain/README.md#access) through the real HTTP
/// pipeline: one person reported by two agencies with a different NIK and birth place, so that IDENTITY_MISMATCH
/// conflicts on nik and birthPlace are open. Without <c>pii</c> no full NIK and no birth place appears anywhere in a
/// body; with <c>pii</c> they do, and the read is in the access log. Every GET endpoint of the app is either a row of
/// <see cref="Endpoints"/> or listed in <see cref="WithoutPersonalData"/> with why, so a new one cannot be forgotten.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class PersonalDataEndpointsTests(TalentHubFactory factory)
{
    private const string Nip = "198503152010012540";
    // Agencies no other test employs people in, so their filtered lists hold this person only.
    private const string JsonAgency = "PROV-51";
    private const string CsvAgency = "PROV-52";
    private const string JsonNik = "3578015503857731";
    private const string CsvNik = "3578015503857732";
    private const string JsonBirthPlace = "Pacitan";
    private const string CsvBirthPlace = "Bojonegoro";
    private const string JsonNikMasked = "3578********7731";
    private const string CsvNikMasked = "3578********7732";

    private static readonly string[] Secrets = [JsonNik, CsvNik, JsonBirthPlace, CsvBirthPlace];

    // Another person the two agencies give different NIKs, and a steward chose the CSV agency's: a decision on a NIK.
    private const string ResolvedNip = "199007212010012542";
    private const string ResolvedJsonNik = "3578016107907733";
    private const string ResolvedNik = "3578016107907734";
    private const string ResolvedNikMasked = "3578********7734";
    private static readonly string[] ResolvedSecrets = [ResolvedJsonNik, ResolvedNik];

    /// <summary>
    /// An endpoint that returns a person's data: its URL in the scenario, what it shows with <c>pii</c> (empty: it
    /// shows no NIK nor birth place at all, and so logs nothing), the masked NIKs it shows without, the agency that
    /// sent the record when the agency may read it too, the NIP the access log names (null: none, as for a whole export),
    /// and whether the body is a gzip file.
    /// </summary>
    private sealed record Endpoint(
        string Name, string Route, Func<Scenario, Caller, string> Url, string[] ShownWithPii, string[] MaskedWithoutPii, string? Sender = null, string? LoggedNip = Nip, bool Gzip = false);

    private static readonly Endpoint[] Endpoints =
    [
        new("profile", "GET /api/v1/profiles/{nip}", (_, _) => $"/api/v1/profiles/{Nip}", Secrets, [CsvNikMasked, JsonNikMasked]),
        new("profile history", "GET /api/v1/profiles/{nip}/history", (_, _) => $"/api/v1/profiles/{Nip}/history", Secrets, [CsvNikMasked, JsonNikMasked]),
        new("profile list", "GET /api/v1/profiles", (_, _) => $"/api/v1/profiles?agencyCode={CsvAgency}&limit=1000", [], []),
        new("competency derivation", "GET /api/v1/profiles/{nip}/competencies/{nationalCode}/derivation", (_, _) => $"/api/v1/profiles/{Nip}/competencies/M1/derivation", [], []),
        new("conflicts list", "GET /api/v1/conflicts", (_, _) => $"/api/v1/conflicts?kind=IDENTITY_MISMATCH&agencyCode={CsvAgency}&limit=1000", Secrets, [CsvNikMasked, JsonNikMasked]),
        new("conflict on nik", "GET /api/v1/conflicts/{id:guid}", (s, _) => $"/api/v1/conflicts/{s.NikConflict}", [JsonNik, CsvNik], [CsvNikMasked, JsonNikMasked]),
        new("conflict on birthPlace", "GET /api/v1/conflicts/{id:guid}", (s, _) => $"/api/v1/conflicts/{s.BirthPlaceConflict}", [JsonBirthPlace, CsvBirthPlace], []),
        new("raw record of a JSON submission", "GET /api/v1/submissions/{id:guid}/records/{recordIndex:int}", (s, _) => $"/api/v1/submissions/{s.JsonSubmission}/records/0", [JsonNik, JsonBirthPlace], [JsonNikMasked], JsonAgency),
        new("raw record of a CSV submission", "GET /api/v1/submissions/{id:guid}/records/{recordIndex:int}", (s, _) => $"/api/v1/submissions/{s.CsvSubmission}/records/0", [CsvNik, CsvBirthPlace], [CsvNikMasked], CsvAgency),
        new("raw record that did not parse", "GET /api/v1/submissions/{id:guid}/records/{recordIndex:int}", (s, _) => $"/api/v1/submissions/{s.UnparseableSubmission}/records/0", [JsonNik, JsonBirthPlace], [], JsonAgency, LoggedNip: null),
        new("errors of a record that did not parse", "GET /api/v1/submissions/{id:guid}/errors", (s, _) => $"/api/v1/submissions/{s.UnparseableSubmission}/errors", [], [], JsonAgency),
        new("errors of a record that did not parse as CSV", "GET /api/v1/submissions/{id:guid}/errors", (s, _) => $"/api/v1/submissions/{s.UnparseableSubmission}/errors?format=csv", [], [], JsonAgency),
        new("duplicates list", "GET /api/v1/duplicates", (_, _) => $"/api/v1/duplicates?nip={Nip}", [CsvNik, CsvBirthPlace, JsonBirthPlace], [CsvNikMasked]),
        new("duplicate item", "GET /api/v1/duplicates/{id:guid}", (s, _) => $"/api/v1/duplicates/{s.DuplicateItem}", [CsvNik, CsvBirthPlace, JsonBirthPlace], [CsvNikMasked]),
        new("steward decisions on a NIK", "GET /api/v1/stewardship/decisions", (_, _) => $"/api/v1/stewardship/decisions?nip={ResolvedNip}", [ResolvedNik], [ResolvedNikMasked], LoggedNip: ResolvedNip),
        new("steward decision on a NIK", "GET /api/v1/stewardship/decisions/{id:guid}", (s, _) => $"/api/v1/stewardship/decisions/{s.NikDecision}", [ResolvedNik], [ResolvedNikMasked], LoggedNip: ResolvedNip),
        new("change feed", "GET /api/v1/changes", (_, _) => "/api/v1/changes?limit=1000", [], []),
        // An export is its creator's own: each caller downloads the one it made, with or without pii.
        new("NDJSON export file", "GET /api/v1/exports/{id:guid}/file", (s, c) => $"/api/v1/exports/{s.Exports[(c.ClientId, "NDJSON")]}/file", Secrets, [CsvNikMasked, JsonNikMasked], LoggedNip: null, Gzip: true),
        new("CSV export file", "GET /api/v1/exports/{id:guid}/file", (s, c) => $"/api/v1/exports/{s.Exports[(c.ClientId, "CSV")]}/file", [CsvNik, CsvBirthPlace], [CsvNikMasked], LoggedNip: null, Gzip: true),
    ];

    /// <summary>GET endpoints that show no NIK nor birth place, each with why; every other GET endpoint is walked above.</summary>
    private static readonly Dictionary<string, string> WithoutPersonalData = new(StringComparer.Ordinal)
    {
        ["GET /openapi/{documentName}.json"] = "the API description",
        ["* /health/live"] = "service status",
        ["* /health/ready"] = "service status",
        ["GET /api/v1/standard"] = "the competency standard",
        ["GET /api/v1/agencies"] = "agencies",
        ["GET /api/v1/agencies/{agencyCode}"] = "an agency",
        ["GET /api/v1/agencies/{agencyCode}/scales"] = "an agency's scales",
        ["GET /api/v1/agencies/{agencyCode}/scales/{scaleCode}"] = "an agency's scale",
        ["GET /api/v1/agencies/{agencyCode}/dictionary"] = "competency names",
        ["GET /api/v1/agencies/{agencyCode}/unmapped"] = "unmapped scales, competency names and labels with counts",
        ["GET /api/v1/agencies/{agencyCode}/renormalizations/{id:guid}"] = "progress counts",
        ["GET /api/v1/submissions"] = "submission statuses and counts",
        ["GET /api/v1/submissions/{id:guid}"] = "a submission's status and counts",
        ["GET /api/v1/vacancies"] = "open positions, not people",
        ["GET /api/v1/vacancies/{id:guid}"] = "an open position, not a person",
        ["GET /api/v1/analytics/nine-box"] = "counts",
        ["GET /api/v1/analytics/succession-pools"] = "NIP, name, position and scores from the profile columns, which hold no NIK nor birth place",
        ["GET /api/v1/analytics/rotation-candidates"] = "NIP, name, position and scores from the profile columns, which hold no NIK nor birth place",
        ["GET /api/v1/analytics/competency-map"] = "aggregates",
        ["GET /api/v1/analytics/data-quality"] = "aggregates per agency",
        ["GET /api/v1/exports"] = "export statuses, filters and counts",
        ["GET /api/v1/exports/{id:guid}"] = "an export's status, filter and counts",
        ["GET /api/v1/admin/clients"] = "API clients",
        ["GET /api/v1/admin/clients/{clientId}"] = "an API client",
        ["GET /api/v1/admin/rebuilds/{id:guid}"] = "progress counts",
        ["GET /api/v1/admin/access-log"] = "who read which NIPs, not what they read",
        ["GET /hangfire/login"] = "a redirect setting the dashboard cookie",
        ["* /hangfire/{**path}"] = "jobs and their arguments, which are ids",
    };

    public static TheoryData<string> AllEndpoints() => Names(Endpoints);

    public static TheoryData<string> RawRecordEndpoints() => Names(Endpoints.Where(e => e.Sender is not null));

    [Theory]
    [MemberData(nameof(AllEndpoints))]
    public async Task Without_pii_a_BKN_token_sees_no_full_NIK_nor_birth_place(string name)
    {
        var (endpoint, scenario) = await ArrangeAsync(name);
        using var client = factory.Authorized(scenario.Masked.Token);
        var url = endpoint.Url(scenario, scenario.Masked);
        var before = await LoggedAsync(scenario.Masked.ClientId, Path(url));

        var body = await GetBodyAsync(client, url, endpoint.Gzip);

        AssertNoSecret(body);
        Assert.All(endpoint.MaskedWithoutPii, masked => Assert.Contains(masked, body, StringComparison.Ordinal));
        Assert.Equal(before, await LoggedAsync(scenario.Masked.ClientId, Path(url)));
    }

    [Theory]
    [MemberData(nameof(AllEndpoints))]
    public async Task With_pii_a_BKN_token_sees_the_NIK_and_birth_place_and_the_read_is_logged(string name)
    {
        var (endpoint, scenario) = await ArrangeAsync(name);
        using var client = factory.Authorized(scenario.Unmasked.Token);
        var url = endpoint.Url(scenario, scenario.Unmasked);
        var path = Path(url);
        var before = await LoggedAsync(scenario.Unmasked.ClientId, path);

        var body = await GetBodyAsync(client, url, endpoint.Gzip);

        Assert.All(endpoint.ShownWithPii, secret => Assert.Contains(secret, body, StringComparison.Ordinal));
        var after = await LoggedAsync(scenario.Unmasked.ClientId, path);
        if (endpoint.ShownWithPii.Length == 0)
        {
            AssertNoSecret(body);
            Assert.Equal(before, after);
            return;
        }

        var row = Assert.Single(after.Skip(before.Count));
        if (endpoint.LoggedNip is { } nip)
        {
            Assert.Contains(nip, row);
        }
    }

    [Theory]
    [MemberData(nameof(RawRecordEndpoints))]
    public async Task Without_pii_the_sending_agency_sees_no_full_NIK_nor_birth_place_in_its_raw_record(string name)
    {
        var (endpoint, scenario) = await ArrangeAsync(name);
        var sender = scenario.Senders[endpoint.Sender!];
        using var client = factory.Authorized(sender.Token);

        var body = await GetBodyAsync(client, endpoint.Url(scenario, sender), endpoint.Gzip);

        AssertNoSecret(body);
        Assert.All(endpoint.MaskedWithoutPii, masked => Assert.Contains(masked, body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_raw_record_that_did_not_parse_is_withheld_without_pii_and_shown_as_received_with_it()
    {
        var (endpoint, scenario) = await ArrangeAsync("raw record that did not parse");
        using var masked = factory.Authorized(scenario.Masked.Token);
        using var unmasked = factory.Authorized(scenario.Unmasked.Token);

        var withheld = await (await masked.GetAsync(endpoint.Url(scenario, scenario.Masked))).JsonAsync();
        var shown = await (await unmasked.GetAsync(endpoint.Url(scenario, scenario.Unmasked))).JsonAsync();

        Assert.Equal(JsonValueKind.Null, withheld.GetProperty("raw").ValueKind);
        Assert.False(withheld.GetProperty("rawPurged").GetBoolean());
        Assert.Contains(withheld.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "malformed_record");
        Assert.Equal(JsonValueKind.String, shown.GetProperty("raw").ValueKind);
        Assert.Contains(JsonNik, shown.GetProperty("raw").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_rows_of_an_unmasked_export_say_what_it_holds_and_the_admin_reads_them()
    {
        var scenario = await Scenarios.GetValue(factory, SetUpAsync);
        var id = scenario.Exports[(scenario.Unmasked.ClientId, "CSV")];
        using var client = factory.Authorized(scenario.Unmasked.Token);
        var export = await (await client.GetAsync($"/api/v1/exports/{id}")).JsonAsync();
        (await client.GetAsync($"/api/v1/exports/{id}/file")).EnsureSuccessStatusCode();

        using var admin = await factory.AdminClientAsync();
        var log = await (await admin.GetAsync("/api/v1/admin/access-log?limit=1000")).JsonAsync();

        var rows = log.GetProperty("items").EnumerateArray()
            .Where(r => r.GetProperty("clientId").GetString() == scenario.Unmasked.ClientId && r.GetProperty("endpoint").GetString()!.StartsWith($"/api/v1/exports/{id}", StringComparison.Ordinal))
            .ToList();
        // The export itself when it completed, and each download (the walk above may have downloaded it too).
        Assert.Single(rows, r => r.GetProperty("endpoint").GetString() == $"/api/v1/exports/{id}");
        Assert.Contains(rows, r => r.GetProperty("endpoint").GetString() == $"/api/v1/exports/{id}/file");
        Assert.All(rows, row =>
        {
            var details = row.GetProperty("details");
            Assert.Equal(id, details.GetProperty("exportId").GetString());
            Assert.Equal(CsvAgency, details.GetProperty("filter").GetProperty("agencyCode").GetString());
            Assert.Equal(export.GetProperty("rowCount").GetInt64(), details.GetProperty("rowCount").GetInt64());
        });
    }

    [Fact]
    public void Every_GET_endpoint_is_walked_or_listed_as_showing_no_NIK_nor_birth_place()
    {
        var gets = EndpointKeys.Of(factory.Services).Keys.Where(key => key.StartsWith("GET ", StringComparison.Ordinal) || key.StartsWith("* ", StringComparison.Ordinal)).ToHashSet();
        var walked = Endpoints.Select(e => e.Route).ToHashSet();
        var problems = new List<string>();
        problems.AddRange(gets.Where(key => !walked.Contains(key) && !WithoutPersonalData.ContainsKey(key)).Select(key => $"{key}: neither walked nor listed as showing no personal data"));
        problems.AddRange(walked.Where(WithoutPersonalData.ContainsKey).Select(key => $"{key}: both walked and listed as showing no personal data"));
        problems.AddRange(walked.Concat(WithoutPersonalData.Keys).Where(key => !gets.Contains(key)).Distinct().Select(key => $"{key}: no such GET endpoint"));

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static TheoryData<string> Names(IEnumerable<Endpoint> endpoints)
    {
        var names = new TheoryData<string>();
        foreach (var endpoint in endpoints)
        {
            names.Add(endpoint.Name);
        }

        return names;
    }

    private static void AssertNoSecret(string body)
    {
        foreach (var secret in Secrets.Concat(ResolvedSecrets))
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
    }

    private static string Path(string url) => url.Split('?')[0];

    private static async Task<string> GetBodyAsync(HttpClient client, string url, bool gzip)
    {
        using var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
        if (!gzip)
        {
            return Encoding.UTF8.GetString(bytes);
        }

        using var reader = new StreamReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress), Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    /// <summary>The NIPs of each access-log row of this client and endpoint, oldest first.</summary>
    private async Task<List<string[]>> LoggedAsync(string clientId, string endpoint)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT nips FROM pii_access_log WHERE client_id = @client AND endpoint = @endpoint ORDER BY id", connection);
        command.Parameters.AddWithValue("client", clientId);
        command.Parameters.AddWithValue("endpoint", endpoint);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string[]>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<string[]>(0));
        }

        return rows;
    }

    private sealed record Caller(string ClientId, string Token);

    private sealed record Scenario(
        string JsonSubmission,
        string CsvSubmission,
        string UnparseableSubmission,
        string NikConflict,
        string BirthPlaceConflict,
        string DuplicateItem,
        string NikDecision,
        Dictionary<(string ClientId, string Format), string> Exports,
        Caller Masked,
        Caller Unmasked,
        Dictionary<string, Caller> Senders);

    // The person is submitted once per test host (tokens last 15 minutes, far longer than this class runs).
    private static readonly ConditionalWeakTable<TalentHubFactory, Task<Scenario>> Scenarios = new();

    private async Task<(Endpoint Endpoint, Scenario Scenario)> ArrangeAsync(string name) =>
        (Endpoints.Single(e => e.Name == name), await Scenarios.GetValue(factory, SetUpAsync));

    private static async Task<Scenario> SetUpAsync(TalentHubFactory factory)
    {
        await RegisterValidRecordMappingsAsync(factory, JsonAgency);
        var jsonSender = await CallerAsync(factory, JsonAgency, "submissions.write");
        var csvSender = await CallerAsync(factory, CsvAgency, "submissions.write");

        var record = ValidRecord(540);
        record["nik"] = JsonNik;
        record["birthPlace"] = JsonBirthPlace;
        record["position"]!["province"] = "51";
        using var jsonClient = factory.Authorized(jsonSender.Token);
        var json = await SubmitAndWaitAsync(jsonClient, new JsonArray(record).ToJsonString(), "application/json");
        Assert.Equal("COMPLETED", json.GetProperty("status").GetString());

        // The same person, employed by the CSV agency since later, with another NIK and birth place: both ACTIVE.
        const string csv = "nip,nik,name,birthDate,birthPlace,gender,employmentType,status,grade,positionTitle,positionLevel,positionUnit,positionJobFamily,positionProvince,positionSince,sourceUpdatedAt\r\n"
            + $"{Nip},{CsvNik},Siti Rahmawati,1985-03-15,{CsvBirthPlace},F,PNS,ACTIVE,III/d,Kepala Bidang Anggaran,ADMINISTRATOR,Badan Keuangan Daerah,KEU,52,2020-01-02,2025-02-10T08:00:00+07:00\r\n";
        using var csvClient = factory.Authorized(csvSender.Token);
        var fromCsv = await SubmitAndWaitAsync(csvClient, csv, "text/csv");
        Assert.Equal("COMPLETED", fromCsv.GetProperty("status").GetString());

        // Another person of the JSON agency with the NIK the CSV agency gives: a POSSIBLE_DUPLICATE item on the same NIK.
        var namesake = ValidRecord(541);
        namesake["nik"] = CsvNik;
        namesake["name"] = "Sri Wahyuni";
        namesake["birthPlace"] = JsonBirthPlace;
        namesake["position"]!["province"] = "51";
        Assert.Equal("COMPLETED", (await SubmitAndWaitAsync(jsonClient, Ndjson([namesake]))).GetProperty("status").GetString());

        // A line that is not JSON: kept as the text that arrived, personal data included.
        var unparseable = await SubmitAndWaitAsync(jsonClient, $"{{\"nip\":\"{Nip}\",\"nik\":\"{JsonNik}\",\"birthPlace\":\"{JsonBirthPlace}\",\n");

        // The other person: a NIK conflict a steward resolves, so that a decision holds a chosen NIK.
        var resolved = ValidRecord(542);
        resolved["nip"] = ResolvedNip;
        resolved["nik"] = ResolvedJsonNik;
        resolved["name"] = "Dewi Lestari";
        resolved["birthDate"] = "1990-07-21";
        resolved["position"]!["province"] = "51";
        Assert.Equal("COMPLETED", (await SubmitAndWaitAsync(jsonClient, Ndjson([resolved]))).GetProperty("status").GetString());
        var resolvedCsv = csv.Split("\r\n")[0] + "\r\n"
            + $"{ResolvedNip},{ResolvedNik},Dewi Lestari,1990-07-21,Surabaya,F,PNS,ACTIVE,III/d,Kepala Bidang Anggaran,ADMINISTRATOR,Badan Keuangan Daerah,KEU,52,2020-01-02,2025-02-10T08:00:00+07:00\r\n";
        Assert.Equal("COMPLETED", (await SubmitAndWaitAsync(csvClient, resolvedCsv, "text/csv")).GetProperty("status").GetString());

        string[] scopes = ["profiles.read", "stewardship", "submissions.write", "changes.read"];
        var masked = await CallerAsync(factory, null, scopes);
        var unmasked = await CallerAsync(factory, null, [.. scopes, "pii"]);
        using var steward = factory.Authorized(masked.Token);
        var nikConflict = (await (await steward.GetAsync($"/api/v1/conflicts?nip={ResolvedNip}&kind=IDENTITY_MISMATCH")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("field").GetString() == "nik").GetProperty("id").GetString();
        using var conflict = await steward.GetAsync($"/api/v1/conflicts/{nikConflict}");
        using var resolution = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conflicts/{nikConflict}/resolution")
        {
            Content = JsonContent.Create(new { chosenValue = ResolvedNik, reason = "The NIK on the e-KTP" }),
        };
        resolution.Headers.TryAddWithoutValidation("If-Match", conflict.Headers.ETag!.ToString());
        var decision = await (await steward.SendAsync(resolution)).JsonAsync(HttpStatusCode.Created);

        var exports = new Dictionary<(string ClientId, string Format), string>();
        foreach (var caller in new[] { masked, unmasked })
        {
            using var integrator = factory.Authorized(caller.Token);
            foreach (var format in new[] { "NDJSON", "CSV" })
            {
                var export = await ExportsTests.ExportAsync(integrator, new { format, filter = new { agencyCode = CsvAgency } });
                exports[(caller.ClientId, format)] = export.GetProperty("id").GetString()!;
            }
        }

        var conflicts = await (await steward.GetAsync($"/api/v1/conflicts?kind=IDENTITY_MISMATCH&agencyCode={CsvAgency}&limit=1000")).JsonAsync();
        string ConflictOn(string field) => conflicts.GetProperty("items").EnumerateArray()
            .Single(c => c.GetProperty("nip").GetString() == Nip && c.GetProperty("field").GetString() == field)
            .GetProperty("id").GetString()!;

        var duplicates = await (await steward.GetAsync($"/api/v1/duplicates?nip={Nip}")).JsonAsync();
        return new Scenario(
            json.GetProperty("id").GetString()!,
            fromCsv.GetProperty("id").GetString()!,
            unparseable.GetProperty("id").GetString()!,
            ConflictOn("nik"),
            ConflictOn("birthPlace"),
            Assert.Single(duplicates.GetProperty("items").EnumerateArray()).GetProperty("id").GetString()!,
            decision.GetProperty("id").GetString()!,
            exports,
            masked,
            unmasked,
            new Dictionary<string, Caller> { [JsonAgency] = jsonSender, [CsvAgency] = csvSender });
    }

    private static async Task<Caller> CallerAsync(TalentHubFactory factory, string? agencyCode, params string[] scopes)
    {
        var (clientId, secret) = await factory.CreateApiClientAsync(agencyCode, scopes);
        return new Caller(clientId, await factory.TokenAsync(clientId, secret));
    }
}
