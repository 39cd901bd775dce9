using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Ingestion;

namespace TalentHub.Benchmarks;

/// <summary>
/// Measures the performance rows of README.md (Benchmark) side by side in one run, against a fresh database on the given
/// server and the real API host (in process, over real HTTP). Never run in CI; no test asserts a timing.
/// Usage: [--size small|national|…] [--mode agency|national] (national, the default for the national size: the whole
/// dataset end to end, see <see cref="NationalRun"/>; agency: the rows below, on the dataset's largest agency; analytics
/// [--profiles 5600000]: the 9-box and competency map on a synthetic national index, see <see cref="AnalyticsRun"/>) [--out result.json] [--index-sizes 100000,1000000 | none], against a throwaway server and
/// a generated dataset; or [--pg "&lt;server connection string&gt;"] [--file &lt;agency records .ndjson&gt; --mappings &lt;its
/// mappings.json&gt; --agency &lt;code&gt;] to measure on a given server or file.
/// </summary>
public static class BenchmarkRun
{
    private const int NaiveRecords = 3000;
    private const int ReadConcurrency = 16;
    private static readonly TimeSpan ReadDuration = TimeSpan.FromSeconds(10);

    public sealed record Figure(string Name, double Value, string Unit, string Anchor, double AnchorValue, double Ratio, string Target, bool Pass);

    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options.Parse(args);
        await using var inputs = await BenchmarkInputs.PrepareAsync(options.Value);
        var mode = options.Value("mode") ?? (options.Value("size") == "national" ? "national" : "agency");
        if (mode == "analytics")
        {
            var profiles = int.Parse(options.Value("profiles") ?? "5600000", CultureInfo.InvariantCulture);
            await ReportAsync(await AnalyticsRun.MeasureAsync(inputs.Server, profiles), options.Value("out"), profiles, "synthetic index");
            return 0;
        }

        if (mode == "national" && inputs.Dataset is { } dataset)
        {
            var national = await NationalRun.MeasureAsync(inputs.Server, dataset);
            await ReportAsync(NationalRun.Figures(national), options.Value("out"), national.Records, dataset);
            return 0;
        }

        // The anchor's jsonb column refuses the dataset's planted malformed lines: both sides get only parseable records.
        var file = await ParseableLinesAsync(inputs.File);
        var server = inputs.Server;
        var records = File.ReadLines(file).Count(line => !string.IsNullOrWhiteSpace(line));
        var database = await CreateDatabaseAsync(server);
        await DatabaseMigrator.MigrateAsync(database, "hangfire", TimeProvider.System, CancellationToken.None);
        Console.WriteLine($"{records:N0} records from {file}; database {new NpgsqlConnectionStringBuilder(database).Database}");

        var agency = inputs.Agency;
        await RegisterAgencyAsync(database, agency);
        var anchorSeconds = (await CopyAnchorAsync(database, [new AnchorFile(file, [])])).Seconds;
        await using var host = await BenchmarkHost.StartAsync(database, agency, ComparisonRun.MapBareProfileRead);
        var ingest = await IngestThroughApiAsync(host, file, agency, inputs.Mappings);
        var naiveRecords = Math.Min(records, NaiveRecords);
        var naiveRate = await ComparisonRun.EfRowByRowRecordsPerSecondAsync(host.Services, file, agency, naiveRecords);
        var nips = await ComparisonRun.EmployedNipsAsync(database, agency);
        var (bareRate, profileRate) = await ComparisonRun.AlternatingRequestsPerSecondAsync(
            host.Agency, ComparisonRun.BareProfilePath, "/api/v1/profiles/", nips, ReadConcurrency, ReadDuration);

        var anchorRate = records / anchorSeconds;
        // Normalization runs inside processing; its share is measured by the service's own metrics in the same run.
        var withoutNormalization = ingest.Validated - ingest.NormalizationSeconds;
        var added = ingest.NormalizationSeconds / withoutNormalization;
        var figures = new List<Figure>
        {
            Rate("ingest: POST until staged (202)", records / ingest.Staged, anchorRate, 0.5),
            Rate("end to end: POST until every profile is reconciled", records / ingest.Validated, anchorRate, 0.3),
            new("normalization: time added to processing", added * 100, "%", "POST..done minus normalizing (s)", withoutNormalization, added, "<= 30 %", added <= 0.30),
            new($"vs the naive way: staging ({naiveRecords:N0} records)", records / ingest.Staged, "records/s", "EF Core SaveChanges per record (rec/s)", naiveRate,
                records / ingest.Staged / naiveRate, ">= 20x", records / ingest.Staged / naiveRate >= 20),
            new($"profile read ({ReadConcurrency} concurrent, {ReadDuration.TotalSeconds:N0} s)", profileRate, "requests/s", "bare SELECT-by-PK endpoint (req/s)", bareRate,
                profileRate / bareRate, ">= 70 % of bare", profileRate / bareRate >= 0.7),
        };

