using System.Diagnostics;
using TalentHub.DataGen;

namespace TalentHub.Benchmarks;

/// <summary>
/// What a run measures against: a PostgreSQL server (the one given, or a throwaway one started and removed by
/// deploy/local/pg.sh) and an agency's records (the file given, or the largest agency of a generated dataset).
/// </summary>
public sealed class BenchmarkInputs : IAsyncDisposable
{
    private readonly List<string> _temporary = [];
    private string? _serverData;

    public required string Server { get; init; }
    public required string File { get; init; }
    public string? Mappings { get; init; }
    public required string Agency { get; init; }

    /// <summary>The generated dataset (none when a file was given).</summary>
    public string? Dataset { get; init; }

    public static async Task<BenchmarkInputs> PrepareAsync(Func<string, string?> option)
    {
        var temporary = new List<string>();
        string? serverData = null;
        var server = option("pg") ?? Environment.GetEnvironmentVariable("TALENTHUB_BENCH_PG");
        if (server is null)
        {
            serverData = Path.Combine(Path.GetTempPath(), "talenthub-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
            server = await StartThrowawayServerAsync(serverData);
        }

        string? dataset = null;
        var file = option("file");
        var mappings = option("mappings");
        var agency = option("agency");
        // The analytics mode seeds its own synthetic index: it needs only the server.
        if (file is null && option("mode") != "analytics")
        {
            dataset = Path.Combine(Path.GetTempPath(), "talenthub-bench-data-" + Guid.NewGuid().ToString("N")[..8]);
            temporary.Add(dataset);
            var size = option("size") ?? "small";
            Console.WriteLine($"==> generating the {size} dataset");
            DatasetGenerator.Generate(GeneratorOptions.Parse(["--size", size, "--seed", "7", "--out", dataset]));
            file = Directory.GetFiles(Path.Combine(dataset, "agencies"), "records.ndjson", SearchOption.AllDirectories)
                .OrderByDescending(f => new FileInfo(f).Length).First();
            mappings = Path.Combine(Path.GetDirectoryName(file)!, "mappings.json");
            agency = Path.GetFileName(Path.GetDirectoryName(file))!;
        }

        var inputs = new BenchmarkInputs { Server = server, File = file ?? "", Mappings = mappings, Agency = agency ?? "PROV-35", Dataset = dataset };
        inputs._temporary.AddRange(temporary);
        inputs._serverData = serverData;
        return inputs;
    }

    public async ValueTask DisposeAsync()
    {
        if (_serverData is not null)
        {
            await PgScriptAsync($"PG_DATA='{_serverData}'; stop_pg");
            _temporary.Add(_serverData);
        }

        foreach (var path in _temporary.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
        }
    }

    /// <summary>A durable throwaway server, started by the same script the run and test commands use.</summary>
    private static async Task<string> StartThrowawayServerAsync(string data)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(data)!);
        var output = await PgScriptAsync($"ensure_packages >&2 && start_pg '{data}' 55434 durable >&2 && pg_connection_string postgres");
        return output.Trim().Split('\n')[^1];
    }

    private static async Task<string> PgScriptAsync(string commands)
    {
        var script = Path.Combine(RepositoryRoot(), "deploy", "local", "pg.sh");
        var start = new ProcessStartInfo("bash", ["-c", $"set -e; ROOT='{RepositoryRoot()}'; source '{script}'; {commands}"]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"deploy/local/pg.sh failed ({process.ExitCode}) running: {commands}");
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(directory.FullName, "TalentHub.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The benchmark runs from the repository (TalentHub.sln not found above " + AppContext.BaseDirectory + ").");
    }
}
