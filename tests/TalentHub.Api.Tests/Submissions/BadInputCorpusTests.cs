using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using TalentHub.Api.Tests.Infrastructure;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Submissions;

/// <summary>
/// Malformed and hostile bodies (README.md, Architecture: hostile input): each gets a 4xx problem at the request level,
/// or is accepted for processing and ends with every record accounted for and the bad ones REJECTED. Never a 5xx.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BadInputCorpusTests(TalentHubFactory factory)
{
    /// <summary>name, content type, body, expected request status, records expected rejected when accepted (-1: request refused).</summary>
    public static TheoryData<string, string, byte[], int, int> Corpus()
    {
        var valid = ValidRecord(300).ToJsonString();
        byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
        string WithNul(Action<JsonObject, string> place)
        {
            var record = ValidRecord(300);
            place(record, "x\0y");
            return record.ToJsonString() + "\n";
        }

        const string CsvHeader = "nip;name;birthDate;gender;employmentType;status;grade;positionTitle;positionLevel;positionUnit;positionProvince;positionSince;sourceUpdatedAt";
        const string CsvRow = "198503152010012305;Siti Rahmawati;1985-03-15;F;PNS;ACTIVE;III/d;Kepala Bidang;ADMINISTRATOR;BKD;35;2019-01-02;2025-01-10T08:00:00+07:00";
        return new TheoryData<string, string, byte[], int, int>
        {
            { "empty body", "application/x-ndjson", [], 400, -1 },
            { "whitespace only", "application/x-ndjson", Utf8(" \n \n"), 400, -1 },
            { "truncated json array", "application/json", Utf8("[" + valid), 400, -1 },
            { "json object, not an array", "application/json", Utf8(valid), 400, -1 },
            { "junk after the array", "application/json", Utf8("[" + valid + "] trailing"), 400, -1 },
            { "array nested 40 deep", "application/json", Utf8("[" + new string('[', 40) + new string(']', 40) + "]"), 400, -1 },
            { "invalid utf-8 in an array", "application/json", [(byte)'[', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)']'], 400, -1 },
            { "array of bare values", "application/json", Utf8("[1, \"two\", null, true]"), 202, 4 },
            { "invalid utf-8 line", "application/x-ndjson", [.. Utf8(valid + "\n{\"nip\":\""), 0xFF, 0xFE, .. Utf8("\"}\n")], 202, 1 },
            { "nul byte in a line", "application/x-ndjson", [.. Utf8("{\"nip\":\"1\0\"}\n")], 202, 1 },
            { "escaped control characters", "application/x-ndjson", Utf8("{\"nip\":\"\\u0000\\u001b\",\"name\":\"\\u0007\"}\n"), 202, 1 },
            { "line nested 1000 deep", "application/x-ndjson", Utf8(new string('[', 1000) + new string(']', 1000) + "\n"), 202, 1 },
            { "huge number", "application/x-ndjson", Utf8("{\"nip\":1e400,\"performance\":[{\"year\":1e308,\"score\":-1e400}]}\n"), 202, 1 },
            { "huge string", "application/x-ndjson", Utf8("{\"nip\":\"" + new string('9', 500_000) + "\"}\n"), 202, 1 },
            { "record over 1 MB", "application/x-ndjson", Utf8("{\"name\":\"" + new string('a', 1_100_000) + "\"}\n" + valid + "\n"), 202, 1 },
            { "formula injection strings", "application/x-ndjson", Utf8("{\"nip\":\"=cmd|' /C calc'!A0\",\"name\":\"@SUM(1+1)\"}\n"), 202, 1 },
            { "wrong types everywhere", "application/x-ndjson", Utf8("{\"nip\":[],\"name\":{},\"birthDate\":5,\"assessments\":\"many\",\"performance\":{}}\n"), 202, 1 },
            { "csv unclosed quote", "text/csv", Utf8("nip,name\n198503152010012301,\"Siti\n"), 202, 1 },
            { "csv ragged row", "text/csv", Utf8("nip,name\n198503152010012302,Siti,extra\n"), 202, 1 },
            { "csv quote inside a cell", "text/csv", Utf8("nip,name\n198503152010012303,Si\"ti\n"), 202, 1 },
            { "csv duplicate header", "text/csv", Utf8("nip,nip\n1,2\n"), 400, -1 },
            { "csv header only", "text/csv", Utf8("nip,name\n"), 400, -1 },
            { "csv empty header cell", "text/csv", Utf8("nip,,name\n1,2,3\n"), 400, -1 },
            { "escaped nul in an assessor", "application/x-ndjson", Utf8(WithNul((r, nul) => r["assessments"]![0]!["assessor"] = nul)), 202, 1 },
            { "escaped nul in a competency", "application/x-ndjson", Utf8(WithNul((r, nul) => r["assessments"]![0]!["results"]![0]!["competency"] = nul)), 202, 1 },
            { "escaped nul in a scale code", "application/x-ndjson", Utf8(WithNul((r, nul) => r["assessments"]![0]!["scale"] = nul)), 202, 1 },
            { "escaped nul in a label score", "application/x-ndjson", Utf8(WithNul((r, nul) => r["assessments"]![0]!["results"]![2]!["score"] = nul)), 202, 1 },
            { "escaped nul in an assessment id", "application/x-ndjson", Utf8(WithNul((r, nul) => r["assessments"]![0]!["id"] = nul)), 202, 1 },
            { "escaped nul in a position unit", "application/x-ndjson", Utf8(WithNul((r, nul) => r["position"]!["unit"] = nul)), 202, 1 },
            { "escaped nul in a job family", "application/x-ndjson", Utf8(WithNul((r, nul) => r["position"]!["jobFamily"] = nul)), 202, 1 },
            { "escaped nul in a property name", "application/x-ndjson", Utf8(WithNul((r, nul) => r[nul] = 1)), 202, 1 },
            { "escaped nul in a history agency", "application/x-ndjson", Utf8(WithNul((r, nul) => r["positionHistory"]![1]!["agencyCode"] = nul)), 202, 1 },
            { "unpaired surrogate in an assessor", "application/x-ndjson", Utf8(valid.Replace("UPT Penilaian", "UPT \\ud800 Penilaian", StringComparison.Ordinal) + "\n"), 202, 1 },
            { "duplicate key in a record", "application/x-ndjson", Utf8(valid.Replace("\"status\":\"ACTIVE\"", "\"status\":\"ACTIVE\",\"status\":\"RETIRED\"", StringComparison.Ordinal) + "\n"), 202, 1 },
            { "csv unknown column, empty cell", "text/csv", Utf8(CsvHeader + ";nickname\r\n" + CsvRow + ";\r\n"), 202, 1 },
            { "csv unknown column, filled cell", "text/csv", Utf8(CsvHeader + ";nickname\r\n" + CsvRow + ";Sit\r\n"), 202, 1 },
            { "csv invalid utf-8 row", "text/csv", [.. Utf8("nip,name\n198503152010012304,"), 0xC0, 0xAF, .. Utf8("\n")], 202, 1 },
        };
    }

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task Hostile_input_is_refused_with_a_problem_or_rejected_record_by_record(string name, string contentType, byte[] body, int expectedStatus, int expectedRejected)
    {
        using var client = await factory.ClientWithScopesAsync("PROV-35", "submissions.write");

        using var response = await PostBytesAsync(client, body, contentType);

        Assert.True((int)response.StatusCode == expectedStatus, $"{name}: expected {expectedStatus}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (expectedRejected < 0)
        {
            await response.AssertProblemAsync((HttpStatusCode)expectedStatus);
            return;
        }

        var done = await WaitForCompletionAsync(client, response.Headers.Location!);
        Assert.NotEqual("FAILED", done.GetProperty("status").GetString());
        var received = done.GetProperty("received").GetInt32();
        Assert.Equal(received, done.GetProperty("accepted").GetInt32() + done.GetProperty("pendingMapping").GetInt32() + done.GetProperty("rejected").GetInt32());
        Assert.Equal(expectedRejected, done.GetProperty("rejected").GetInt32());
        var errors = await AllErrorsAsync(client, done.GetProperty("id").GetString()!);
        Assert.Equal(expectedRejected, errors.Select(e => e.GetProperty("recordIndex").GetInt32()).Distinct().Count());
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=latin1")]
    public async Task Other_content_types_are_415(string contentType)
    {
        using var client = await factory.ClientWithScopesAsync("PROV-35", "submissions.write");

        using var response = await PostAsync(client, "x", contentType);

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_announced_over_200_MB_is_413_before_it_is_read()
    {
        using var client = await factory.ClientWithScopesAsync("PROV-35", "submissions.write");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = new ByteArrayContent(new byte[16]) };
        request.Content.Headers.ContentType = new("application/x-ndjson");
        request.Content.Headers.ContentLength = 200L * 1024 * 1024 + 1;
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Garbage_declared_as_gzip_is_400_and_an_unknown_encoding_is_415()
    {
        using var client = await factory.ClientWithScopesAsync("PROV-35", "submissions.write");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes("not gzip at all"));
        content.Headers.ContentType = new("application/x-ndjson");
        content.Headers.ContentEncoding.Add("gzip");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        await (await client.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest);

        var unknownEncoding = new ByteArrayContent([1, 2, 3]);
        unknownEncoding.Headers.ContentType = new("application/x-ndjson");
        unknownEncoding.Headers.ContentEncoding.Add("br");
        using var brotli = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = unknownEncoding };
        brotli.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await (await client.SendAsync(brotli)).AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }
}
