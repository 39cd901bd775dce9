using System.Diagnostics.Metrics;
using TalentHub.Infrastructure.Telemetry;

namespace TalentHub.Infrastructure.Ingestion;

/// <summary>
/// Where submission processing spends its time, as .NET metrics (dotnet-counters, OpenTelemetry, or the benchmark
/// program's listener): the time spent normalizing (normalizer and the COPY of its values) within processing. On the
/// service's one meter, <see cref="TalentHubMetrics"/>.
/// </summary>
public static class IngestionMetrics
{
    public const string MeterName = TalentHubMetrics.MeterName;

    private static readonly Meter Meter = TalentHubMetrics.Meter;

    public static readonly Counter<double> ProcessingSeconds = Meter.CreateCounter<double>("talenthub.submissions.processing.duration", "s", "Time spent processing submission chunks");

    public static readonly Counter<double> NormalizationSeconds = Meter.CreateCounter<double>("talenthub.submissions.normalization.duration", "s", "Of which normalizing results and storing them");

    public static readonly Counter<long> RecordsProcessed = Meter.CreateCounter<long>("talenthub.submissions.records", "{record}", "Records validated and normalized");
}
