using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Npgsql;
using TalentHub.Api.Tests.Infrastructure;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Submissions;

[Collection(ApiCollection.Name)]
public sealed class SubmissionsApiTests(TalentHubFactory factory)
{
    private async Task<HttpClient> AgencyAsync(string agency = "PROV-35")
    {
        await RegisterValidRecordMappingsAsync(factory, agency);
        return await factory.ClientWithScopesAsync(agency, "submissions.write");
    }

    [Fact]
    public async Task An_ndjson_submission_is_staged_answered_202_and_processed_into_counts_that_add_up()
    {
        using var client = await AgencyAsync();
        var invalid = ValidRecord(11);
        invalid["gender"] = "X";
        var body = Ndjson([ValidRecord(10), invalid, ValidRecord(12)]) + "{broken\n";

        using var response = await PostAsync(client, body);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = await response.JsonAsync(HttpStatusCode.Accepted);
        Assert.Equal("RECEIVED", accepted.GetProperty("status").GetString());
        Assert.Equal(4, accepted.GetProperty("received").GetInt32());
        Assert.Equal($"/api/v1/submissions/{accepted.GetProperty("id").GetString()}", response.Headers.Location!.ToString());

        var done = await WaitForCompletionAsync(client, response.Headers.Location!);
        Assert.Equal("COMPLETED_WITH_ERRORS", done.GetProperty("status").GetString());
        Assert.Equal(2, done.GetProperty("accepted").GetInt32());
        Assert.Equal(2, done.GetProperty("rejected").GetInt32());
        Assert.Equal(0, done.GetProperty("pendingMapping").GetInt32());
        Assert.Equal(4, done.GetProperty("progress").GetProperty("done").GetInt32());
        Assert.Equal(4, done.GetProperty("progress").GetProperty("total").GetInt32());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, done.GetProperty("completedAt").ValueKind);

        var id = done.GetProperty("id").GetString()!;
        var errors = await AllErrorsAsync(client, id);
        Assert.Contains(errors, e => e.GetProperty("recordIndex").GetInt32() == 1 && e.GetProperty("code").GetString() == "invalid_enum" && e.GetProperty("pointer").GetString() == "/gender");
        var malformed = Assert.Single(errors, e => e.GetProperty("recordIndex").GetInt32() == 3);
        Assert.Equal("malformed_record", malformed.GetProperty("code").GetString());
        Assert.Equal(4, malformed.GetProperty("line").GetInt32());

