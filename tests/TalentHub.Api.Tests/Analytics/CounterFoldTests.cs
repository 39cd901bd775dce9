using System.Net.Http.Json;
using Hangfire;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.Api.Tests.Submissions;
using TalentHub.Infrastructure.Analytics;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Analytics;

/// <summary>
/// The counts behind the 9-box and the competency map (shard rows, their folded rows, the fold's national 9-box totals,
/// the per-agency, per-province and per-method rollups) stay exact through the HTTP endpoints: right after each submission, and unchanged by a fold of
/// the shards, also when people change province or retire on top of folded counts. Levels of M1 (INTEGRITAS) by person
/// (AnalyticsTests' people): A1 3, A2 3, J 4 (PROV-35); B2 4, B3 4 (PROV-33); N 5 (PROV-35, second submission).
/// </summary>
public sealed class CounterFoldTests(DatasetFactory factory) : IClassFixture<DatasetFactory>
{
    private static readonly (int, string)[] SbSb = [(2025, "SANGAT_BAIK"), (2024, "SANGAT_BAIK")];
    private static readonly (int, string)[] BB = [(2025, "BAIK"), (2024, "BAIK")];
    private static readonly int?[] Threes = [3, 3, 3, 3, 3, 3, 3, 3, 3];
    private static readonly int?[] Fours = [4, 4, 4, 4, 4, 4, 4, 4, 4];
    private static readonly int?[] Fives = [5, 5, 5, 5, 5, 5, 5, 5, 5];

    private static readonly string[] Figures =
    [
        "/api/v1/analytics/nine-box",
        "/api/v1/analytics/nine-box?agencyCode=PROV-35",
        "/api/v1/analytics/nine-box?positionLevel=ADMINISTRATOR&province=33",
        "/api/v1/analytics/competency-map?groupBy=AGENCY",
        "/api/v1/analytics/competency-map?groupBy=PROVINCE",
        "/api/v1/analytics/competency-map?groupBy=AGENCY_TYPE",
        "/api/v1/analytics/competency-map?groupBy=POSITION_LEVEL",
        "/api/v1/analytics/competency-map?groupBy=PROVINCE&agencyCode=PROV-35",
        "/api/v1/analytics/competency-map?groupBy=POSITION_LEVEL&agencyCode=PROV-35&competency=M1",
        "/api/v1/analytics/data-quality",
    ];

    [Fact]
    public async Task Counts_are_exact_after_every_submission_and_unchanged_by_a_fold()
    {
        // This test folds when it means to: the minutely fold would otherwise race it to the shard rows.
        factory.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(CounterFold.JobId);
        using var admin = await factory.AdminClientAsync();
        foreach (var (code, province) in new[] { ("PROV-35", "35"), ("PROV-33", "33") })
        {
            (await admin.PutAsJsonAsync($"/api/v1/admin/agencies/{code}", new { name = "Pemerintah Provinsi " + province, kind = "PROVINCE", provinceCode = province })).EnsureSuccessStatusCode();
            await RegisterValidRecordMappingsAsync(factory, code);
        }

        using var national = await factory.ClientWithScopesAsync(null, "analytics.read");
        using var prov35 = await factory.ClientWithScopesAsync("PROV-35", "submissions.write");
        using var prov33 = await factory.ClientWithScopesAsync("PROV-33", "submissions.write");
        await SubmitAsync(prov35, [
            AnalyticsTests.Person(1, "35", "ADMINISTRATOR", "2019-01-02", Threes, SbSb),
            AnalyticsTests.Person(2, "35", "ADMINISTRATOR", "2019-01-02", Threes, BB),
            AnalyticsTests.Person(10, "35", "JPT_PRATAMA", "2021-11-01", Fours, BB)]);
        await SubmitAsync(prov33, [
            AnalyticsTests.Person(7, "33", "ADMINISTRATOR", "2019-01-02", Fours, [(2025, "SANGAT_BAIK")]),
            AnalyticsTests.Person(8, "33", "ADMINISTRATOR", "2025-06-01", Fours, SbSb)]);

        Assert.Equal(5, await ActivePeopleAsync(national));
        Assert.Equal(new Dictionary<string, long[]> { ["ADMINISTRATOR"] = [0, 0, 2, 2, 0], ["JPT_PRATAMA"] = [0, 0, 0, 1, 0] }, await M1Async(national, "POSITION_LEVEL"));
        Assert.Equal(new Dictionary<string, long[]> { ["33"] = [0, 0, 0, 2, 0], ["35"] = [0, 0, 2, 1, 0] }, await M1Async(national, "PROVINCE"));
        Assert.Equal(new Dictionary<string, long[]> { ["PROV-33"] = [0, 0, 0, 2, 0], ["PROV-35"] = [0, 0, 2, 1, 0] }, await M1Async(national, "AGENCY"));
        Assert.Equal(new Dictionary<string, long[]> { ["PROVINCE"] = [0, 0, 2, 3, 0] }, await M1Async(national, "AGENCY_TYPE"));
        await AssertFoldKeepsFiguresAsync(national);

        // On top of folded counts: A2 now works in province 33, J retires, N joins at level 5.
        var moved = AnalyticsTests.Person(2, "33", "ADMINISTRATOR", "2019-01-02", Threes, BB);
        var retired = AnalyticsTests.Person(10, "35", "JPT_PRATAMA", "2021-11-01", Fours, BB);
        retired["status"] = "RETIRED";
        foreach (var record in new[] { moved, retired })
        {
            record["sourceUpdatedAt"] = "2026-10-01T08:00:00+07:00";
        }

        await SubmitAsync(prov35, [moved, retired, AnalyticsTests.Person(14, "35", "ADMINISTRATOR", "2019-01-02", Fives, SbSb)]);

        Assert.Equal(5, await ActivePeopleAsync(national));
        Assert.Equal(new Dictionary<string, long[]> { ["ADMINISTRATOR"] = [0, 0, 2, 2, 1] }, await M1Async(national, "POSITION_LEVEL"));
        Assert.Equal(new Dictionary<string, long[]> { ["33"] = [0, 0, 1, 2, 0], ["35"] = [0, 0, 1, 0, 1] }, await M1Async(national, "PROVINCE"));
        Assert.Equal(new Dictionary<string, long[]> { ["PROV-33"] = [0, 0, 0, 2, 0], ["PROV-35"] = [0, 0, 2, 0, 1] }, await M1Async(national, "AGENCY"));
        Assert.Equal(new Dictionary<string, long[]> { ["33"] = [0, 0, 1, 0, 0], ["35"] = [0, 0, 1, 0, 1] }, await M1Async(national, "PROVINCE", "PROV-35"));
        await AssertFoldKeepsFiguresAsync(national);
    }

