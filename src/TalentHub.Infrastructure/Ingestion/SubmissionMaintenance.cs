using Hangfire;
using Microsoft.Extensions.Configuration;
using Npgsql;
using TalentHub.Infrastructure.Time;
using Microsoft.Extensions.DependencyInjection;
using TalentHub.Infrastructure.Jobs;

namespace TalentHub.Infrastructure.Ingestion;

/// <summary>Recurring upkeep of submissions: re-enqueue what a crash left unqueued, and purge expired raw records.</summary>
public sealed class SubmissionMaintenance([FromKeyedServices(JobDatabase.Key)] NpgsqlDataSource dataSource, IBackgroundJobClient jobs, TimeProvider clock, IConfiguration configuration)
{
    public const string SweepJobId = "submissions-sweep";
    public const string PurgeJobId = "submissions-purge-raw";

    /// <summary>
    /// A submission is staged and committed before its job is enqueued; a process that dies in between leaves it
    /// RECEIVED with no job. Re-enqueueing is harmless: processing is idempotent and locked per submission.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task EnqueueStrandedAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM submissions WHERE status = 'RECEIVED' AND received_at < @before LIMIT 1000");
        command.Parameters.AddWithValue("before", clock.DatabaseNow().AddMinutes(-2));
        var stranded = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                stranded.Add(reader.GetGuid(0));
            }
        }

        foreach (var id in stranded)
        {
            jobs.Enqueue<SubmissionProcessor>(processor => processor.ProcessAsync(id, CancellationToken.None));
        }
    }

    /// <summary>docs/domain/records.md#outcome: raw records of rejected and pending records are kept 90 days (configurable), then only their errors and counts remain.</summary>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task PurgeExpiredRawRecordsAsync(CancellationToken cancellationToken)
    {
        var retentionDays = configuration.GetValue("Submissions:RawRetentionDays", 90);
        await using var command = dataSource.CreateCommand(
            """
            UPDATE staged_records r SET raw = NULL, raw_purged_at = @now
            FROM submissions s, record_states j
            WHERE s.id = r.submission_id AND s.completed_at < @before
              AND j.submission_id = r.submission_id AND j.record_index = r.record_index
              AND j.state IN ('REJECTED', 'PENDING_MAPPING') AND r.raw IS NOT NULL
            """);
        command.Parameters.AddWithValue("now", clock.DatabaseNow());
        command.Parameters.AddWithValue("before", clock.DatabaseNow().AddDays(-retentionDays));
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
