using TalentHub.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace TalentHub.Reliability.Tests;

/// <summary>
/// Crash safety (README.md, The reliability and security suite): the worker process is killed with SIGKILL in the
/// middle of a submission (its chunks validated and reconciled), a re-normalization, an index rebuild and an export, and restarted each time. The
/// index ends exactly as the uninterrupted run's, every record accounted for, no version or feed entry twice, nothing
/// left unfinished; each interrupted job moves again within 30 s of its worker's restart.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class CrashRecoveryTests(ReliabilityEnvironment environment, ITestOutputHelper output)
{
    public static readonly TimeSpan ResumptionGoal = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_worker_killed_in_every_phase_resumes_within_30_s_and_ends_with_the_uninterrupted_runs_index()
    {
        var baseline = await environment.BaselineAsync();
        await using var installation = await Installation.CreateAsync(environment.Cluster, "killed_worker");
        var workload = new Workload(installation, environment.Dataset) { KillDuring = Enum.GetValues<WorkPhase>().ToHashSet() };

        await workload.RunAsync();

        foreach (var interruption in workload.Interruptions)
        {
            output.WriteLine($"killed in {interruption.Phase} at {interruption.FrozenAt}: moving again {interruption.ResumedAfterRestart.TotalSeconds:0.0} s after the restart");
        }

        Assert.Equal(Enum.GetValues<WorkPhase>(), workload.Interruptions.Select(i => i.Phase));
        Assert.Empty(await IndexState.ViolationsAsync(installation.ConnectionString));
        Assert.Equal(baseline.State, await IndexState.ReadAsync(installation.ConnectionString));
        Assert.Equal(workload.ExportDigests[1], workload.ExportDigests[0]);
        Assert.Equal(baseline.ExportDigests[0], baseline.ExportDigests[1]);
        Assert.All(workload.Interruptions, i => Assert.True(i.ResumedAfterRestart < ResumptionGoal, $"{i.Phase}: {i.ResumedAfterRestart.TotalSeconds:0.0} s"));
    }
}