    private static async Task SubmitAsync(HttpClient agency, JsonNode[] people) =>
        Assert.Equal("COMPLETED", (await SubmitAndWaitAsync(agency, Ndjson(people))).GetProperty("status").GetString());

    private static async Task<long> ActivePeopleAsync(HttpClient national) =>
        (await (await national.GetAsync("/api/v1/analytics/nine-box")).JsonAsync()).GetProperty("activePeople").GetInt64();

    /// <summary>M1's distribution over levels 1–5 per group.</summary>
    private static async Task<Dictionary<string, long[]>> M1Async(HttpClient national, string groupBy, string? agencyCode = null)
    {
        var map = await (await national.GetAsync($"/api/v1/analytics/competency-map?groupBy={groupBy}&competency=M1" + (agencyCode is null ? "" : "&agencyCode=" + agencyCode))).JsonAsync();
        return map.GetProperty("groups").EnumerateArray().ToDictionary(
            g => g.GetProperty("group").GetString()!,
            g => g.GetProperty("competencies")[0].GetProperty("distribution").EnumerateArray().Select(d => d.GetInt64()).ToArray());
    }

    /// <summary>Every figure reads the same bytes before and after a fold that moved shard rows, and no shard row is left.</summary>
    private async Task AssertFoldKeepsFiguresAsync(HttpClient national)
    {
        var before = await FiguresAsync(national);
        var moved = await factory.Services.GetRequiredService<CounterFold>().FoldAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var left = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM nine_box_counts WHERE shard <> -1) + (SELECT count(*) FROM competency_level_counts WHERE shard <> -1)
                 + (SELECT count(*) FROM competency_rollup_counts WHERE shard <> -1)
            """,
            connection);
        Assert.Equal(0L, (long)(await left.ExecuteScalarAsync())!);
        Assert.True(moved > 0);
        // The national totals equal the folded rows they stand for, box by box.
        await using var totals = new NpgsqlCommand(
            """
            WITH folded AS (SELECT box, unplaced, sum(people)::bigint AS people FROM nine_box_counts WHERE shard = -1 GROUP BY 1, 2 HAVING sum(people) <> 0),
                 totals AS (SELECT box, unplaced, people FROM nine_box_national_counts WHERE people <> 0)
            SELECT (SELECT count(*) FROM (SELECT * FROM folded EXCEPT SELECT * FROM totals) missing)
                 + (SELECT count(*) FROM (SELECT * FROM totals EXCEPT SELECT * FROM folded) extra),
                   (SELECT coalesce(sum(people), 0)::bigint FROM totals)
            """,
            connection);
        await using (var reader = await totals.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(0L, reader.GetInt64(0));
            Assert.Equal(5L, reader.GetInt64(1));
        }

        var after = await FiguresAsync(national);
        Assert.Equal(before, after);
    }

    private static async Task<List<string>> FiguresAsync(HttpClient national)
    {
        var bodies = new List<string>();
        foreach (var figure in Figures)
        {
            using var response = await national.GetAsync(figure);
            Assert.True(response.IsSuccessStatusCode, figure);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        return bodies;
    }
}
