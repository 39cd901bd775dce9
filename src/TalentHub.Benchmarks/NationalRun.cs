using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Npgsql;
using TalentHub.Api.Submissions;
using Microsoft.Extensions.DependencyInjection;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Reconciliation;

namespace TalentHub.Benchmarks;

/// <summary>
/// The national load (README.md, Benchmark): every agency of a generated dataset registered with its mappings,
/// then every agency's records posted through the real host by that agency's own client, and the clock stopped when
/// every submission is done (validated, normalized and every touched profile reconciled). Files larger than one
/// submission may be are sent as several submissions split on line boundaries. Before the load, the same files are
/// copied by psql into an unlogged jsonb table (<see cref="BenchmarkRun.CopyAnchorAsync"/>): the anchor that makes the
/// end-to-end rate comparable across machines.
/// </summary>
public static class NationalRun
{
    /// <summary>Well under the service's body limit, so no part is refused.</summary>
    private const long PartBytes = SubmissionsApi.MaxBodyBytes * 3 / 4;

    private static readonly TimeSpan Target = TimeSpan.FromMinutes(20);
    private const double MemoryTargetMb = 1024;

    /// <summary>Appears in expected.ndjson on the records the anchor's jsonb column would refuse.</summary>
    private const string MalformedRecord = "\"malformed_record\"";

    private const double EndToEndTarget = 0.3;

    /// <summary>The nightly refresh with nothing due must end within this (docs/domain/reconciliation.md, jobs).</summary>
    private static readonly TimeSpan NightlyTarget = TimeSpan.FromMinutes(1);

    /// <summary>What the whole run may hold on disk at national size, dataset included.</summary>
    private const double DiskTargetGb = 60;

    public sealed record Result(
        int Agencies, int Submissions, long Records, long Profiles, double Seconds, double PeakWorkingSetMb,
        long AnchorRecords, double AnchorSeconds, (double Median, double Max) NineBox, (double Median, double Max) CompetencyMap,
        Rebuild FullRebuild, double NightlySeconds, long DatasetBytes, long DatabaseBytes);

    /// <summary>A full rebuild as its status resource reported it at the end.</summary>
    public sealed record Rebuild(double Seconds, int Done, int Versions);

    public static async Task<Result> MeasureAsync(string server, string dataset)
    {
        var database = await BenchmarkRun.CreateDatabaseAsync(server);
        await DatabaseMigrator.MigrateAsync(database, "hangfire", TimeProvider.System, CancellationToken.None);
        var agencies = await RegisterAgenciesAsync(database, dataset);
        Console.WriteLine($"==> national load: {agencies.Count} agencies into {new NpgsqlConnectionStringBuilder(database).Database}");
        var (anchorSeconds, anchorRecords) = await BenchmarkRun.CopyAnchorAsync(database, [.. agencies.Select(AnchorFile)]);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    anchor: psql \\copy of {anchorRecords:N0} parseable records in {anchorSeconds:N1} s"));

        await using var host = await BenchmarkHost.StartAsync(database, agencies[0].Code);
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var agency in agencies)
        {
            var client = await host.AgencyClientAsync(agency.Code);
            clients[agency.Code] = client;
            await BenchmarkRun.RegisterMappingsAsync(client, agency.Code, Path.Combine(agency.Directory, "mappings.json"));
        }

        // The run reads each agency's NDJSON records, mappings and ground truth: the CSV copy of the records and the
        // people behind them (for the generator's tests) would only hold disk the database needs at national size.
        foreach (var agency in agencies)
        {
            File.Delete(Path.Combine(agency.Directory, "records.csv"));
            File.Delete(Path.Combine(agency.Directory, "people.ndjson"));
        }

        var datasetBytes = new DirectoryInfo(dataset).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
        var parts = agencies.SelectMany(a => Parts(Path.Combine(a.Directory, "records.ndjson")).Select(p => (a.Code, Part: p))).ToList();
        Console.WriteLine($"    {parts.Count} submissions of at most {PartBytes / (1024 * 1024)} MB; starting the clock");

        // Sampled during the load only: the dataset generator ran in this process before it.
        using var memory = new WorkingSetSampler(TimeSpan.FromSeconds(1));
        var stopwatch = Stopwatch.StartNew();
        foreach (var (code, part) in parts)
        {
            await PostAsync(clients[code], part);
        }

