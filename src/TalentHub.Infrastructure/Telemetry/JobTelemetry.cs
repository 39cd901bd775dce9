using System.Diagnostics;

namespace TalentHub.Infrastructure.Telemetry;

/// <summary>
/// The background jobs' spans: one per run of a job (submission processing, re-normalization, export, index rebuild)
/// and one per reconciliation chunk. Logs written inside a span carry its trace and span ids.
/// </summary>
public static class JobTelemetry
{
    public const string SourceName = "TalentHub.Jobs";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a span tagged with what it works on; null when nothing listens (no cost then).</summary>
    public static Activity? Start(string name, string tag, object? value)
    {
        var activity = Source.StartActivity(name, ActivityKind.Internal);
        activity?.SetTag(tag, value);
        return activity;
    }
}
