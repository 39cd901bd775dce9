using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.DataGen;
using Xunit.Abstractions;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Submissions;

/// <summary>
/// The tiny dataset loaded twice, agencies in two different shuffled orders, into two indexes: the profiles' content is
/// identical, every mover sits in the right agency, every planted conflict (and no other) is open, and the national 9-box
/// looks like a nation's (every box populated, none holding more than a third of the placed people).
/// </summary>
public sealed class DatasetReconciliationTests(DatasetFactory first, ITestOutputHelper output) : IClassFixture<DatasetFactory>, IDisposable
{
    private readonly string _dataset = Path.Combine(Path.GetTempPath(), "talenthub-recon-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>BKN's 2018–2019 findings on the national codes, weakest first (DataGen README).</summary>
    private static readonly string[] WeakestToStrongest = ["M7", "M8", "M4", "M6", "M2", "M3", "M5", "SK1", "M1"];

    public void Dispose() => Directory.Delete(_dataset, recursive: true);

    private sealed record AgencyEntry(string Code, string Name, string Kind, string? ProvinceCode);

    private sealed record ScaleEntry(string ScaleCode, JsonElement Body);

    private sealed record MappingFile(List<ScaleEntry> Scales, JsonElement Dictionary);

    private sealed record PlantedConflict(string Kind, string? Field, int? Year, List<string>? Nips);

    private sealed record Person(string Nip, string TrueCurrentAgency, string Role, string PrimaryOutcome, List<PlantedConflict> PlantedConflicts);

    private sealed record Expected(string Format, string Nip, string Outcome);

    [Fact]
    public async Task Two_arrival_orders_give_identical_profiles_with_movers_placed_and_exactly_the_planted_conflicts()
    {
        DatasetGenerator.Generate(GeneratorOptions.Parse(["--size", "tiny", "--seed", "7", "--out", _dataset, "--as-of", DatasetFactory.AsOf.ToString("yyyy-MM-dd")]));
        var agencies = JsonSerializer.Deserialize<List<AgencyEntry>>(await File.ReadAllTextAsync(Path.Combine(_dataset, "agencies.json")), Web)!;

        var received = await LoadAsync(first, agencies.OrderBy(a => Shuffle(a.Code, 1)).ToList());
        await using var second = new DatasetFactory();
        await second.InitializeAsync();
        await LoadAsync(second, agencies.OrderBy(a => Shuffle(a.Code, 2)).ToList());

        var firstIndex = await ContentHashesAsync(first.ConnectionString);
        var secondIndex = await ContentHashesAsync(second.ConnectionString);
        Assert.True(firstIndex.Count > 900, $"only {firstIndex.Count} profiles");
        Assert.Equal(firstIndex, secondIndex);

        // Only people all of whose NDJSON records were accepted are fully observed (a pending record waits for its mapping).
        var notFullyObserved = agencies
            .SelectMany(a => File.ReadLines(Path.Combine(_dataset, "agencies", a.Code, "expected.ndjson")))
            .Select(l => JsonSerializer.Deserialize<Expected>(l, Web)!)
            .Where(e => e.Format == "NDJSON" && e.Outcome != "ACCEPTED")
            .Select(e => e.Nip)
            .ToHashSet();
        var people = agencies
            .SelectMany(a => File.ReadLines(Path.Combine(_dataset, "agencies", a.Code, "people.ndjson")))
            .Select(l => JsonSerializer.Deserialize<Person>(l, Web)!)
            .Where(p => !notFullyObserved.Contains(p.Nip))
            .ToList();
        var employers = await EmployersAsync(first.ConnectionString);
        var misplaced = people.Where(p => p.Role == "MOVER" && employers.GetValueOrDefault(p.Nip) != p.TrueCurrentAgency)
            .Select(p => $"{p.Nip}: expected {p.TrueCurrentAgency}, got {employers.GetValueOrDefault(p.Nip)}").ToList();
        Assert.True(misplaced.Count == 0, "movers in the wrong agency:\n" + string.Join("\n", misplaced));

        // A POSSIBLE_DUPLICATE item is shown on both profiles of the pair.
        var planted = people.SelectMany(p => p.PlantedConflicts.SelectMany(c => c.Kind == "POSSIBLE_DUPLICATE"
                ? c.Nips!.Select(n => $"{n} {c.Kind}")
                : [$"{p.Nip} {c.Kind}"]))
            .Where(c => !notFullyObserved.Contains(c.Split(' ')[0]))
            .ToHashSet();
        var open = (await OpenConflictsAsync(first.ConnectionString)).Where(c => !notFullyObserved.Contains(c.Split(' ')[0])).ToHashSet();
        Assert.True(planted.SetEquals(open), $"missing: {string.Join(", ", planted.Except(open).Take(20))}; unplanted: {string.Join(", ", open.Except(planted).Take(20))}");

        await AssertAnalyticsAgreeWithProfilesAsync(received);
    }

    /// <summary>
    /// The 9-box counts every ACTIVE person exactly once; the counts the triggers kept through every update and merge equal
    /// a recount from the profiles; each agency's scorecard repeats its submissions' counts.
    /// </summary>
    private async Task AssertAnalyticsAgreeWithProfilesAsync(Dictionary<string, (int Received, int Accepted)> received)
    {
        using var analyst = await first.ClientWithScopesAsync(null, "analytics.read");
        var nineBox = await (await analyst.GetAsync("/api/v1/analytics/nine-box")).JsonAsync();
        var placed = nineBox.GetProperty("boxes").EnumerateArray().Sum(b => b.GetProperty("people").GetInt64());
        var unplaced = nineBox.GetProperty("unplaced").GetProperty("people").GetInt64();
        Assert.Equal(nineBox.GetProperty("activePeople").GetInt64(), placed + unplaced);
        Assert.Equal(await ScalarAsync<long>("SELECT count(*) FROM profiles WHERE status = 'ACTIVE' AND merged_into IS NULL"), placed + unplaced);
        Assert.True(placed > 0 && unplaced > 0, $"placed {placed}, unplaced {unplaced}");
        output.WriteLine(nineBox.ToString());

        // The generator's assessed levels, potentials and SKP ratings (DataGen README) fill every box, none beyond a third,
        // and rank the nine managerial and socio-cultural competencies as BKN's 2018–2019 JPT Pratama mapping found them.
        var perBox = nineBox.GetProperty("boxes").EnumerateArray().Select(b => b.GetProperty("people").GetInt64()).ToList();
        Assert.True(perBox.Count == 9 && perBox.All(people => people > 0 && people * 3 <= placed), nineBox.ToString());
        var map = await (await analyst.GetAsync("/api/v1/analytics/competency-map")).JsonAsync();
        output.WriteLine(map.GetProperty("nationalRanking").ToString());
        var ranking = map.GetProperty("nationalRanking").EnumerateArray().Select(r => r.GetProperty("competency").GetString()!).Where(c => !c.StartsWith("T.", StringComparison.Ordinal));
        Assert.Equal(WeakestToStrongest, ranking);

        // The counters, summed over the shards the writers added to, equal a recount from the profiles.
        Assert.Equal(0L, await ScalarAsync<long>(
            """
            SELECT count(*) FROM (
                (SELECT coalesce(employing_agency, ''), coalesce(work_province, ''), coalesce(position_level, ''), coalesce(box, 0), array_to_string(unplaced_reasons, ','), count(*)
                 FROM profiles WHERE status = 'ACTIVE' GROUP BY 1, 2, 3, 4, 5
                 EXCEPT SELECT agency_code, province_code, position_level, box, unplaced, sum(people) FROM nine_box_counts GROUP BY 1, 2, 3, 4, 5 HAVING sum(people) <> 0)
                UNION ALL
                (SELECT agency_code, province_code, position_level, box, unplaced, sum(people) FROM nine_box_counts GROUP BY 1, 2, 3, 4, 5 HAVING sum(people) <> 0
                 EXCEPT SELECT coalesce(employing_agency, ''), coalesce(work_province, ''), coalesce(position_level, ''), coalesce(box, 0), array_to_string(unplaced_reasons, ','), count(*)
                 FROM profiles WHERE status = 'ACTIVE' GROUP BY 1, 2, 3, 4, 5)) differences
            """));
        const string levelRecount =
            """
            SELECT coalesce(p.employing_agency, ''), coalesce(p.work_province, ''), p.position_level, l.key, l.value->>'method', (l.value->>'level')::int, count(*)
            FROM profiles p CROSS JOIN LATERAL jsonb_each(p.analytics->'levels') l
            WHERE p.status = 'ACTIVE' AND p.position_level IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
            """;
        // Summed over the shards the writers added to.
        const string levelCounts =
            "SELECT agency_code, province_code, position_level, competency_code, method, level, sum(people) FROM competency_level_counts GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(people) <> 0";
        Assert.True(await ScalarAsync<long>($"SELECT count(*) FROM ({levelCounts}) c") > 0);
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM (({levelRecount} EXCEPT {levelCounts}) UNION ALL ({levelCounts} EXCEPT {levelRecount})) differences"));
        // The rollups per agency, province and method agree with the same recount.
        const string rollupRecount =
            $"""
            SELECT g.rollup, g.group_code, r.position_level, r.competency_code, r.level, sum(r.count)
            FROM ({levelRecount}) r(agency_code, province_code, position_level, competency_code, method, level, count)
            CROSS JOIN LATERAL (VALUES ('AGENCY', r.agency_code), ('PROVINCE', r.province_code), ('METHOD', r.method)) g(rollup, group_code)
            GROUP BY 1, 2, 3, 4, 5
            """;
        const string rollupCounts =
            """
            SELECT c.rollup, c.group_code, c.position_level, c.competency_code, l.level, l.people
            FROM (SELECT rollup, group_code, position_level, competency_code, sum(level1) AS l1, sum(level2) AS l2, sum(level3) AS l3, sum(level4) AS l4, sum(level5) AS l5
                  FROM competency_rollup_counts GROUP BY 1, 2, 3, 4) c
            CROSS JOIN LATERAL (VALUES (1, c.l1), (2, c.l2), (3, c.l3), (4, c.l4), (5, c.l5)) l(level, people)
            WHERE l.people <> 0
            """;
        Assert.Equal(0L, await ScalarAsync<long>($"SELECT count(*) FROM (({rollupRecount} EXCEPT {rollupCounts}) UNION ALL ({rollupCounts} EXCEPT {rollupRecount})) differences"));

        foreach (var (agency, counts) in received)
        {
            var card = (await (await analyst.GetAsync($"/api/v1/analytics/data-quality?agencyCode={agency}")).JsonAsync()).GetProperty("items")[0];
            Assert.Equal(counts.Received, card.GetProperty("recordsReceived").GetInt64());
            Assert.Equal(Math.Round((decimal)counts.Accepted / counts.Received, 4, MidpointRounding.AwayFromZero), card.GetProperty("shareAccepted").GetDecimal());
        }
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(first.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A deterministic pseudo-random sort key per agency and seed (two seeds, two orders).</summary>
    private static string Shuffle(string code, int seed) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{seed}:{code}")));

    private async Task<Dictionary<string, (int Received, int Accepted)>> LoadAsync(TalentHubFactory factory, List<AgencyEntry> agencies)
    {
        var received = new Dictionary<string, (int Received, int Accepted)>();
        using var admin = await factory.AdminClientAsync();
        foreach (var agency in agencies)
        {
            (await admin.PutAsJsonAsync($"/api/v1/admin/agencies/{agency.Code}", new { name = agency.Name, kind = agency.Kind, provinceCode = agency.ProvinceCode })).EnsureSuccessStatusCode();
        }

        foreach (var agency in agencies)
        {
            using var client = await factory.ClientWithScopesAsync(agency.Code, "submissions.write", "mappings.write");
            var directory = Path.Combine(_dataset, "agencies", agency.Code);
            var mappings = JsonSerializer.Deserialize<MappingFile>(await File.ReadAllTextAsync(Path.Combine(directory, "mappings.json")), Web)!;
            foreach (var scale in mappings.Scales)
            {
                (await client.PutAsJsonAsync($"/api/v1/agencies/{agency.Code}/scales/{scale.ScaleCode}", scale.Body)).EnsureSuccessStatusCode();
            }

            (await client.PutAsJsonAsync($"/api/v1/agencies/{agency.Code}/dictionary", mappings.Dictionary)).EnsureSuccessStatusCode();
            var done = await SubmitAndWaitAsync(client, await File.ReadAllTextAsync(Path.Combine(directory, "records.ndjson")));
            Assert.NotEqual("FAILED", done.GetProperty("status").GetString());
            received[agency.Code] = (done.GetProperty("received").GetInt32(), done.GetProperty("accepted").GetInt32());
        }

        return received;
    }

    private static async Task<List<string>> ContentHashesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT nip || ' ' || encode(content_hash, 'hex') FROM profiles ORDER BY nip", connection);
        var hashes = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            hashes.Add(reader.GetString(0));
        }

        return hashes;
    }

    private static async Task<Dictionary<string, string?>> EmployersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT nip, employing_agency FROM profiles", connection);
        var employers = new Dictionary<string, string?>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            employers[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return employers;
    }

    private static async Task<HashSet<string>> OpenConflictsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT DISTINCT nip || ' ' || kind FROM conflicts WHERE status = 'OPEN'", connection);
        var open = new HashSet<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            open.Add(reader.GetString(0));
        }

        return open;
    }
}