        Console.WriteLine($"    all posted after {stopwatch.Elapsed:hh\\:mm\\:ss}");
        foreach (var agency in agencies)
        {
            File.Delete(Path.Combine(agency.Directory, "records.ndjson"));
        }

        var (records, profiles) = await WaitForAllAsync(database, parts.Count, stopwatch);
        stopwatch.Stop();
        var peak = memory.PeakMegabytes;
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        // The analytics rows again, on the real national index rather than a synthetic one.
        using var national = await host.NationalClientAsync();
        var nineBox = await ScaleRun.LatenciesAsync(national, "/api/v1/analytics/nine-box", 30);
        var map = await ScaleRun.LatenciesAsync(national, "/api/v1/analytics/competency-map?groupBy=PROVINCE", 10);
        var rebuild = await RebuildAsync(national);
        // The rebuild recorded today's evaluation: the refresh after it has nothing due, the common night.
        var nightly = Stopwatch.StartNew();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IndexRebuilder>().RefreshNightlyAsync(CancellationToken.None);
        }

        nightly.Stop();
        var databaseBytes = await PrintDatabaseSizesAsync(database, records);
        return new Result(
            agencies.Count, parts.Count, records, profiles, stopwatch.Elapsed.TotalSeconds, peak, anchorRecords, anchorSeconds, nineBox, map,
            rebuild, nightly.Elapsed.TotalSeconds, datasetBytes, databaseBytes);
    }

    /// <summary>Starts a full rebuild through the API and follows its status resource until it completes, printing its progress.</summary>
    private static async Task<Rebuild> RebuildAsync(HttpClient national)
    {
        var stopwatch = Stopwatch.StartNew();
        using var started = await national.PostAsync("/api/v1/admin/rebuild", null);
        started.EnsureSuccessStatusCode();
        var location = started.Headers.Location!;
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            using var status = JsonDocument.Parse(await national.GetStringAsync(location));
            var state = status.RootElement.GetProperty("status").GetString();
            var done = status.RootElement.GetProperty("done").GetInt32();
            var total = status.RootElement.GetProperty("total").GetInt32();
            if (state == "COMPLETED")
            {
                var seconds = stopwatch.Elapsed.TotalSeconds;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    full rebuild: {done:N0} profiles in {seconds:N0} s"));
                return new Rebuild(seconds, done, status.RootElement.GetProperty("versions").GetInt32());
            }

            if (state == "FAILED")
            {
                throw new InvalidOperationException("The full rebuild failed.");
            }

            if (stopwatch.Elapsed - lastReport >= TimeSpan.FromMinutes(1))
            {
                lastReport = stopwatch.Elapsed;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {stopwatch.Elapsed:hh\\:mm\\:ss} rebuild {done:N0}/{total:N0}"));
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>Prints every table's size on disk (indexes and TOAST included), largest first, and returns the database's.</summary>
    private static async Task<long> PrintDatabaseSizesAsync(string database, long records)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT n.nspname || '.' || c.relname, pg_total_relation_size(c.oid), pg_indexes_size(c.oid), pg_database_size(current_database())
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind = 'r' AND n.nspname IN ('public', 'hangfire')
            ORDER BY 2 DESC
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var databaseBytes = 0L;
        Console.WriteLine("    database size per table (indexes and TOAST included):");
        while (await reader.ReadAsync())
        {
            databaseBytes = reader.GetInt64(3);
            var total = reader.GetInt64(1);
            if (total >= 1024 * 1024)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"      {reader.GetString(0),-36} {total / (1024.0 * 1024),10:N1} MB  (indexes {reader.GetInt64(2) / (1024.0 * 1024),8:N1} MB)  {(double)total / records,7:N0} bytes a record"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"      {"the whole database",-36} {databaseBytes / (1024.0 * 1024),10:N1} MB  {(double)databaseBytes / records,31:N0} bytes a record"));
        return databaseBytes;
    }

    public static IReadOnlyList<BenchmarkRun.Figure> Figures(Result result)
    {
        var minutes = result.Seconds / 60;
        return
        [
            BenchmarkRun.Rate(
                $"national end to end: {result.Records:N0} records, {result.Agencies} agencies, {result.Profiles:N0} profiles",
                result.Records / result.Seconds, result.AnchorRecords / result.AnchorSeconds, EndToEndTarget),
            new("national load: wall clock", minutes, "minutes", "psql \\copy of the same files (minutes)", result.AnchorSeconds / 60,
                minutes / Target.TotalMinutes, "<= 20 min", result.Seconds <= Target.TotalSeconds),
            new("national load: peak working set of the process", result.PeakWorkingSetMb, "MB", "target (MB)", MemoryTargetMb,
                result.PeakWorkingSetMb / MemoryTargetMb, "<= 1 GB", result.PeakWorkingSetMb <= MemoryTargetMb),
            new($"analytics: national 9-box at {result.Profiles:N0} (median ms)", result.NineBox.Median, "ms", "max of the run (ms)", result.NineBox.Max,
                result.NineBox.Median / 200, "<= 200 ms", result.NineBox.Max <= 200),
            new($"analytics: competency map at {result.Profiles:N0} (median ms)", result.CompetencyMap.Median, "ms", "max of the run (ms)", result.CompetencyMap.Max,
                result.CompetencyMap.Median / 1000, "<= 1 s", result.CompetencyMap.Max <= 1000),
            new($"full rebuild: {result.FullRebuild.Done:N0} profiles, {result.FullRebuild.Versions:N0} new versions", result.FullRebuild.Seconds / 60, "minutes",
                "the load (minutes)", minutes, result.FullRebuild.Seconds / result.Seconds, "0 new versions", result.FullRebuild.Versions == 0),
            new("nightly refresh, nothing due", result.NightlySeconds, "s", "target (s)", NightlyTarget.TotalSeconds,
                result.NightlySeconds / NightlyTarget.TotalSeconds, "<= 1 min", result.NightlySeconds <= NightlyTarget.TotalSeconds),
            new("disk: dataset and database after the run", (result.DatasetBytes + result.DatabaseBytes) / 1e9, "GB", "the database alone (GB)", result.DatabaseBytes / 1e9,
                (result.DatasetBytes + result.DatabaseBytes) / 1e9 / DiskTargetGb, "<= 60 GB", (result.DatasetBytes + result.DatabaseBytes) / 1e9 <= DiskTargetGb),
        ];
    }

    private sealed record AgencyFiles(string Code, string Directory);

    private static async Task<List<AgencyFiles>> RegisterAgenciesAsync(string database, string dataset)
    {
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dataset, "agencies.json")));
        var agencies = new List<AgencyFiles>();
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        foreach (var agency in document.RootElement.EnumerateArray())
        {
            var code = agency.GetProperty("code").GetString()!;
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO agencies (code, name, kind, province_code, created_at, updated_at) VALUES (@code, @name, @kind, @province, now(), now())
                ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind, province_code = excluded.province_code
                """,
                connection);
            command.Parameters.AddWithValue("code", code);
            command.Parameters.AddWithValue("name", agency.GetProperty("name").GetString()!);
            command.Parameters.AddWithValue("kind", agency.GetProperty("kind").GetString()!);
            command.Parameters.AddWithValue("province", agency.TryGetProperty("provinceCode", out var province) && province.GetString() is { } p ? p : DBNull.Value);
            await command.ExecuteNonQueryAsync();
            agencies.Add(new AgencyFiles(code, Path.Combine(dataset, agency.GetProperty("directory").GetString()!)));
        }

        return agencies;
    }

    /// <summary>The agency's records file for the anchor, leaving out the malformed lines its ground truth names.</summary>
    private static BenchmarkRun.AnchorFile AnchorFile(AgencyFiles agency)
    {
        var malformed = new List<long>();
        foreach (var line in File.ReadLines(Path.Combine(agency.Directory, "expected.ndjson")))
        {
            if (line.Contains(MalformedRecord, StringComparison.Ordinal))
            {
                using var expected = JsonDocument.Parse(line);
                if (expected.RootElement.GetProperty("format").GetString() == "NDJSON")
                {
                    malformed.Add(expected.RootElement.GetProperty("line").GetInt64());
                }
            }
        }

        return new BenchmarkRun.AnchorFile(Path.Combine(agency.Directory, "records.ndjson"), malformed);
    }

    private sealed record FilePart(string File, long Offset, long Length);

    /// <summary>The file cut into consecutive parts of at most <see cref="PartBytes"/>, each ending on a line end.</summary>
    private static List<FilePart> Parts(string file)
    {
        var parts = new List<FilePart>();
        using var stream = File.OpenRead(file);
        var start = 0L;
        while (start < stream.Length)
        {
            var end = Math.Min(start + PartBytes, stream.Length);
            if (end < stream.Length)
            {
                end = LastLineEndBefore(stream, end);
            }

            parts.Add(new FilePart(file, start, end - start));
            start = end;
        }

        return parts;
    }

    private static long LastLineEndBefore(FileStream stream, long limit)
    {
        var buffer = new byte[64 * 1024];
        for (var position = limit; position > 0; position -= buffer.Length)
        {
            var from = Math.Max(0, position - buffer.Length);
            stream.Position = from;
            stream.ReadExactly(buffer, 0, (int)(position - from));
            var newline = Array.LastIndexOf(buffer, (byte)'\n', (int)(position - from) - 1);
            if (newline >= 0)
            {
                return from + newline + 1;
            }
        }

        throw new InvalidOperationException("A record is longer than a whole submission part.");
    }

    private static async Task PostAsync(HttpClient http, FilePart part)
    {
        await using var file = File.OpenRead(part.File);
        file.Position = part.Offset;
        var content = new StreamContent(new BoundedStream(file, part.Length), 256 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        content.Headers.ContentLength = part.Length;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Polls the submissions until all are done, printing progress; returns the records received and the profiles.</summary>
    private static async Task<(long Records, long Profiles)> WaitForAllAsync(string database, int submissions, Stopwatch stopwatch)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            await using var command = new NpgsqlCommand(
                """
                SELECT count(*) FILTER (WHERE status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED')),
                       count(*) FILTER (WHERE status = 'FAILED'),
                       coalesce(sum(received) FILTER (WHERE status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS')), 0)
                FROM submissions
                """,
                connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var done = reader.GetInt64(0);
            var failed = reader.GetInt64(1);
            var records = reader.GetInt64(2);
            await reader.DisposeAsync();
            if (failed > 0)
            {
                throw new InvalidOperationException($"{failed} national submissions failed.");
            }

            if (done == submissions)
            {
                await using var count = new NpgsqlCommand("SELECT count(*) FROM profiles WHERE merged_into IS NULL", connection);
                return (records, (long)(await count.ExecuteScalarAsync())!);
            }

            if (stopwatch.Elapsed - lastReport >= TimeSpan.FromMinutes(1))
            {
                lastReport = stopwatch.Elapsed;
                using var process = Process.GetCurrentProcess();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {stopwatch.Elapsed:hh\\:mm\\:ss} {done}/{submissions} submissions done, {records:N0} records; working set {process.WorkingSet64 / (1024 * 1024)} MB"));
            }

            await Task.Delay(TimeSpan.FromSeconds(2));
        }
    }

    /// <summary>The largest working set of this process seen at each tick, from construction on.</summary>
    private sealed class WorkingSetSampler : IDisposable
    {
        private readonly Timer _timer;
        private long _peak;

        public WorkingSetSampler(TimeSpan interval)
        {
            Sample();
            _timer = new Timer(_ => Sample(), null, interval, interval);
        }

        public double PeakMegabytes
        {
            get
            {
                Sample();
                return Interlocked.Read(ref _peak) / (1024.0 * 1024);
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Sample()
        {
            using var process = Process.GetCurrentProcess();
            var current = process.WorkingSet64;
            long seen;
            do
            {
                seen = Interlocked.Read(ref _peak);
            }
            while (current > seen && Interlocked.CompareExchange(ref _peak, current, seen) != seen);
        }
    }

    /// <summary>At most <c>length</c> bytes of the underlying stream, from its current position.</summary>
    private sealed class BoundedStream(Stream inner, long length) : Stream
    {
        private readonly long _length = length;
        private long _remaining = length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get => _length - _remaining; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
            _remaining -= read;
            return read;
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken);
            _remaining -= read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
