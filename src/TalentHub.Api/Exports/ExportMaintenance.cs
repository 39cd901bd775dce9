using Hangfire;
using Npgsql;
using TalentHub.Infrastructure.Jobs;

namespace TalentHub.Api.Exports;

/// <summary>
/// Every few minutes: expired files deleted (ExportJob.ExpireAsync), and exports still QUEUED after two minutes (their
/// job could not be enqueued after the request committed) enqueued again; a second delivery of a live export is a no-op.
/// </summary>
public sealed class ExportMaintenance([FromKeyedServices(JobDatabase.Key)] NpgsqlDataSource dataSource, ExportJob exports, IBackgroundJobClient jobs)
{
    public const string JobId = "exports-maintenance";

    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await exports.ExpireAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("SELECT id FROM exports WHERE status = 'QUEUED' AND created_at < now() - interval '2 minutes' ORDER BY id LIMIT 100");
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
            jobs.Enqueue<ExportJob>(job => job.RunAsync(id, CancellationToken.None));
        }
    }
}

/// <summary>Registers the exports' recurring maintenance when a worker starts.</summary>
public sealed class ExportRecurringJobs(IRecurringJobManager recurringJobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<ExportMaintenance>(ExportMaintenance.JobId, m => m.RunAsync(CancellationToken.None), "*/5 * * * *");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
