using System.Diagnostics;

namespace TalentHub.Infrastructure.Telemetry;

/// <summary>
/// The background jobs' spans: one per Hangfire run of any job (in the trace of the request or job that enqueued it),
/// one per run of a job's work (submission processing, re-normalization, export, index rebuild) and one per
/// reconciliation chunk. Logs written inside a span carry its trace and span ids.
/// </summary>
public static class JobTelemetry
{
    public const string SourceName = "TalentHub.Jobs";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a span tagged with what it works on, a child of the current one; null when nothing listens (no cost then).</summary>
    public static Activity? Start(string name, string tag, object? value) =>
        Source.StartActivity(name, ActivityKind.Internal, default(ActivityContext), [new(tag, value)]);

    /// <summary>
    /// Starts the span of a Hangfire job's run: a child of <paramref name="enqueuer"/> (the activity that created the
    /// job, <see cref="JobTracePropagation"/>), or the root of a new trace when that is the default context.
    /// </summary>
    public static Activity? StartRun(string job, ActivityContext enqueuer, string jobId) =>
        Source.StartActivity("job " + job, ActivityKind.Consumer, enqueuer, [new("talenthub.job.id", jobId)]);
}
