using System.Diagnostics;
using Npgsql;

namespace TalentHub.Reliability.Tests.Harness;

/// <summary>
/// A PostgreSQL 15 server of the suite's own, from the binaries deploy/local/test.sh installs (<c>PG_BIN</c>, default
/// /usr/lib/postgresql/15/bin), run as the <c>postgres</c> user when the suite runs as root (initdb refuses root).
/// The suite needs a server it may restart with <c>pg_ctl restart -m immediate</c> without disturbing the other test
/// projects, which share the run's server.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _parent;
    private readonly string _data;

    private PostgresCluster(string bin, string parent, int port)
    {
        _bin = bin;
        _parent = parent;
        _data = Path.Combine(parent, "data");
        Port = port;
    }

    public int Port { get; }

    public static async Task<PostgresCluster> StartAsync()
    {
        var bin = Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } fromEnvironment ? fromEnvironment : "/usr/lib/postgresql/15/bin";
        if (!File.Exists(Path.Combine(bin, "initdb")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 server binaries are not in {bin}: run the suite through deploy/local/test.sh, which installs them, or set PG_BIN.");
        }

        var parent = Directory.CreateTempSubdirectory("talenthub-reliability-pg-").FullName;
        // The postgres user must reach the data directory inside it.
        await RunAsync("chmod", ["755", parent]);
        var cluster = new PostgresCluster(bin, parent, ServiceProcess.FreePort());
        Directory.CreateDirectory(cluster._data);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", cluster._data]);
        }

        await cluster.RunPgAsync("initdb", ["-D", cluster._data, "-U", "talenthub", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
        await cluster.RunPgAsync("pg_ctl", ["-D", cluster._data, "-o", cluster.Options, "-l", Path.Combine(cluster._data, "server.log"), "-w", "-t", "60", "start"]);
        return cluster;
    }

    /// <summary>Settings as deploy/local/pg.sh gives a throwaway server.</summary>
    private string Options =>
        $"-c listen_addresses=127.0.0.1 -c port={Port} -c unix_socket_directories={_data} -c max_connections=300 -c shared_buffers=128MB " +
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off";

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "talenthub", Database = database, MaxPoolSize = 50 }.ConnectionString;

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>Stops the server as a crash would (no checkpoint, every connection cut), then starts it again after <paramref name="down"/>.</summary>
    public async Task CrashAndRestartAsync(TimeSpan down, Func<Task> whileDown)
    {
        await RunPgAsync("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);
        await whileDown();
        await Task.Delay(down);
        await RunPgAsync("pg_ctl", ["-D", _data, "-o", Options, "-l", Path.Combine(_data, "server.log"), "-w", "-t", "60", "start"]);
        // This process's own pooled connections died with the server.
        NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPgAsync("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_parent, recursive: true);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task RunPgAsync(string program, IReadOnlyList<string> arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
            : RunAsync(Path.Combine(_bin, program), arguments);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
