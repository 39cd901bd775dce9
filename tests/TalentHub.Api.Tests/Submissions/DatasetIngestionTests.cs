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
/// The generator's tiny dataset, submitted agency by agency in both formats after each agency registered its mapping
/// definitions: every record ends in its ground-truth state with exactly its planted errors and pending items; then
/// mapping what was deliberately left unmapped moves the waiting records to ACCEPTED without resubmission.
/// </summary>
public sealed class DatasetIngestionTests(DatasetFactory factory) : IClassFixture<DatasetFactory>, IDisposable
{
    private readonly string _dataset = Path.Combine(Path.GetTempPath(), "talenthub-tiny-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose() => Directory.Delete(_dataset, recursive: true);

    private sealed record Expected(string AgencyCode, string Format, int RecordIndex, string Outcome, List<ExpectedError> Errors);

    private sealed record ExpectedError(string Code, string Pointer);

    private sealed record AgencyEntry(string Code, string Name, string Kind, string? ProvinceCode);

    private sealed record MappingFile(List<ScaleEntry> Scales, JsonElement Dictionary, Unmapped DeliberatelyUnmapped);

    private sealed record ScaleEntry(string ScaleCode, JsonElement Body);

    private sealed record Unmapped(List<string> Competencies, List<UnmappedLabel> Labels, List<string> Scales);

    private sealed record UnmappedLabel(string ScaleCode, string Label);

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
        var submissions = new Dictionary<string, List<string>>();
        foreach (var agency in agencies)
        {
            using var client = await factory.ClientWithScopesAsync(agency.Code, "submissions.write", "mappings.write");
            var directory = Path.Combine(_dataset, "agencies", agency.Code);
            var mappings = JsonSerializer.Deserialize<MappingFile>(await File.ReadAllTextAsync(Path.Combine(directory, "mappings.json")), web)!;
            foreach (var scale in mappings.Scales)
            {
                using var put = await client.PutAsJsonAsync($"/api/v1/agencies/{agency.Code}/scales/{scale.ScaleCode}", scale.Body);
                Assert.True(put.IsSuccessStatusCode, $"{agency.Code} {scale.ScaleCode}: {await put.Content.ReadAsStringAsync()}");
            }

            using (var dictionary = await client.PutAsJsonAsync($"/api/v1/agencies/{agency.Code}/dictionary", mappings.Dictionary))
            {
                Assert.True(dictionary.IsSuccessStatusCode, $"{agency.Code} dictionary: {await dictionary.Content.ReadAsStringAsync()}");
            }

            submissions[agency.Code] = [];
            var expected = File.ReadLines(Path.Combine(directory, "expected.ndjson")).Select(l => JsonSerializer.Deserialize<Expected>(l, web)!).ToList();
            foreach (var (format, file, contentType) in new[] { ("NDJSON", "records.ndjson", "application/x-ndjson"), ("CSV", "records.csv", "text/csv") })
            {
                var done = await SubmitAndWaitAsync(client, await File.ReadAllTextAsync(Path.Combine(directory, file)), contentType);
                var submissionId = done.GetProperty("id").GetString()!;
                submissions[agency.Code].Add(submissionId);
                var truth = expected.Where(e => e.Format == format).ToDictionary(e => e.RecordIndex);
                Assert.Equal(truth.Count, done.GetProperty("received").GetInt32());
                var actual = (await AllErrorsAsync(client, done.GetProperty("id").GetString()!))
                    .GroupBy(e => e.GetProperty("recordIndex").GetInt32())
                    .ToDictionary(g => g.Key, g => g.Select(e => $"{e.GetProperty("code").GetString()}@{e.GetProperty("pointer").GetString()}").Order().ToList());
                foreach (var (index, record) in truth)
                {
                    var want = record.Outcome == "REJECTED" ? record.Errors.Select(e => $"{e.Code}@{e.Pointer}").Order().ToList() : [];
                    var got = actual.GetValueOrDefault(index) ?? [];
                    if (!want.SequenceEqual(got))
                    {
                        mismatches.Add($"{agency.Code} {format} #{index} ({record.Outcome}): expected [{string.Join(", ", want)}], got [{string.Join(", ", got)}]");
                    }
                }

                // Counts agree with the errors: a record is rejected exactly when it has errors.
                Assert.Equal(actual.Count, done.GetProperty("rejected").GetInt32());
                Assert.Equal(truth.Values.Count(e => e.Outcome == "PENDING_MAPPING"), done.GetProperty("pendingMapping").GetInt32());
                foreach (var pending in truth.Values.Where(e => e.Outcome == "PENDING_MAPPING"))
                {
                    var state = (await (await client.GetAsync($"/api/v1/submissions/{submissionId}/records/{pending.RecordIndex}")).JsonAsync()).GetProperty("state").GetString();
                    if (state != "PENDING_MAPPING")
                    {
                        mismatches.Add($"{agency.Code} {format} #{pending.RecordIndex} (PENDING_MAPPING): got {state}");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} records differ from the ground truth:\n" + string.Join("\n", mismatches.Take(60)));

        await MapWhatWasLeftUnmappedAsync(agencies, submissions, web);
    }

    private async Task MapWhatWasLeftUnmappedAsync(List<AgencyEntry> agencies, Dictionary<string, List<string>> submissions, JsonSerializerOptions web)
    {
        var mappedAny = false;
        foreach (var agency in agencies)
        {
            var directory = Path.Combine(_dataset, "agencies", agency.Code);
            var mappings = JsonSerializer.Deserialize<MappingFile>(await File.ReadAllTextAsync(Path.Combine(directory, "mappings.json")), web)!;
            var unmapped = mappings.DeliberatelyUnmapped;
            if (unmapped.Competencies.Count + unmapped.Labels.Count + unmapped.Scales.Count == 0)
            {
                continue;
            }

            mappedAny = true;
            using var client = await factory.ClientWithScopesAsync(agency.Code, "submissions.write", "mappings.write", "profiles.read");
            var changes = new List<HttpResponseMessage>();
            foreach (var name in unmapped.Competencies)
            {
                changes.Add(await client.PostAsJsonAsync($"/api/v1/agencies/{agency.Code}/dictionary/entries", new { agencyCompetency = name, nationalCode = "M1" }));
            }

            foreach (var label in unmapped.Labels)
            {
                var body = mappings.Scales.Single(s => s.ScaleCode == label.ScaleCode).Body;
                var labels = body.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
                labels[label.Label] = 3;
                changes.Add(await client.PutAsJsonAsync($"/api/v1/agencies/{agency.Code}/scales/{label.ScaleCode}", new { kind = "LABELS", labels }));
            }

            foreach (var scale in unmapped.Scales)
            {
                var scores = ScoresOnScale(Path.Combine(directory, "records.ndjson"), scale);
                changes.Add(await client.PutAsJsonAsync($"/api/v1/agencies/{agency.Code}/scales/{scale}", new { kind = "LINEAR", min = Math.Min(0, scores.Min()), max = scores.Max() + 1 }));
            }

            foreach (var change in changes)
            {
                Assert.True(change.IsSuccessStatusCode, await change.Content.ReadAsStringAsync());
                await Mappings.MappingsApiTests.WaitForRenormalizationAsync(client, change);
                change.Dispose();
            }

            foreach (var id in submissions[agency.Code])
            {
                var after = await (await client.GetAsync($"/api/v1/submissions/{id}")).JsonAsync();
                Assert.True(after.GetProperty("pendingMapping").GetInt32() == 0, $"{agency.Code}: still pending after mapping: {after}");
                Assert.Equal(after.GetProperty("received").GetInt32(), after.GetProperty("accepted").GetInt32() + after.GetProperty("rejected").GetInt32());
            }

            Assert.Empty((await (await client.GetAsync($"/api/v1/agencies/{agency.Code}/unmapped")).JsonAsync()).GetProperty("items").EnumerateArray());
        }

        Assert.True(mappedAny, "the dataset planted nothing unmapped");
    }

    private static List<decimal> ScoresOnScale(string recordsFile, string scaleCode)
    {
        var scores = new List<decimal>();
        foreach (var line in File.ReadLines(recordsFile))
        {
            try
            {
                using var record = JsonDocument.Parse(line);
                if (!record.RootElement.TryGetProperty("assessments", out var assessments) || assessments.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var assessment in assessments.EnumerateArray())
                {
                    var assessmentScale = assessment.TryGetProperty("scale", out var s) ? s.GetString() : null;
                    foreach (var result in assessment.GetProperty("results").EnumerateArray())
                    {
                        var resultScale = result.TryGetProperty("scale", out var rs) ? rs.GetString() : assessmentScale;
                        if (resultScale == scaleCode && result.GetProperty("score").ValueKind == JsonValueKind.Number)
                        {
                            scores.Add(result.GetProperty("score").GetDecimal());
                        }
                    }
                }
            }
            catch (JsonException)
            {
                // A planted malformed line.
            }
        }

        return scores;
    }
}
