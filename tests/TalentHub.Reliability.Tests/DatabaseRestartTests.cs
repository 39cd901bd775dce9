using System.Net;
using TalentHub.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace TalentHub.Reliability.Tests;

/// <summary>
/// Database faults (README.md, The reliability and security suite): PostgreSQL crashes (<c>pg_ctl stop -m
/// immediate</c>) while a submission is being validated and starts again seconds later. Meanwhile the API says it is
/// not ready and answers 503 problem details, never 500; afterwards the job resumes by itself and the index ends as the
/// uninterrupted run's.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class DatabaseRestartTests(ReliabilityEnvironment environment, ITestOutputHelper output)
{
    [Fact]
    public async Task A_database_crash_mid_submission_is_503_while_down_and_the_work_resumes_to_the_same_index()
    {
        var baseline = await environment.BaselineAsync();
        await using var installation = await Installation.CreateAsync(environment.Cluster, "database_crash");
        var workload = new Workload(installation, environment.Dataset, environment.Cluster) { DatabaseCrashDuring = WorkPhase.Submission };

        await workload.RunAsync();

        var outage = Assert.IsType<Outage>(workload.Outage);
        var resumed = Assert.Single(workload.Interruptions);
        output.WriteLine($"database down at {resumed.FrozenAt}: ready {outage.ReadyStatus}, status request {outage.RequestStatus} {outage.RequestContentType}; job moving again {resumed.ResumedAfterRestart.TotalSeconds:0.0} s after the database restarted");
        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, outage.ReadyStatus);
        Assert.Equal((int)HttpStatusCode.ServiceUnavailable, outage.RequestStatus);
        Assert.Equal("application/problem+json", outage.RequestContentType);
        Assert.NotNull(outage.RetryAfter);
        Assert.Empty(await IndexState.ViolationsAsync(installation.ConnectionString));
        Assert.Equal(baseline.State, await IndexState.ReadAsync(installation.ConnectionString));
    }
}
