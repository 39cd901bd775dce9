using System.Text.Json;

namespace TalentHub.DataGen.Tests;

/// <summary>The ground truth is complete and consistent with the records it describes.</summary>
public class GroundTruthTests(DatasetFixture dataset) : IClassFixture<DatasetFixture>
{
    private static readonly string[] AllErrorCodes =
    [
        "malformed_record", "required", "unknown_field", "invalid_type", "too_long", "too_many", "invalid_format",
        "invalid_enum", "invalid_date", "future_date", "out_of_range", "date_order", "nip_invalid",
        "nip_birthdate_mismatch", "nip_gender_mismatch", "nik_invalid", "nik_mismatch", "unknown_position_level",
        "unknown_grade", "unknown_method", "unknown_agency", "duplicate_assessment_id", "duplicate_year",
        "duplicate_nip_in_submission", "score_out_of_scale",
    ];

    [Fact]
    public void Every_record_has_one_expectation_per_format_at_its_index_and_line()
    {
        foreach (var code in dataset.AgencyCodes)
        {
            var records = File.ReadLines(dataset.AgencyFile(code, "records.ndjson")).Count();
            var csvRows = File.ReadLines(dataset.AgencyFile(code, "records.csv")).Count() - 1;
            var expected = File.ReadLines(dataset.AgencyFile(code, "expected.ndjson")).Select(l => JsonDocument.Parse(l).RootElement).ToList();

            Assert.Equal(records, csvRows);
            Assert.Equal(2 * records, expected.Count);
            for (var i = 0; i < records; i++)
            {
                Assert.Equal(i, expected[2 * i].GetProperty("recordIndex").GetInt32());
                Assert.Equal(i + 1, expected[2 * i].GetProperty("line").GetInt32());
                Assert.Equal(i + 2, expected[(2 * i) + 1].GetProperty("line").GetInt32());
            }
        }
    }

    [Fact]
    public void Every_error_code_of_the_specification_is_planted()
    {
        var planted = dataset.Lines("expected.ndjson")
            .SelectMany(e => e.GetProperty("errors").EnumerateArray().Select(x => x.GetProperty("code").GetString()!))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(AllErrorCodes.Order(StringComparer.Ordinal), planted.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_outcome_is_one_of_the_three_and_says_why()
    {
        foreach (var entry in dataset.Lines("expected.ndjson"))
        {
            var outcome = entry.GetProperty("outcome").GetString();
            var errors = entry.GetProperty("errors").GetArrayLength();
            var pending = entry.GetProperty("pending").GetArrayLength();
            Assert.True(
                (outcome == "ACCEPTED" && errors == 0 && pending == 0)
                || (outcome == "PENDING_MAPPING" && errors == 0 && pending > 0)
                || (outcome == "REJECTED" && errors > 0 && pending == 0),
                entry.ToString());
        }
    }

    [Fact]
    public void Pending_records_use_exactly_what_the_agency_left_unmapped()
    {
        foreach (var code in dataset.AgencyCodes)
        {
            using var mappings = DatasetFixture.ReadJson(dataset.AgencyFile(code, "mappings.json"));
            var unmapped = mappings.RootElement.GetProperty("deliberatelyUnmapped");
            var names = unmapped.GetProperty("competencies").EnumerateArray().Select(n => n.GetString()).ToHashSet();
            var labels = unmapped.GetProperty("labels").EnumerateArray().Select(l => l.GetProperty("label").GetString()).ToHashSet();
            var scales = unmapped.GetProperty("scales").EnumerateArray().Select(s => s.GetString()).ToHashSet();
            foreach (var line in File.ReadLines(dataset.AgencyFile(code, "expected.ndjson")))
            {
                using var entry = JsonDocument.Parse(line);
                foreach (var reason in entry.RootElement.GetProperty("pending").EnumerateArray())
                {
                    var value = reason.GetProperty("value").GetString();
                    var known = reason.GetProperty("kind").GetString() switch
                    {
                        "COMPETENCY" => names,
                        "LABEL" => labels,
                        _ => scales,
                    };
                    Assert.Contains(value, known);
                }
            }
        }
    }

    [Fact]
    public void Both_agencies_report_every_mover_concurrent_and_duplicate()
    {
        var views = dataset.Lines("expected.ndjson")
            .Where(e => e.GetProperty("format").GetString() == "NDJSON")
            .Select(e => (Person: e.GetProperty("personId").GetInt32(), Agency: e.GetProperty("agencyCode").GetString()!, View: e.GetProperty("view").GetString()!))
            .ToLookup(v => v.Person);
        var checkedPeople = 0;
        foreach (var person in dataset.Lines("people.ndjson"))
        {
            var id = person.GetProperty("personId").GetInt32();
            foreach (var move in person.GetProperty("moves").EnumerateArray())
            {
                Assert.Contains((id, move.GetProperty("fromAgency").GetString()!, "FORMER_AGENCY"), views[id]);
                checkedPeople++;
            }

            foreach (var agency in person.GetProperty("concurrentAgencies").EnumerateArray())
            {
                Assert.Contains((id, agency.GetString()!, "CONCURRENT"), views[id]);
            }

            foreach (var duplicate in person.GetProperty("duplicates").EnumerateArray())
            {
                Assert.Contains((id, duplicate.GetProperty("agencyCode").GetString()!, "DUPLICATE_NIP"), views[id]);
            }
        }

        Assert.True(checkedPeople > 0);
    }
}