        if (options.Value("index-sizes") is not "none")
        {
            var sizes = (options.Value("index-sizes") ?? "100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
            var results = new List<ScaleRun.SizeResult>();
            foreach (var size in sizes)
            {
                results.Add(await ScaleRun.MeasureAsync(server, file, agency, inputs.Mappings, size));
            }

            var smallest = results[0];
            var largest = results[^1];
            var growth = largest.UpdateSeconds / smallest.UpdateSeconds;
            figures.Add(new($"incremental: 1,000-record update at {largest.Profiles:N0} profiles", largest.UpdateSeconds, "s",
                $"the same at {smallest.Profiles:N0} profiles (s)", smallest.UpdateSeconds, growth, "ratio <= 1.5", growth <= 1.5));
            figures.Add(new($"analytics: national 9-box at {largest.Profiles:N0} (median ms)", largest.NineBoxMedianMs, "ms",
                "max of the run (ms)", largest.NineBoxMaxMs, largest.NineBoxMedianMs / 200, "<= 200 ms", largest.NineBoxMaxMs <= 200));
            figures.Add(new($"analytics: competency map at {largest.Profiles:N0} (median ms)", largest.MapMedianMs, "ms",
                "max of the run (ms)", largest.MapMaxMs, largest.MapMedianMs / 1000, "<= 1 s", largest.MapMaxMs <= 1000));
            figures.Add(new($"change feed: read from the start at {largest.Profiles:N0}", largest.FeedEntriesPerSecond, "entries/s",
                "peak working set meanwhile (MB)", largest.FeedPeakWorkingSetMb, largest.FeedEntriesPerSecond / 20_000, ">= 20,000/s, <= 500 MB",
                largest.FeedEntriesPerSecond >= 20_000 && largest.FeedPeakWorkingSetMb <= 500));
            figures.Add(new($"export: the whole index at {largest.Profiles:N0} to gzip NDJSON", largest.ExportProfilesPerSecond, "profiles/s",
                $"peak working set (MB; {largest.ExportStartWorkingSetMb:N0} at its start)", largest.ExportPeakWorkingSetMb, largest.ExportProfilesPerSecond / 20_000,
                ">= 20,000/s, <= 500 MB", largest.ExportProfilesPerSecond >= 20_000 && largest.ExportPeakWorkingSetMb <= 500));
        }

        await ReportAsync(figures, options.Value("out"), records, file);
        File.Delete(file);
        return 0;
    }

    private static async Task ReportAsync(IReadOnlyList<Figure> figures, string? output, long records, string source)
    {
        Print(figures);
        if (output is not null)
        {
            var result = new
            {
                machine = $"{Environment.MachineName}, {Environment.ProcessorCount} cores, {Environment.OSVersion}",
                measuredAt = DateTimeOffset.UtcNow,
                records,
                source,
                figures,
            };
            await File.WriteAllTextAsync(output, JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        }
    }

    internal static async Task RegisterAgencyAsync(string database, string agency)
    {
        var kind = agency.Split('-')[0] switch { "PROV" => "PROVINCE", "KAB" => "REGENCY", "KOTA" => "CITY", _ => "CENTRAL" };
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "INSERT INTO agencies (code, name, kind, province_code, created_at, updated_at) VALUES (@code, @code, @kind, NULL, now(), now()) ON CONFLICT DO NOTHING",
            connection);
        command.Parameters.AddWithValue("code", agency);
        command.Parameters.AddWithValue("kind", kind);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> ParseableLinesAsync(string source)
    {
        var target = Path.Combine(Path.GetTempPath(), $"talenthub-bench-{Guid.NewGuid():N}.ndjson");
        await using var writer = new StreamWriter(target);
        foreach (var line in File.ReadLines(source))
        {
            try
            {
                using var document = JsonDocument.Parse(line);
                await writer.WriteLineAsync(line);
            }
            catch (JsonException)
            {
                // A planted malformed record: not part of the comparison.
            }
        }

        return target;
    }

    internal static Figure Rate(string name, double rate, double anchorRate, double target)
    {
        var ratio = rate / anchorRate;
        return new Figure(name, rate, "records/s", "psql \\copy into an unlogged jsonb table", anchorRate, ratio, $">= {target:P0} of anchor", ratio >= target);
    }

    internal static async Task<string> CreateDatabaseAsync(string server)
    {
        var name = "talenthub_bench_" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("N")[..6];
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 100 }.ConnectionString;
    }

    /// <summary>A file for the anchor, and its 1-based lines that the anchor leaves out (malformed lines jsonb refuses).</summary>
    internal sealed record AnchorFile(string Path, IReadOnlyList<long> SkippedLines);

