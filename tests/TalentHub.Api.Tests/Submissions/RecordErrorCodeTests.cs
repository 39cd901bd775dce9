using System.Text.Json.Nodes;
using TalentHub.Api.Tests.Infrastructure;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Submissions;

/// <summary>
/// Every error code of docs/domain/records.md#error-codes, each produced through HTTP and a real job by the record that
/// should produce it (score_out_of_scale needs an agency's scales and belongs to normalization).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class RecordErrorCodeTests(TalentHubFactory factory)
{
    private sealed record Case(string Code, string Pointer, Func<JsonObject, JsonNode?> Mutate);

    private static readonly Case[] Cases =
    [
        new("required", "/name", r => Remove(r, "name")),
        new("unknown_field", "/favouriteColour", r => Set(r, "favouriteColour", "blue")),
        new("invalid_type", "/position", r => Set(r, "position", "Kepala Bidang")),
        new("too_long", "/name", r => Set(r, "name", new string('a', 201))),
        new("too_many", "/previousNips", r => Set(r, "previousNips", new JsonArray([.. Enumerable.Repeat(0, 6).Select(_ => (JsonNode)"198503152010012001")]))),
        new("invalid_format", "/name", r => Set(r, "name", "Siti\u0007Rahmawati")),
        new("invalid_enum", "/status", r => Set(r, "status", "RETIRED_EARLY")),
        new("invalid_date", "/position/since", r => SetIn(r, "position", "since", "2019-13-02")),
        new("future_date", "/position/since", r => SetIn(r, "position", "since", "2099-01-01")),
        new("out_of_range", "/assessments/0/assessedAt", r => SetInArray(r, "assessments", 0, "assessedAt", "1989-12-31")),
        new("date_order", "/positionHistory/0/from", r => SetInArray(r, "positionHistory", 0, "from", "2019-06-01")),
        new("nip_invalid", "/nip", r => Set(r, "nip", "198513152010012001")),
        new("nip_birthdate_mismatch", "/birthDate", r => Set(r, "birthDate", "1985-03-16")),
        new("nip_gender_mismatch", "/gender", r => Set(r, "gender", "M")),
        new("nik_invalid", "/nik", r => Set(r, "nik", "9978015503850002")),
        new("nik_mismatch", "/nik", r => Set(r, "nik", "3578011503850002")),
        new("unknown_position_level", "/position/level", r => SetIn(r, "position", "level", "KEPALA")),
        new("unknown_grade", "/grade", r => Set(r, "grade", "V/a")),
        new("unknown_method", "/assessments/0/method", r => SetInArray(r, "assessments", 0, "method", "ASTROLOGY")),
        new("unknown_agency", "/positionHistory/1/agencyCode", r => SetInArray(r, "positionHistory", 1, "agencyCode", "PROV-99")),
        new("duplicate_assessment_id", "/assessments/1/id", r => DuplicateFirst(r, "assessments")),
        new("duplicate_year", "/performance/3/year", r => DuplicateFirst(r, "performance")),
    ];

    [Fact]
    public async Task Every_error_code_is_produced_by_the_record_that_should_produce_it()
    {
        await RegisterValidRecordMappingsAsync(factory, "PROV-35");
        using var client = await factory.ClientWithScopesAsync("PROV-35", "submissions.write");
        var records = new List<JsonNode> { ValidRecord(100) };
        records.AddRange(Cases.Select((c, i) =>
        {
            var record = ValidRecord(101 + i);
            c.Mutate(record);
            return (JsonNode)record;
        }));
        // Two records of one NIP: both rejected. A line that is not JSON: malformed.
        records.Add(ValidRecord(200));
        records.Add(ValidRecord(200));
        var body = Ndjson(records) + "{\"nip\": \"1985\n";

        var done = await SubmitAndWaitAsync(client, body);

        var errors = (await AllErrorsAsync(client, done.GetProperty("id").GetString()!))
            .GroupBy(e => e.GetProperty("recordIndex").GetInt32())
            .ToDictionary(g => g.Key, g => g.Select(e => (Code: e.GetProperty("code").GetString(), Pointer: e.GetProperty("pointer").GetString())).ToList());

        Assert.False(errors.ContainsKey(0), "the valid record was rejected: " + (errors.TryGetValue(0, out var e0) ? string.Join(", ", e0) : ""));
        for (var i = 0; i < Cases.Length; i++)
        {
            var expected = Cases[i];
            Assert.True(errors.TryGetValue(i + 1, out var found), $"{expected.Code}: the record produced no error");
            Assert.True(found!.Contains((expected.Code, expected.Pointer)), $"{expected.Code} at {expected.Pointer} expected; got {string.Join(", ", found!)}");
        }

        var duplicateIndex = Cases.Length + 1;
        Assert.Contains(("duplicate_nip_in_submission", "/nip"), errors[duplicateIndex]);
        Assert.Contains(("duplicate_nip_in_submission", "/nip"), errors[duplicateIndex + 1]);
        Assert.Equal([("malformed_record", "")], errors[duplicateIndex + 2]);
        Assert.Equal(records.Count + 1, done.GetProperty("received").GetInt32());
        Assert.Equal(1, done.GetProperty("accepted").GetInt32());
        Assert.Equal(records.Count, done.GetProperty("rejected").GetInt32());
    }

    private static JsonNode? Remove(JsonObject record, string name)
    {
        record.Remove(name);
        return record;
    }

    private static JsonNode? Set(JsonObject record, string name, JsonNode? value)
    {
        record[name] = value;
        return record;
    }

    private static JsonNode? SetIn(JsonObject record, string parent, string name, JsonNode? value)
    {
        record[parent]![name] = value;
        return record;
    }

    private static JsonNode? SetInArray(JsonObject record, string array, int index, string name, JsonNode? value)
    {
        record[array]![index]![name] = value;
        return record;
    }

    private static JsonNode? DuplicateFirst(JsonObject record, string array)
    {
        var items = record[array]!.AsArray();
        items.Add(JsonNode.Parse(items[0]!.ToJsonString()));
        return record;
    }
}
