using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TalentHub.Reliability.Tests.Harness;

/// <summary>
/// One TalentHub host as an operating-system process (<c>dotnet TalentHub.Api.dll --role api|worker|all</c>), from the
/// service's own Release or Debug build output. <see cref="Kill"/> is SIGKILL: no shutdown hook runs.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private const int KeptOutputLines = 200;

    private bool _disposed;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServiceProcess(Process process, string role, Uri address)
    {
        _process = process;
        Role = role;
        Address = address;
    }

    public string Role { get; }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for a failure's message.</summary>
    public string RecentOutput => string.Join('\n', _output);

    public static string ApiAssembly
    {
        get
        {
            // tests/TalentHub.Reliability.Tests/bin/<Configuration>/net10.0 -> src/TalentHub.Api/bin/<Configuration>/net10.0
            var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = testOutput.Name;
            var configuration = testOutput.Parent!.Name;
            var root = testOutput.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var assembly = Path.Combine(root, "src", "TalentHub.Api", "bin", configuration, framework, "TalentHub.Api.dll");
            return File.Exists(assembly) ? assembly : throw new FileNotFoundException("Build the solution first: the service's build output is missing.", assembly);
        }
    }

    /// <summary>Runs a command-line verb (migrate, create-admin-client) to completion and returns what it printed.</summary>
    public static async Task<string> RunVerbAsync(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = StartInfo(environment, arguments);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"TalentHub.Api {string.Join(' ', arguments)} exited with {process.ExitCode}: {await output}{await error}");
    }

    /// <summary>Starts a host and waits until it answers <c>/health/live</c>.</summary>
    public static async Task<ServiceProcess> StartAsync(string role, IReadOnlyDictionary<string, string> environment)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var process = Process.Start(StartInfo(environment, ["--urls", address.ToString().TrimEnd('/'), "--role", role]))!;
        var service = new ServiceProcess(process, role, address);
        process.OutputDataReceived += (_, e) => service.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => service.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The {role} process exited with {process.ExitCode}:\n{service.RecentOutput}");
            }

            try
            {
                using var live = await http.GetAsync("/health/live");
                if (live.StatusCode == HttpStatusCode.OK)
                {
                    return service;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        service.Kill();
        throw new TimeoutException($"The {role} process did not answer /health/live within 60 s:\n{service.RecentOutput}");
    }

    /// <summary>SIGKILL to the process: it dies mid-statement, holding whatever it held.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public ValueTask DisposeAsync()
    {
        // A worker replaced by a restart that failed is disposed again with the installation: that must not hide why.
        if (!_disposed)
        {
            _disposed = true;
            Kill();
            _process.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > KeptOutputLines)
        {
            _output.TryDequeue(out _);
        }
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, IReadOnlyList<string> arguments)
    {
        var assembly = ApiAssembly;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
        };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>A loopback port no one listens on now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
