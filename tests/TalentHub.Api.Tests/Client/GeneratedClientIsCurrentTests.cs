using System.Diagnostics;

namespace TalentHub.Api.Tests.Client;

/// <summary>
/// The committed Kiota client (src/TalentHub.Client/Generated) must be what Kiota generates from the committed OpenAPI
/// document. Together with OpenApiDocumentTests (the committed document is the one the service serves) an API change
/// that is not carried into the client fails the build.
/// </summary>
public sealed class GeneratedClientIsCurrentTests
{
    [Fact]
    public async Task The_committed_client_is_the_one_kiota_generates_from_the_committed_document()
    {
        var root = RepositoryRoot();
        var committed = Path.Combine(root, "src", "TalentHub.Client", "Generated");
        var fresh = Path.Combine(Path.GetTempPath(), "talenthub-client-" + Guid.NewGuid().ToString("N"));
        try
        {
            var start = new ProcessStartInfo("bash", [Path.Combine(root, "deploy", "local", "generate-client.sh"), fresh])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = root,
            };
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await process.WaitForExitAsync(timeout.Token);
            Assert.True(process.ExitCode == 0, $"generate-client.sh failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");

            var expected = Files(fresh);
            var actual = Files(committed);
            var differences = expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
                .Where(file => !expected.TryGetValue(file, out var e) || !actual.TryGetValue(file, out var a) || e != a)
                .Select(file => (expected.ContainsKey(file), actual.ContainsKey(file)) switch
                {
                    (true, false) => "missing: " + file,
                    (false, true) => "not generated any more: " + file,
                    _ => "differs: " + file,
                })
                .ToList();
            Assert.True(
                differences.Count == 0,
                "src/TalentHub.Client/Generated is stale: run deploy/local/generate-client.sh and commit the result.\n" + string.Join('\n', differences.Take(50)));
        }
        finally
        {
            if (Directory.Exists(fresh))
            {
                Directory.Delete(fresh, recursive: true);
            }
        }
    }

    private static Dictionary<string, string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(file => Path.GetRelativePath(folder, file).Replace('\\', '/'), File.ReadAllText, StringComparer.Ordinal);

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "TalentHub.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("TalentHub.sln not found above the test output.");
    }
}