    /// <summary>
    /// The physical anchor: psql's \copy of the files' lines into an unlogged table of one jsonb column (each record parsed
    /// once), all by one psql process; lines to leave out are dropped by sed on their way. The table is dropped afterwards
    /// (at national size it would hold the whole dataset again). Returns the time taken and the rows copied.
    /// </summary>
    internal static async Task<(double Seconds, long Rows)> CopyAnchorAsync(string database, IReadOnlyList<AnchorFile> files)
    {
        var builder = new NpgsqlConnectionStringBuilder(database);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using (var create = new NpgsqlCommand("CREATE UNLOGGED TABLE copy_anchor (doc jsonb NOT NULL)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        // CSV format with quote and delimiter bytes that never occur in JSON text, so each line arrives verbatim.
        var script = Path.Combine(Path.GetTempPath(), $"talenthub-anchor-{Guid.NewGuid():N}.psql");
        await File.WriteAllLinesAsync(script, files.Select(f =>
        {
            var source = f.SkippedLines.Count == 0
                ? $"'{f.Path}'"
                : $"PROGRAM 'sed {string.Join(' ', f.SkippedLines.Select(line => string.Create(CultureInfo.InvariantCulture, $"-e {line}d")))} {f.Path}'";
            return $"\\copy copy_anchor (doc) FROM {source} WITH (FORMAT csv, QUOTE E'\\x01', DELIMITER E'\\x02')";
        }));
        var psql = new ProcessStartInfo("psql", ["-h", builder.Host!, "-p", builder.Port.ToString(CultureInfo.InvariantCulture), "-U", builder.Username!, "-d", builder.Database!, "-v", "ON_ERROR_STOP=1", "-q", "-f", script])
        {
            RedirectStandardError = true,
        };
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(psql)!;
        await process.WaitForExitAsync();
        stopwatch.Stop();
        File.Delete(script);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException("psql \\copy failed: " + await process.StandardError.ReadToEndAsync());
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM copy_anchor", connection);
        var rows = (long)(await count.ExecuteScalarAsync())!;
        await using var drop = new NpgsqlCommand("DROP TABLE copy_anchor", connection);
        await drop.ExecuteNonQueryAsync();
        return (stopwatch.Elapsed.TotalSeconds, rows);
    }

    private sealed record IngestTimes(double Staged, double Validated, double NormalizationSeconds);

    /// <summary>
    /// Registers the agency's mappings, then posts the file through the real host and follows it until every record is
    /// validated and normalized; the service's metrics tell how much of that was normalization.
    /// </summary>
    private static async Task<IngestTimes> IngestThroughApiAsync(BenchmarkHost host, string file, string agency, string? mappingsFile)
    {
        if (mappingsFile is not null)
        {
            await RegisterMappingsAsync(host.Agency, agency, mappingsFile);
        }

        var normalizationSeconds = 0.0;
        var gate = new Lock();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == IngestionMetrics.MeterName && instrument.Name == "talenthub.submissions.normalization.duration")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, value, _, _) =>
        {
            lock (gate)
            {
                normalizationSeconds += value;
            }
        });
        listener.Start();
        var (staged, validated) = await SubmitAsync(host.Agency, file);
        return new IngestTimes(staged, validated, normalizationSeconds);
    }

    internal static async Task RegisterMappingsAsync(HttpClient http, string agency, string mappingsFile)
    {
        using var mappings = JsonDocument.Parse(await File.ReadAllTextAsync(mappingsFile));
        foreach (var scale in mappings.RootElement.GetProperty("scales").EnumerateArray())
        {
            using var put = await http.PutAsJsonAsync($"/api/v1/agencies/{agency}/scales/{scale.GetProperty("scaleCode").GetString()}", scale.GetProperty("body"));
            put.EnsureSuccessStatusCode();
        }

        using var dictionary = await http.PutAsJsonAsync($"/api/v1/agencies/{agency}/dictionary", mappings.RootElement.GetProperty("dictionary"));
        dictionary.EnsureSuccessStatusCode();
    }

    internal static async Task<(double Staged, double Validated)> SubmitAsync(HttpClient http, string file)
    {
        await using var body = File.OpenRead(file);
        var content = new StreamContent(body, 256 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = content };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        var stopwatch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request);
        var staged = stopwatch.Elapsed.TotalSeconds;
        response.EnsureSuccessStatusCode();
        var location = response.Headers.Location!;
        while (true)
        {
            var status = await http.GetFromJsonAsync<JsonElement>(location);
            if (status.GetProperty("status").GetString() is "COMPLETED" or "COMPLETED_WITH_ERRORS" or "FAILED")
            {
                Console.WriteLine($"submission: {status}");
                break;
            }

            await Task.Delay(50);
        }

        return (staged, stopwatch.Elapsed.TotalSeconds);
    }

    private static void Print(IReadOnlyList<Figure> figures)
    {
        Console.WriteLine();
        Console.WriteLine($"{"figure",-48} {"value",14} {"anchor",14} {"ratio",7} {"target",-20} pass");
        foreach (var f in figures)
        {
            Console.WriteLine($"{f.Name,-48} {Number(f.Value),14} {Number(f.AnchorValue),14} {f.Ratio,7:P0} {f.Target,-20} {(f.Pass ? "yes" : "NO")}");
        }
    }

    private static string Number(double value) => value.ToString(Math.Abs(value) < 100 ? "N1" : "N0", CultureInfo.InvariantCulture);

    private sealed class Options(Dictionary<string, string> values)
    {
        public static Options Parse(string[] args)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < args.Length; i += 2)
            {
                values[args[i].TrimStart('-')] = args[i + 1];
            }

            return new Options(values);
        }

        public string? Value(string name) => values.GetValueOrDefault(name);
    }
}
