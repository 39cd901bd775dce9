using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using TalentHub.Api.Tests.Infrastructure;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Privacy;

/// <summary>
/// Walks every endpoint that returns a person's data (06-quality.md, Security: personal data) through the real HTTP
/// pipeline: one person reported by two agencies with a different NIK and birth place, so that IDENTITY_MISMATCH
/// conflicts on nik and birthPlace are open. Without <c>pii</c> no full NIK and no birth place appears anywhere in a
/// body; with <c>pii</c> they do, and the read is in the access log. A new endpoint that returns a person's data is
/// one more row in <see cref="Endpoints"/>.
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

    /// <summary>
    /// An endpoint that returns a person's data: its URL in the scenario, what it shows with <c>pii</c> (empty: it
    /// shows no NIK nor birth place at all, and so logs nothing), the masked NIKs it shows without, the agency that
    /// sent the record when the agency may read it too, and whether the access log names the person's NIP.
    /// </summary>
    private sealed record Endpoint(string Name, Func<Scenario, string> Url, string[] ShownWithPii, string[] MaskedWithoutPii, string? Sender = null, bool LogsTheNip = true);

    private static readonly Endpoint[] Endpoints =
    [
        new("profile", _ => $"/api/v1/profiles/{Nip}", Secrets, [CsvNikMasked, JsonNikMasked]),
        new("profile history", _ => $"/api/v1/profiles/{Nip}/history", Secrets, [CsvNikMasked, JsonNikMasked]),
        new("profile list", _ => $"/api/v1/profiles?agencyCode={CsvAgency}&limit=1000", [], []),
        new("competency derivation", _ => $"/api/v1/profiles/{Nip}/competencies/M1/derivation", [], []),
        new("conflicts list", _ => $"/api/v1/conflicts?kind=IDENTITY_MISMATCH&agencyCode={CsvAgency}&limit=1000", Secrets, [CsvNikMasked, JsonNikMasked]),
        new("conflict on nik", s => $"/api/v1/conflicts/{s.NikConflict}", [JsonNik, CsvNik], [CsvNikMasked, JsonNikMasked]),
        new("conflict on birthPlace", s => $"/api/v1/conflicts/{s.BirthPlaceConflict}", [JsonBirthPlace, CsvBirthPlace], []),
        new("raw record of a JSON submission", s => $"/api/v1/submissions/{s.JsonSubmission}/records/0", [JsonNik, JsonBirthPlace], [JsonNikMasked], JsonAgency),
        new("raw record of a CSV submission", s => $"/api/v1/submissions/{s.CsvSubmission}/records/0", [CsvNik, CsvBirthPlace], [CsvNikMasked], CsvAgency),
        new("raw record that did not parse", s => $"/api/v1/submissions/{s.UnparseableSubmission}/records/0", [JsonNik, JsonBirthPlace], [], JsonAgency, LogsTheNip: false),
        new("duplicates list", _ => $"/api/v1/duplicates?nip={Nip}", [CsvNik, CsvBirthPlace, JsonBirthPlace], [CsvNikMasked]),
        new("duplicate item", s => $"/api/v1/duplicates/{s.DuplicateItem}", [CsvNik, CsvBirthPlace, JsonBirthPlace], [CsvNikMasked]),
    ];

    public static TheoryData<string> AllEndpoints() => Names(Endpoints);

    public static TheoryData<string> RawRecordEndpoints() => Names(Endpoints.Where(e => e.Sender is not null));

    [Theory]
    [MemberData(nameof(AllEndpoints))]
    public async Task Without_pii_a_BKN_token_sees_no_full_NIK_nor_birth_place(string name)
    {
        var (endpoint, scenario) = await ArrangeAsync(name);
        using var client = factory.Authorized(scenario.Masked.Token);
        var before = await LoggedAsync(scenario.Masked.ClientId, Path(endpoint.Url(scenario)));

        var body = await GetBodyAsync(client, endpoint.Url(scenario));

        AssertNoSecret(body);
        Assert.All(endpoint.MaskedWithoutPii, masked => Assert.Contains(masked, body, StringComparison.Ordinal));
        Assert.Equal(before, await LoggedAsync(scenario.Masked.ClientId, Path(endpoint.Url(scenario))));
    }

    [Theory]
    [MemberData(nameof(AllEndpoints))]
    public async Task With_pii_a_BKN_token_sees_the_NIK_and_birth_place_and_the_read_is_logged(string name)
    {
        var (endpoint, scenario) = await ArrangeAsync(name);
        using var client = factory.Authorized(scenario.Unmasked.Token);
        var path = Path(endpoint.Url(scenario));
        var before = await LoggedAsync(scenario.Unmasked.ClientId, path);

        var body = await GetBodyAsync(client, endpoint.Url(scenario));

        Assert.All(endpoint.ShownWithPii, secret => Assert.Contains(secret, body, StringComparison.Ordinal));
        var after = await LoggedAsync(scenario.Unmasked.ClientId, path);
        if (endpoint.ShownWithPii.Length == 0)
        {
            AssertNoSecret(body);
            Assert.Equal(before, after);
            return;
        }

        var row = Assert.Single(after.Skip(before.Count));
        if (endpoint.LogsTheNip)
        {
            Assert.Contains(Nip, row);
        }
    }

    [Theory]
    [MemberData(nameof(RawRecordEndpoints))]
    public async Task Without_pii_the_sending_agency_sees_no_full_NIK_nor_birth_place_in_its_raw_record(string name)
    {
        var (endpoint, scenario) = await ArrangeAsync(name);
        using var client = factory.Authorized(scenario.SenderTokens[endpoint.Sender!]);

        var body = await GetBodyAsync(client, endpoint.Url(scenario));

        AssertNoSecret(body);
        Assert.All(endpoint.MaskedWithoutPii, masked => Assert.Contains(masked, body, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_raw_record_that_did_not_parse_is_withheld_without_pii_and_shown_as_received_with_it()
    {
        var (endpoint, scenario) = await ArrangeAsync("raw record that did not parse");
        using var masked = factory.Authorized(scenario.Masked.Token);
        using var unmasked = factory.Authorized(scenario.Unmasked.Token);

        var withheld = await (await masked.GetAsync(endpoint.Url(scenario))).JsonAsync();
        var shown = await (await unmasked.GetAsync(endpoint.Url(scenario))).JsonAsync();

        Assert.Equal(JsonValueKind.Null, withheld.GetProperty("raw").ValueKind);
        Assert.False(withheld.GetProperty("rawPurged").GetBoolean());
        Assert.Contains(withheld.GetProperty("errors").EnumerateArray(), e => e.GetProperty("code").GetString() == "malformed_record");
        Assert.Equal(JsonValueKind.String, shown.GetProperty("raw").ValueKind);
        Assert.Contains(JsonNik, shown.GetProperty("raw").GetString(), StringComparison.Ordinal);
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
        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
        }
    }

    private static string Path(string url) => url.Split('?')[0];

    private static async Task<string> GetBodyAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {body}");
        return body;
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
        Caller Masked,
        Caller Unmasked,
        Dictionary<string, string> SenderTokens);

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

        var masked = await CallerAsync(factory, null, "profiles.read", "stewardship", "submissions.write");
        var unmasked = await CallerAsync(factory, null, "profiles.read", "stewardship", "submissions.write", "pii");
        using var steward = factory.Authorized(masked.Token);
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
            masked,
            unmasked,
            new Dictionary<string, string> { [JsonAgency] = jsonSender.Token, [CsvAgency] = csvSender.Token });
    }

    private static async Task<Caller> CallerAsync(TalentHubFactory factory, string? agencyCode, params string[] scopes)
    {
        var (clientId, secret) = await factory.CreateApiClientAsync(agencyCode, scopes);
        return new Caller(clientId, await factory.TokenAsync(clientId, secret));
    }
}
