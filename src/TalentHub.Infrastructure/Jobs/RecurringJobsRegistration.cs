using Hangfire;
using Microsoft.Extensions.Hosting;
using TalentHub.Infrastructure.Analytics;
using TalentHub.Infrastructure.Ingestion;
using TalentHub.Infrastructure.Reconciliation;

namespace TalentHub.Infrastructure.Jobs;

/// <summary>Registers the recurring jobs when a worker starts (AddOrUpdate is idempotent across workers).</summary>
public sealed class RecurringJobsRegistration(IRecurringJobManager recurringJobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<SubmissionMaintenance>(SubmissionMaintenance.SweepJobId, m => m.EnqueueStrandedAsync(CancellationToken.None), Cron.Minutely());
        recurringJobs.AddOrUpdate<SubmissionMaintenance>(SubmissionMaintenance.PurgeJobId, m => m.PurgeExpiredRawRecordsAsync(CancellationToken.None), Cron.Daily(19));
        // 02:00 in Jakarta (19:00 UTC): the evaluation date has turned, so staleness and the performance window move.
        recurringJobs.AddOrUpdate<IndexRebuilder>(IndexRebuilder.NightlyJobId, r => r.RefreshNightlyAsync(CancellationToken.None), "0 19 * * *");
        // Keeps the counting tables at about one row per cell, so the 9-box and the competency map stay fast at national size.
        recurringJobs.AddOrUpdate<CounterFold>(CounterFold.JobId, f => f.FoldAsync(CancellationToken.None), Cron.Minutely());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
