using Hangfire;
using Microsoft.Extensions.Hosting;
using TalentHub.Infrastructure.Ingestion;

namespace TalentHub.Infrastructure.Jobs;

/// <summary>Registers the recurring jobs when a worker starts (AddOrUpdate is idempotent across workers).</summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager recurringJobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<SubmissionMaintenance>(SubmissionMaintenance.SweepJobId, m => m.EnqueueStrandedAsync(CancellationToken.None), Cron.Minutely());
        recurringJobs.AddOrUpdate<SubmissionMaintenance>(SubmissionMaintenance.PurgeJobId, m => m.PurgeExpiredRawRecordsAsync(CancellationToken.None), Cron.Daily(19));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
