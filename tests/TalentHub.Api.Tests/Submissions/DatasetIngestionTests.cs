using System.Net.Http.Json;
using System.Text.Json;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.DataGen;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Submissions;

/// <summary>A host whose clock stands on the dataset's reference date, so the ground truth holds exactly.</summary>
public sealed class DatasetFactory : TalentHubFactory
{
    public static readonly DateOnly AsOf = GeneratorOptions.DefaultAsOf;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Clock:Now"] = new DateTimeOffset(AsOf.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(7)).ToString("O"),
    };
}

/// <summary>
/// The generator's tiny dataset, submitted agency by agency in both formats: every record ends in its ground-truth
/// state with exactly its planted errors. (Until normalization exists, PENDING_MAPPING records are ACCEPTED.)
/// </summary>
public sealed class DatasetIngestionTests(DatasetFactory factory) : IClassFixture<DatasetFactory>, IDisposable
{
    private readonly string _dataset = Path.Combine(Path.GetTempPath(), "talenthub-tiny-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => Directory.Delete(_dataset, recursive: true);

    private sealed record Expected(string AgencyCode, string Format, int RecordIndex, string Outcome, List<ExpectedError> Errors);

    private sealed record ExpectedError(string Code, string Pointer);

    private sealed record AgencyEntry(string Code, string Name, string Kind, string? ProvinceCode);

    [Fact]
    public async Task Every_record_of_the_tiny_dataset_ends_in_its_ground_truth_state()
    {
        DatasetGenerator.Generate(GeneratorOptions.Parse(["--size", "tiny", "--seed", "7", "--out", _dataset, "--as-of", DatasetFactory.AsOf.ToString("yyyy-MM-dd")]));
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var agencies = JsonSerializer.Deserialize<List<AgencyEntry>>(await File.ReadAllTextAsync(Path.Combine(_dataset, "agencies.json")), web)!;
        using var admin = await factory.AdminClientAsync();
        foreach (var agency in agencies)
        {
            using var upsert = await admin.PutAsJsonAsync($"/api/v1/admin/agencies/{agency.Code}", new { name = agency.Name, kind = agency.Kind, provinceCode = agency.ProvinceCode });
            Assert.True(upsert.IsSuccessStatusCode, $"{agency.Code}: {await upsert.Content.ReadAsStringAsync()}");
        }

        var mismatches = new List<string>();
        foreach (var agency in agencies)
        {
            using var client = await factory.ClientWithScopesAsync(agency.Code, "submissions.write");
            var directory = Path.Combine(_dataset, "agencies", agency.Code);
            var expected = File.ReadLines(Path.Combine(directory, "expected.ndjson")).Select(l => JsonSerializer.Deserialize<Expected>(l, web)!).ToList();
            foreach (var (format, file, contentType) in new[] { ("NDJSON", "records.ndjson", "application/x-ndjson"), ("CSV", "records.csv", "text/csv") })
            {
                var done = await SubmitAndWaitAsync(client, await File.ReadAllTextAsync(Path.Combine(directory, file)), contentType);
                var truth = expected.Where(e => e.Format == format).ToDictionary(e => e.RecordIndex);
                Assert.Equal(truth.Count, done.GetProperty("received").GetInt32());
                var actual = (await AllErrorsAsync(client, done.GetProperty("id").GetString()!))
                    .GroupBy(e => e.GetProperty("recordIndex").GetInt32())
                    .ToDictionary(g => g.Key, g => g.Select(e => $"{e.GetProperty("code").GetString()}@{e.GetProperty("pointer").GetString()}").Order().ToList());
                foreach (var (index, record) in truth)
                {
                    // score_out_of_scale needs the agency's scales: it comes with normalization.
                    var want = record.Outcome == "REJECTED"
                        ? record.Errors.Where(e => e.Code != "score_out_of_scale").Select(e => $"{e.Code}@{e.Pointer}").Order().ToList()
                        : [];
                    var got = actual.GetValueOrDefault(index) ?? [];
                    if (!want.SequenceEqual(got))
                    {
                        mismatches.Add($"{agency.Code} {format} #{index} ({record.Outcome}): expected [{string.Join(", ", want)}], got [{string.Join(", ", got)}]");
                    }
                }

                // Counts agree with the errors: a record is rejected exactly when it has errors.
                Assert.Equal(actual.Count, done.GetProperty("rejected").GetInt32());
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} records differ from the ground truth:\n" + string.Join("\n", mismatches.Take(60)));
    }
}