        var record = await (await client.GetAsync($"/api/v1/submissions/{id}/records/1")).JsonAsync();
        Assert.Equal("REJECTED", record.GetProperty("state").GetString());
        Assert.Equal("X", record.GetProperty("raw").GetProperty("gender").GetString());
        Assert.Equal(2, record.GetProperty("line").GetInt32());
        var good = await (await client.GetAsync($"/api/v1/submissions/{id}/records/0")).JsonAsync();
        Assert.Equal("ACCEPTED", good.GetProperty("state").GetString());
        Assert.Empty(good.GetProperty("errors").EnumerateArray());
        await (await client.GetAsync($"/api/v1/submissions/{id}/records/4")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_json_array_a_gzipped_body_and_a_semicolon_csv_are_accepted_alike()
    {
        using var client = await AgencyAsync();

        var array = await SubmitAndWaitAsync(client, new JsonArray(ValidRecord(20), ValidRecord(21)).ToJsonString(), "application/json");
        Assert.Equal(2, array.GetProperty("accepted").GetInt32());

        using var zipped = await PostAsync(client, Ndjson([ValidRecord(22)]), gzip: true);
        var zippedDone = await WaitForCompletionAsync(client, zipped.Headers.Location!);
        Assert.Equal(1, zippedDone.GetProperty("accepted").GetInt32());

        var csv = "\uFEFFnip;name;birthDate;gender;employmentType;status;grade;positionTitle;positionLevel;positionUnit;positionProvince;positionSince;sourceUpdatedAt;skp.2021\r\n"
            + "198503152010012023;Siti Rahmawati;1985-03-15;F;PNS;ACTIVE;III/d;Kepala Bidang;ADMINISTRATOR;BKD;35;2019-01-02;2025-01-10T08:00:00+07:00;BAIK\r\n"
            + "198503152010012024;\"Rahma; S.E.\";1985-03-15;F;PNS;ACTIVE;III/d;Kepala Bidang;ADMINISTRATOR;BKD;35;2019-01-02;2025-01-10T08:00:00+07:00;87,5\r\n"
            + "198503152010012025;Siti;1985-03-15;F;PNS;ACTIVE;III/d;Kepala;NOT_A_LEVEL;BKD;35;2019-01-02;2025-01-10T08:00:00+07:00;\r\n";
        var csvDone = await SubmitAndWaitAsync(client, csv, "text/csv");
        Assert.Equal(3, csvDone.GetProperty("received").GetInt32());
        Assert.Equal(1, csvDone.GetProperty("rejected").GetInt32());
        var errors = await AllErrorsAsync(client, csvDone.GetProperty("id").GetString()!);
        var levelError = Assert.Single(errors);
        Assert.Equal("positionLevel", levelError.GetProperty("pointer").GetString());
        Assert.Equal("unknown_position_level", levelError.GetProperty("code").GetString());
        Assert.Equal(4, levelError.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task The_same_key_and_body_replay_the_original_response_and_another_body_is_422()
    {
        using var client = await AgencyAsync();
        var key = Guid.NewGuid().ToString();
        var body = Ndjson([ValidRecord(30)]);

        using var first = await PostAsync(client, body, key: key);
        var original = await first.Content.ReadAsStringAsync();
        await WaitForCompletionAsync(client, first.Headers.Location!);
        using var retry = await PostAsync(client, body, key: key);

        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.Equal(original, await retry.Content.ReadAsStringAsync());

        using var other = await PostAsync(client, Ndjson([ValidRecord(31)]), key: key);
        await other.AssertProblemAsync(HttpStatusCode.UnprocessableEntity);

        using var noKey = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = new StringContent(body, Encoding.UTF8, "application/x-ndjson") };
        await (await client.SendAsync(noKey)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Concurrent_retries_with_one_key_create_exactly_one_submission()
    {
        using var client = await AgencyAsync();
        var key = Guid.NewGuid().ToString();
        var body = Ndjson(Enumerable.Range(40, 200).Select(i => (JsonNode)ValidRecord(i)));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(client, body, key: key)));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Accepted, HttpStatusCode.Conflict }));
        var locations = responses.Where(r => r.StatusCode == HttpStatusCode.Accepted).Select(r => r.Headers.Location!.ToString()).Distinct().ToList();
        Assert.Single(locations);
        Assert.Equal(1, await CountSubmissionsAsync(key));
        var done = await WaitForCompletionAsync(client, new Uri(locations[0], UriKind.Relative));
        Assert.Equal(200, done.GetProperty("accepted").GetInt32());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task An_agency_never_sees_another_agencys_submission()
    {
        using var owner = await AgencyAsync("PROV-35");
        using var other = await AgencyAsync("PROV-33");
        var done = await SubmitAndWaitAsync(owner, Ndjson([ValidRecord(50)]));
        var id = done.GetProperty("id").GetString();

        await (await other.GetAsync($"/api/v1/submissions/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/submissions/{id}/errors")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/submissions/{id}/errors?format=csv")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/v1/submissions/{id}/records/0")).AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await (await other.GetAsync("/api/v1/submissions")).JsonAsync();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetString() == id);

        var mine = await (await owner.GetAsync("/api/v1/submissions?limit=1")).JsonAsync();
        Assert.Equal(id, mine.GetProperty("items")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task The_errors_csv_neutralizes_formulas_in_text_cells()
    {
        using var client = await AgencyAsync();
        var csv = "nip,name,\"=HYPERLINK(\"\"http://x\"\")\"\r\n198503152010012060,Siti,1\r\n";
        var done = await SubmitAndWaitAsync(client, csv, "text/csv");

        var text = await client.GetStringAsync($"/api/v1/submissions/{done.GetProperty("id").GetString()}/errors?format=csv");

        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("recordIndex,line,nip,pointer,code,message", lines[0]);
        var unknown = Assert.Single(lines, l => l.Contains("unknown_field", StringComparison.Ordinal));
        Assert.StartsWith("0,2,198503152010012060,\"'=HYPERLINK(\"\"http://x\"\")\",unknown_field,", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submissions_are_sent_by_agency_clients_with_the_scope()
    {
        using var bkn = await factory.ClientWithScopesAsync(null, "submissions.write");
        await (await PostAsync(bkn, Ndjson([ValidRecord(70)]))).AssertProblemAsync(HttpStatusCode.Forbidden);

        using var reader = await factory.ClientWithScopesAsync("PROV-35", "profiles.read");
        await (await PostAsync(reader, Ndjson([ValidRecord(71)]))).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    private async Task<long> CountSubmissionsAsync(string key)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM submissions WHERE idempotency_key = @key", connection);
        command.Parameters.AddWithValue("key", key);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
