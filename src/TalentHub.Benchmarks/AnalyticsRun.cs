using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TalentHub.Infrastructure.Analytics;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Benchmarks;

/// <summary>
/// The analytics at national size (<c>--mode analytics [--profiles 5600000]</c>): a fresh database receives synthetic
/// ACTIVE profiles spread like the nation (630 agencies, 24 % of people in 80 central agencies of which 30 % work in
/// another province, the rest in 550 regional governments of 38 provinces; 14 position levels weighted as the civil
/// service is; nine managerial and socio-cultural competencies and three technical ones of one of nine families, levels
/// around the standard, five methods, 10 % without a current level, every box and both unplaced reasons). The counting
/// tables are filled set-based with the counting triggers' own grouping, each person's counts in one of the eight writer
/// shards (the state right after a national load), with the triggers off while the profiles are inserted. Then, through
/// the real host: the national 9-box and the competency map for every groupBy as medians of repeated calls, before and
/// after <see cref="CounterFold"/>; and, as the "before" figure, the competency map's former statement (every cell of
/// <c>competency_level_counts</c> summed per request) on the same data.
/// </summary>
public static class AnalyticsRun
{
    private const int Batch = 200_000;
    private const int NineBoxCalls = 30;
    private const int MapCalls = 10;

    private static readonly string[] Groupings = ["AGENCY", "PROVINCE", "AGENCY_TYPE", "POSITION_LEVEL"];

    public static async Task<IReadOnlyList<BenchmarkRun.Figure>> MeasureAsync(string server, int profiles)
    {
        var database = await BenchmarkRun.CreateDatabaseAsync(server);
        await DatabaseMigrator.MigrateAsync(database, "hangfire", TimeProvider.System, CancellationToken.None);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            var stopwatch = Stopwatch.StartNew();
            await ExecuteAsync(connection, AgenciesSql);
            for (var from = 1; from <= profiles; from += Batch)
            {
                await ExecuteAsync(connection, ProfilesSql, ("from", from), ("to", Math.Min(profiles, from + Batch - 1)));
            }

            Console.WriteLine($"seeded {profiles:N0} profiles in {stopwatch.Elapsed.TotalSeconds:F0} s");
            await ExecuteAsync(connection, CountsSql);
            await ExecuteAsync(connection, "ANALYZE");
            Console.WriteLine($"counted in {stopwatch.Elapsed.TotalSeconds:F0} s: {await RowsAsync(connection)}");
        }

        await using var host = await BenchmarkHost.StartAsync(database, "PROV-35");
        // The fold runs when this run says so, not on the minute.
        host.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(CounterFold.JobId);
        using var national = await host.NationalClientAsync();
        var figures = new List<BenchmarkRun.Figure>();
        var formerMap = await FormerMapByProvinceAsync(database);
        figures.Add(Figure($"competency map by province, former statement, 8 shards, {profiles:N0} (median of 5)", formerMap, 1000));
        await MeasureEndpointsAsync(national, profiles, "8 shards", figures);

