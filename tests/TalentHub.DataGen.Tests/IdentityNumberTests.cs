using System.Globalization;
using System.Text.Json;
using TalentHub.Domain.Identity;
using TalentHub.Domain.Standard;

namespace TalentHub.DataGen.Tests;

/// <summary>The NIPs and NIKs of the dataset against the domain rules (docs/domain/records.md#nip and #nik).</summary>
public class IdentityNumberTests(DatasetFixture dataset) : IClassFixture<DatasetFixture>
{
    private static readonly string[] IdentityCodes =
    [
        IdentityErrorCodes.NipInvalid, IdentityErrorCodes.NipBirthDateMismatch, IdentityErrorCodes.NipGenderMismatch,
        IdentityErrorCodes.NikInvalid, IdentityErrorCodes.NikMismatch,
    ];

    [Fact]
    public void Valid_records_pass_and_planted_identity_errors_fail_with_exactly_the_planted_codes()
    {
        var checkedValid = 0;
        var checkedPlanted = 0;
        foreach (var code in dataset.AgencyCodes)
        {
            using var expected = File.ReadLines(dataset.AgencyFile(code, "expected.ndjson")).GetEnumerator();
            foreach (var line in File.ReadLines(dataset.AgencyFile(code, "records.ndjson")))
            {
                var truth = NextNdjsonTruth(expected);
                var plantedCodes = truth.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()!).ToList();
                if (plantedCodes.Contains("malformed_record"))
                {
                    continue;
                }

                using var record = JsonDocument.Parse(line);
                var actual = IdentityErrors(record.RootElement);
                var plantedIdentity = plantedCodes.Where(IdentityCodes.Contains).ToList();
                Assert.True(plantedIdentity.SequenceEqual(actual), $"{code} record {truth.GetProperty("recordIndex")}: planted [{string.Join(',', plantedIdentity)}], rules say [{string.Join(',', actual)}]");
                if (plantedCodes.Count == 0)
                {
                    checkedValid++;
                }
                else if (plantedIdentity.Count > 0)
                {
                    checkedPlanted++;
                }
            }
        }

        Assert.True(checkedValid > DatasetFixture.People * 0.95);
        Assert.True(checkedPlanted >= 5);
    }

    [Fact]
    public void Every_previous_nip_is_a_valid_nip_with_the_same_birth_date()
    {
        var previous = dataset.Lines("people.ndjson")
            .SelectMany(p => p.GetProperty("previousNips").EnumerateArray().Select(n => (Nip: n.GetString()!, BirthDate: Date(p.GetProperty("birthDate")))))
            .ToList();

        Assert.NotEmpty(previous);
        Assert.All(previous, p => Assert.True(NipRules.IsValidPreviousNip(p.Nip, p.BirthDate, DatasetFixture.AsOf), p.Nip));
    }

    [Fact]
    public void No_two_people_share_a_nip_or_a_nik()
    {
        var people = dataset.Lines("people.ndjson").ToList();
        var nips = people.Select(p => p.GetProperty("nip").GetString()!)
            .Concat(people.SelectMany(p => p.GetProperty("previousNips").EnumerateArray().Select(n => n.GetString()!)))
            .Concat(people.SelectMany(p => p.GetProperty("duplicates").EnumerateArray().Select(d => d.GetProperty("nip").GetString()!)));
        var niks = people.Select(p => p.GetProperty("nik").GetString()!);

        Assert.Empty(nips.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key));
        Assert.Empty(niks.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    private static JsonElement NextNdjsonTruth(IEnumerator<string> expected)
    {
        while (expected.MoveNext())
        {
            using var document = JsonDocument.Parse(expected.Current);
            if (document.RootElement.GetProperty("format").GetString() == "NDJSON")
            {
                return document.RootElement.Clone();
            }
        }

        throw new InvalidOperationException("The ground truth has fewer entries than the records.");
    }

    private static List<string> IdentityErrors(JsonElement record)
    {
        UpperSnakeCase.TryParse<EmploymentType>(record.GetProperty("employmentType").GetString(), out var employment);
        var birthDate = Date(record.GetProperty("birthDate"));
        Gender? gender = Enum.TryParse<Gender>(record.GetProperty("gender").GetString(), out var g) ? g : null;
        var errors = NipRules.Validate(record.GetProperty("nip").GetString(), employment, birthDate, gender, DatasetFixture.AsOf).ToList();
        if (record.TryGetProperty("nik", out var nik))
        {
            errors.AddRange(NikRules.Validate(nik.GetString(), birthDate, gender, ProvinceCodes.Reference));
        }

        return errors;
    }

    private static DateOnly Date(JsonElement value) => DateOnly.ParseExact(value.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
