using System.Diagnostics;
using System.Text.Json;

namespace TalentHub.Api.Tests.Operations;

/// <summary>
/// The committed contract passes Redocly's recommended rules (tools/redocly/redocly.yaml) without an error or a
/// warning: what a new integrator's first lint shows. deploy/local/test.sh installs the pinned CLI into
/// tools/redocly/node_modules; by hand, <c>npm ci --prefix tools/redocly</c>.
/// </summary>
public sealed class OpenApiLintTests
{
    [Fact]
    public async Task The_committed_openapi_document_has_no_redocly_lint_problems()
    {
        var root = RepositoryRoot();
        var cli = Path.Combine(root, "tools", "redocly", "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"{cli} is missing: run deploy/local/test.sh, or npm ci --prefix tools/redocly.");

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true" },
        };
        foreach (var argument in new[] { cli, "lint", "openapi/talenthub.v1.json", "--config", "tools/redocly/redocly.yaml", "--format=json" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);

        var stdout = await output;
        Assert.True(stdout.TrimStart().StartsWith('{'), $"redocly lint printed no JSON report (exit {process.ExitCode}): {stdout}\n{await error}");
        using var report = JsonDocument.Parse(stdout);
        var problems = report.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => $"{p.GetProperty("severity").GetString()} {p.GetProperty("ruleId").GetString()} at {p.GetProperty("location")[0].GetProperty("pointer").GetString()}: {p.GetProperty("message").GetString()}")
            .ToList();
        Assert.True(problems.Count == 0, $"redocly lint found {problems.Count} problems in openapi/talenthub.v1.json:\n{string.Join("\n", problems)}");
        Assert.Equal(0, process.ExitCode);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TalentHub.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TalentHub.sln not found above the test output.");
    }
}
