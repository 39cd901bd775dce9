using System.Diagnostics;
using Hangfire.Client;
using Hangfire.Server;

namespace TalentHub.Infrastructure.Telemetry;

/// <summary>
/// Carries a trace through Hangfire: a job created under an activity (an HTTP request's, or a running job's) stores
/// that activity's W3C traceparent as a job parameter, and each run of the job is a span of that trace, the parent of
/// the job's own spans. A job created outside any activity (a recurring job's trigger) runs in a trace of its own.
/// </summary>
public sealed class JobTracePropagation : IClientFilter, IServerFilter
{
    public const string TraceParentParameter = "traceparent";

    private const string RunItem = "TalentHub.JobRun";

    public void OnCreating(CreatingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Activity.Current is { IdFormat: ActivityIdFormat.W3C } current)
        {
            context.SetJobParameter(TraceParentParameter, current.Id);
        }
    }

    public void OnCreated(CreatedContext context)
    {
    }

    public void OnPerforming(PerformingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A missing or unreadable traceparent leaves the default context: the run starts a trace.
        ActivityContext.TryParse(context.GetJobParameter<string>(TraceParentParameter), null, out var parent);
        var job = context.BackgroundJob.Job;
        if (JobTelemetry.StartRun($"{job.Type.Name}.{job.Method.Name}", parent, context.BackgroundJob.Id) is { } run)
        {
            context.Items[RunItem] = run;
        }
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Items.TryGetValue(RunItem, out var item) || item is not Activity run)
        {
            return;
        }

        if (context.Exception is { } exception && !context.ExceptionHandled)
        {
            run.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        }

        run.Dispose();
    }
}