        var fold = Stopwatch.StartNew();
        var moved = await host.Services.GetRequiredService<CounterFold>().FoldAsync(CancellationToken.None);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, "VACUUM ANALYZE nine_box_counts, competency_level_counts, competency_rollup_counts");
            Console.WriteLine($"folded {moved:N0} shard rows in {fold.Elapsed.TotalSeconds:F0} s: {await RowsAsync(connection)}");
        }

        await MeasureEndpointsAsync(national, profiles, "folded", figures);
        return figures;
    }

    private static async Task MeasureEndpointsAsync(HttpClient national, int profiles, string state, List<BenchmarkRun.Figure> figures)
    {
        var nineBox = await ScaleRun.LatenciesAsync(national, "/api/v1/analytics/nine-box", NineBoxCalls);
        figures.Add(Figure($"national 9-box, {state}, {profiles:N0} (median of {NineBoxCalls})", nineBox, 200));
        foreach (var grouping in Groupings)
        {
            var map = await ScaleRun.LatenciesAsync(national, "/api/v1/analytics/competency-map?groupBy=" + grouping, MapCalls);
            figures.Add(Figure($"competency map by {grouping}, {state}, {profiles:N0} (median of {MapCalls})", map, 1000));
        }
    }

    private static BenchmarkRun.Figure Figure(string name, (double Median, double Max) latency, double targetMs) =>
        new(name, latency.Median, "ms", "max of the run (ms)", latency.Max, latency.Median / targetMs, $"<= {targetMs:N0} ms", latency.Median <= targetMs);

    /// <summary>The statement the competency map ran per request before the rollups, national, by province.</summary>
    private static async Task<(double Median, double Max)> FormerMapByProvinceAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var times = new List<double>();
        for (var i = 0; i < 6; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await ExecuteAsync(connection,
                """
                SELECT c.province_code, c.competency_code, c.level, coalesce(s.level, pl.technical_default), sum(c.people)::bigint
                FROM competency_level_counts c
                JOIN position_levels pl ON pl.position_level = c.position_level
                LEFT JOIN standard_levels s ON s.position_level = c.position_level AND s.competency_code = c.competency_code
                LEFT JOIN agencies a ON a.code = c.agency_code
                GROUP BY 1, 2, 3, 4 HAVING sum(c.people) > 0
                """);
            if (i > 0)
            {
                times.Add(stopwatch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        return (times[times.Count / 2], times[^1]);
    }

    private static async Task<string> RowsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT format('%s nine-box rows, %s competency level rows, %s rollup rows',
                (SELECT count(*) FROM nine_box_counts), (SELECT count(*) FROM competency_level_counts), (SELECT count(*) FROM competency_rollup_counts))
            """,
            connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>80 central agencies (seated in Jakarta), a province government per province and 512 regencies and cities spread over the provinces.</summary>
    private const string AgenciesSql =
        """
        CREATE TABLE bench_agencies (idx int PRIMARY KEY, code text NOT NULL, province text NOT NULL, main_method int NOT NULL);
        INSERT INTO bench_agencies
        SELECT i, 'KEM-' || lpad(i::text, 3, '0'), '31', i % 5 FROM generate_series(0, 79) i;
        INSERT INTO bench_agencies
        SELECT 80 + row_number() OVER (ORDER BY code) - 1, 'PROV-' || code, code, (row_number() OVER (ORDER BY code))::int % 5 FROM provinces;
        INSERT INTO bench_agencies
        SELECT 118 + i, 'KAB-' || lpad(i::text, 3, '0'), p.code, i % 5
        FROM generate_series(0, 511) i JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n FROM provinces) p ON p.n = i % 38;
        INSERT INTO agencies (code, name, kind, province_code, created_at, updated_at)
        SELECT code, code, CASE WHEN code LIKE 'KEM-%' THEN 'CENTRAL' WHEN code LIKE 'PROV-%' THEN 'PROVINCE' WHEN idx % 5 = 0 THEN 'CITY' ELSE 'REGENCY' END,
               CASE WHEN code LIKE 'KEM-%' THEN NULL ELSE province END, now(), now()
        FROM bench_agencies ON CONFLICT DO NOTHING;
        CREATE TABLE bench_levels (lo int, hi int, level text, standard int);
        INSERT INTO bench_levels VALUES
            (0, 0, 'JPT_UTAMA', 5), (1, 4, 'JPT_MADYA', 5), (5, 19, 'JPT_PRATAMA', 4), (20, 59, 'ADMINISTRATOR', 3), (60, 149, 'PENGAWAS', 2),
            (150, 449, 'PELAKSANA', 1), (450, 454, 'FUNGSIONAL_AHLI_UTAMA', 5), (455, 494, 'FUNGSIONAL_AHLI_MADYA', 4), (495, 614, 'FUNGSIONAL_AHLI_MUDA', 3),
            (615, 764, 'FUNGSIONAL_AHLI_PERTAMA', 2), (765, 804, 'FUNGSIONAL_PENYELIA', 3), (805, 884, 'FUNGSIONAL_MAHIR', 2),
            (885, 984, 'FUNGSIONAL_TERAMPIL', 1), (985, 999, 'FUNGSIONAL_PEMULA', 1);
        """;

    /// <summary>The competencies each person holds: nine managerial and socio-cultural ones and three technical ones of the person's family.</summary>
    private static readonly string[] HeldCompetencies =
        ["'M1'", "'M2'", "'M3'", "'M4'", "'M5'", "'M6'", "'M7'", "'M8'", "'SK1'", "'T.' || f.family || '.01'", "'T.' || f.family || '.02'", "'T.' || f.family || '.03'"];

    /// <summary>
    /// A person's levels as jsonb text, one entry per held competency: the standard of the person's level, one below or one
    /// above (by a hash of the NIP and the competency's place), by the person's method. Written as text and cast once: a
    /// <c>jsonb_build_object</c> per competency cost about ten times as much.
    /// </summary>
    private static readonly string LevelsJson = string.Join(" || ', ' || ", HeldCompetencies.Select((competency, n) =>
        $$"""'"' || {{competency}} || '": {"level": ' || least(5, greatest(1, l.standard + ((hashint8(p.i * 16 + {{n + 1}}) & 2147483647) % 3)::int - 1)) || ', "method": "' || m.method || '"}'"""));

    /// <summary>One batch of synthetic profiles (NIPs starting with 8); the counting triggers are off for this session.</summary>
    private static readonly string ProfilesSql =
        $$$"""
        SET session_replication_role = replica;
        INSERT INTO profiles (nip, version, content, content_hash, provenance, employing_agency, status, position_level, work_province, box, jpm,
            jpm_category, name, performance_class, unplaced_reasons, position_since, level_since, complete, analytics, updated_at)
        SELECT '8' || lpad(p.i::text, 17, '0'), 1, '{}', sha256(int8send(p.i)), '{}', a.code, 'ACTIVE', l.level,
               CASE WHEN a.code LIKE 'KEM-%' AND p.i % 10 < 3 THEN pr.code ELSE a.province END,
               CASE WHEN p.i % 9 = 0 THEN NULL ELSE 1 + (hashint8(p.i * 3) & 2147483647) % 9 END, 60 + p.i % 40, 'CUKUP_OPTIMAL', 'Synthetic ' || p.i, 1 + p.i % 3,
               CASE WHEN p.i % 9 <> 0 THEN ARRAY[]::text[] WHEN p.i % 2 = 0 THEN ARRAY['INSUFFICIENT_JPM'] ELSE ARRAY['INSUFFICIENT_JPM', 'NO_PERFORMANCE'] END,
               date '2015-01-01' + (p.i % 3000)::int, date '2015-01-01' + (p.i % 3000)::int, p.i % 2 = 0,
               ('{"levels": {' || CASE WHEN p.i % 10 = 0 THEN '' ELSE {{{LevelsJson}}} END || '}, "predikat": {"2025": "BAIK", "2024": "BAIK"}}')::jsonb,
               now()
        FROM (SELECT i, CASE WHEN i % 100 < 24 THEN h % 80 WHEN i % 100 < 30 THEN 80 + h % 38 ELSE 118 + h % 512 END AS agency,
                     (hashint8(i + 10000000000) & 2147483647) % 1000 AS level_key
              FROM generate_series(@from::bigint, @to::bigint) AS i, LATERAL (SELECT hashint8(i) & 2147483647 AS h) hashed) p
        JOIN bench_agencies a ON a.idx = p.agency
        JOIN bench_levels l ON p.level_key BETWEEN l.lo AND l.hi
        JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS n FROM provinces) pr ON pr.n = (p.i * 13) % 38
        CROSS JOIN LATERAL (SELECT (ARRAY['KEU', 'SDM', 'PBJ', 'HUK', 'TIK', 'REN', 'KES', 'DIK', 'PUB'])[1 + (p.i / 3) % 9] AS family) f
        CROSS JOIN LATERAL (SELECT (ARRAY['ASSESSMENT_CENTER', 'CACT', 'BEHAVIORAL_INTERVIEW', 'PORTFOLIO', 'MULTI_RATER'])[
            1 + CASE WHEN p.i % 5 = 0 THEN (p.i / 5) % 5 ELSE a.main_method END] AS method) m;
        SET session_replication_role = DEFAULT;
        """;

    /// <summary>
    /// The counting triggers' grouping over the whole index, each person in writer shard hash(NIP) mod 8, as after a load.
    /// Each grouping is hashed in memory (millions of groups; the planner, which expects a hundred levels per person, chose to
    /// sort the whole profiles on disk instead) and then written in key order, so that the primary keys grow at their ends.
    /// </summary>
    private static readonly string CountsSql =
        $"""
        SET work_mem = '1GB';
        SET enable_sort = off;
        SET enable_incremental_sort = off;
        SET enable_memoize = off;
        INSERT INTO nine_box_counts (agency_code, province_code, position_level, box, unplaced, shard, people)
        WITH counted AS MATERIALIZED (
            SELECT coalesce(employing_agency, '') AS agency_code, coalesce(work_province, '') AS province_code, coalesce(position_level, '') AS position_level,
                   coalesce(box, 0) AS box, array_to_string(unplaced_reasons, ',') AS unplaced, (hashtext(nip) & 7)::smallint AS shard, count(*) AS people
            FROM profiles WHERE status = 'ACTIVE' GROUP BY 1, 2, 3, 4, 5, 6)
        SELECT * FROM counted ORDER BY 1, 2, 3, 4, 5, 6;
        INSERT INTO competency_level_counts (agency_code, province_code, position_level, competency_code, method, level, shard, people)
        WITH counted AS MATERIALIZED (
            SELECT coalesce(p.employing_agency, '') AS agency_code, coalesce(p.work_province, '') AS province_code, p.position_level, l.key AS competency_code,
                   l.value->>'method' AS method, (l.value->>'level')::int AS level, (hashtext(p.nip) & 7)::smallint AS shard, count(*) AS people
            FROM profiles p CROSS JOIN LATERAL jsonb_each(p.analytics->'levels') AS l
            WHERE p.status = 'ACTIVE' AND p.position_level IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6, 7)
        SELECT * FROM counted ORDER BY 1, 2, 3, 4, 5, 6, 7;
        INSERT INTO competency_rollup_counts (rollup, group_code, position_level, competency_code, shard, level1, level2, level3, level4, level5)
        WITH counted AS MATERIALIZED (
            SELECT g.rollup, g.group_code, c.position_level, c.competency_code, c.shard,
                   {string.Join(", ", Enumerable.Range(1, 5).Select(l => $"coalesce(sum(c.people) FILTER (WHERE c.level = {l}), 0) AS level{l}"))}
            FROM competency_level_counts c
            CROSS JOIN LATERAL (VALUES ('{CompetencyRollups.Agency}', c.agency_code), ('{CompetencyRollups.Province}', c.province_code), ('{CompetencyRollups.Method}', c.method)) AS g(rollup, group_code)
            GROUP BY 1, 2, 3, 4, 5)
        SELECT * FROM counted ORDER BY 1, 2, 3, 4, 5;
        RESET enable_memoize;
        RESET enable_incremental_sort;
        RESET enable_sort;
        RESET work_mem;
        """;
}
