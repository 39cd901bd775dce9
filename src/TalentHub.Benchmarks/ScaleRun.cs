using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Benchmarks;

/// <summary>
/// The figures that depend on the size of the national index (README.md, Benchmark): the cost of a 1,000-record update
/// submission against an index of 100k versus 1M profiles, and the latency of the national 9-box and competency map
/// at 1M. For each size a fresh database receives the 1,000 people through the API, then synthetic profiles up to the
/// size (set-based SQL, through the same counting triggers as reconciliation), then the 1,000 records again, changed.
/// </summary>
public static class ScaleRun
{
    private const int UpdateRecords = 1000;

    public sealed record SizeResult(
        int Profiles, double UpdateSeconds, double NineBoxMedianMs, double NineBoxMaxMs, double MapMedianMs, double MapMaxMs,
        double FeedEntriesPerSecond, double FeedPeakWorkingSetMb, double ExportProfilesPerSecond, double ExportPeakWorkingSetMb, double ExportStartWorkingSetMb);

    public static async Task<SizeResult> MeasureAsync(string server, string file, string agency, string? mappingsFile, int profiles)
    {
        var lines = File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l)).Take(UpdateRecords).ToList();
        var first = Path.GetTempFileName();
        var update = Path.GetTempFileName();
        await File.WriteAllLinesAsync(first, lines);
        await File.WriteAllLinesAsync(update, lines.Select(Changed));

        var database = await BenchmarkRun.CreateDatabaseAsync(server);
        await DatabaseMigrator.MigrateAsync(database, "hangfire", TimeProvider.System, CancellationToken.None);
        await BenchmarkRun.RegisterAgencyAsync(database, agency);
        await using var host = await BenchmarkHost.StartAsync(database, agency);
        if (mappingsFile is not null)
        {
            await BenchmarkRun.RegisterMappingsAsync(host.Agency, agency, mappingsFile);
        }

        await BenchmarkRun.SubmitAsync(host.Agency, first);
        await SeedSyntheticProfilesAsync(database, profiles);
        var (_, updateSeconds) = await BenchmarkRun.SubmitAsync(host.Agency, update);

        using var national = await host.NationalClientAsync();
        var nineBox = await LatenciesAsync(national, "/api/v1/analytics/nine-box", 30);
        var map = await LatenciesAsync(national, "/api/v1/analytics/competency-map?groupBy=PROVINCE", 10);
        var (feedRate, feedPeakMb) = await ReadWholeFeedAsync(national);
        var export = await ExportAllAsync(national);
        File.Delete(first);
        File.Delete(update);
        Console.WriteLine(
            $"index {profiles:N0}: update {updateSeconds:F2} s, nine-box median {nineBox.Median:F1} ms, competency map median {map.Median:F1} ms, " +
            $"feed {feedRate:N0} entries/s, peak working set while reading it {feedPeakMb:N0} MB; " +
            $"NDJSON export {export.ProfilesPerSecond:N0} profiles/s, working set {export.StartMb:N0} MB at its start, {export.PeakMb:N0} MB at its peak");
        return new SizeResult(
            profiles, updateSeconds, nineBox.Median, nineBox.Max, map.Median, map.Max, feedRate, feedPeakMb, export.ProfilesPerSecond, export.PeakMb, export.StartMb);
    }

    /// <summary>The same record, sent again later with a changed unit: every person gets a new version.</summary>
    private static string Changed(string line)
    {
        var record = JsonNode.Parse(line)!.AsObject();
        if (record["position"] is JsonObject position)
        {
            position["unit"] = "Unit after reorganisation";
        }

        record["sourceUpdatedAt"] = "2026-10-01T08:00:00+07:00";
        return record.ToJsonString();
    }

    /// <summary>
    /// Synthetic ACTIVE profiles with their CREATED feed entries (NIPs starting with 8, never a real NIP) spread over 600 agencies (each in one of 38
    /// provinces, as a regional government is), every position level, box and competency level, inserted 100,000 per statement; then ANALYZE, as after a bulk load.
    /// </summary>
    private static async Task SeedSyntheticProfilesAsync(string database, int profiles)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var existing = (long)(await new NpgsqlCommand("SELECT count(*) FROM profiles", connection).ExecuteScalarAsync())!;
        var stopwatch = Stopwatch.StartNew();
        for (var from = existing + 1; from <= profiles; from += 100_000)
        {
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO profiles (nip, version, content, content_hash, provenance, employing_agency, status, position_level, work_province, box, jpm,
                    jpm_category, name, performance_class, unplaced_reasons, position_since, level_since, complete, analytics, updated_at)
                -- A real profile's content and provenance (the first of the 1,000 sent through the API), so that exports
                -- read and write documents of real size.
                SELECT '8' || lpad(i::text, 17, '0'), 1, real.content, sha256(int8send(i)), real.provenance, 'SYN-' || (i % 600), 'ACTIVE',
                    (ARRAY['JPT_UTAMA','JPT_MADYA','JPT_PRATAMA','ADMINISTRATOR','PENGAWAS','PELAKSANA','FUNGSIONAL_AHLI_UTAMA','FUNGSIONAL_AHLI_MADYA',
                           'FUNGSIONAL_AHLI_MUDA','FUNGSIONAL_AHLI_PERTAMA','FUNGSIONAL_PENYELIA','FUNGSIONAL_MAHIR','FUNGSIONAL_TERAMPIL','FUNGSIONAL_PEMULA'])[1 + i % 14],
                    lpad((11 + (i % 600) % 38)::text, 2, '0'),
                    CASE WHEN i % 7 = 0 THEN NULL ELSE 1 + i % 9 END, 60 + i % 40, 'CUKUP_OPTIMAL', 'Synthetic ' || i,
                    1 + i % 3, CASE WHEN i % 7 = 0 THEN ARRAY['NO_PERFORMANCE'] ELSE ARRAY[]::text[] END,
                    date '2015-01-01' + (i % 3000)::int, date '2015-01-01' + (i % 3000)::int, i % 2 = 0,
                    jsonb_build_object('levels', (SELECT jsonb_object_agg(c, jsonb_build_object('level', 1 + (i + n) % 5, 'method', 'ASSESSMENT_CENTER'))
                                                  FROM unnest(ARRAY['M1','M2','M3','M4','M5','M6','M7','M8','SK1']) WITH ORDINALITY AS t(c, n)),
                                       'predikat', jsonb_build_object('2025', 'BAIK', '2024', 'BAIK')),
                    now()
                FROM generate_series(@from, @to) AS i,
                     (SELECT content, provenance FROM profiles WHERE nip NOT LIKE '8%' AND merged_into IS NULL ORDER BY nip LIMIT 1) AS real;
                INSERT INTO change_feed (nip, version, kind, changed_at)
                SELECT '8' || lpad(i::text, 17, '0'), 1, 'CREATED', now() FROM generate_series(@from, @to) AS i;
                """,
                connection);
            insert.Parameters.AddWithValue("from", from);
            insert.Parameters.AddWithValue("to", Math.Min(profiles, from + 99_999));
            insert.CommandTimeout = 0;
            await insert.ExecuteNonQueryAsync();
        }

        await new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 0 }.ExecuteNonQueryAsync();
        Console.WriteLine($"seeded {profiles - existing:N0} synthetic profiles in {stopwatch.Elapsed.TotalSeconds:F0} s");
    }

    /// <summary>The whole feed read from the start in pages of 1,000, and the process's largest working set meanwhile.</summary>
    private static async Task<(double EntriesPerSecond, double PeakWorkingSetMb)> ReadWholeFeedAsync(HttpClient http)
    {
        using var process = Process.GetCurrentProcess();
        long peak = 0;
        var entries = 0L;
        string? cursor = null;
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            using var document = JsonDocument.Parse(await http.GetByteArrayAsync("/api/v1/changes?limit=1000" + (cursor is null ? "" : "&cursor=" + cursor)));
            var count = document.RootElement.GetProperty("items").GetArrayLength();
            entries += count;
            cursor = document.RootElement.GetProperty("nextCursor").GetString();
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
            if (count < 1000)
            {
                break;
            }
        }

        return (entries / stopwatch.Elapsed.TotalSeconds, peak / 1024.0 / 1024.0);
    }

    /// <summary>
    /// An NDJSON export of the whole index, from POST until COMPLETED, with the process's working set sampled every
    /// 100 ms (the export job runs in this process): at its start and its peak, so that flat memory shows.
    /// </summary>
    private static async Task<(double ProfilesPerSecond, double StartMb, double PeakMb)> ExportAllAsync(HttpClient http)
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var start = process.WorkingSet64;
        var peak = start;
        var stopwatch = Stopwatch.StartNew();
        using var created = await http.PostAsync("/api/v1/exports", new StringContent("{\"format\":\"NDJSON\"}", System.Text.Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        var location = created.Headers.Location!;
        while (true)
        {
            await Task.Delay(100);
            process.Refresh();
            peak = Math.Max(peak, process.WorkingSet64);
            using var status = JsonDocument.Parse(await http.GetByteArrayAsync(location));
            var state = status.RootElement.GetProperty("status").GetString();
            if (state is "COMPLETED")
            {
                var rows = status.RootElement.GetProperty("rowCount").GetInt64();
                return (rows / stopwatch.Elapsed.TotalSeconds, start / 1024.0 / 1024.0, peak / 1024.0 / 1024.0);
            }

            if (state is "FAILED" or "EXPIRED")
            {
                throw new InvalidOperationException($"The export ended {state}.");
            }
        }
    }

    internal static async Task<(double Median, double Max)> LatenciesAsync(HttpClient http, string path, int requests)
    {
        (await http.GetAsync(path)).EnsureSuccessStatusCode();
        var times = new List<double>();
        for (var i = 0; i < requests; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            response.EnsureSuccessStatusCode();
            await response.Content.ReadAsByteArrayAsync();
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (times[times.Count / 2], times[^1]);
    }
}
