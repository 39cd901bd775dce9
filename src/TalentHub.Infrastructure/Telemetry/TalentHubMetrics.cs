using System.Diagnostics.Metrics;
using Npgsql;

namespace TalentHub.Infrastructure.Telemetry;

/// <summary>
/// The service's own meter. Counters and histograms live here, process-wide; the gauges that read the database are
/// created per host (Api <c>PipelineGauges</c>) on a meter of the same name. Exported by OpenTelemetry (Prometheus
/// scrape on the management port, OTLP) as e.g. <c>talenthub_records_received_total{agency="PROV-35"}</c>.
/// </summary>
public static class TalentHubMetrics
{
    public const string MeterName = "TalentHub";
    public const string AgencyTag = "agency";
    public const string OutcomeTag = "outcome";

    public static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> RecordsReceived = Meter.CreateCounter<long>(
        "talenthub.records.received", "{record}", "Records staged from agencies' submissions, per agency");

    /// <summary>Records of finished submissions by outcome (accepted, pending_mapping, rejected), per agency.</summary>
    public static readonly Counter<long> RecordsProcessed = Meter.CreateCounter<long>(
        "talenthub.records.processed", "{record}", "Records of finished submissions by outcome (accepted, pending_mapping, rejected), per agency");

    public static readonly Counter<long> SubmissionsFinished = Meter.CreateCounter<long>(
        "talenthub.submissions.finished", "{submission}", "Submissions finished, per agency and final status");

    public static readonly Histogram<double> ExportDuration = Meter.CreateHistogram(
        "talenthub.exports.duration",
        "s",
        "Time to write an export file, per format and outcome",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600] });

    /// <summary>
    /// Counts a submission's records by outcome once its job has committed its final status (called by the job after
    /// that commit; a submission not yet final counts nothing).
    /// </summary>
    public static async Task RecordSubmissionOutcomeAsync(NpgsqlDataSource dataSource, Guid submissionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT agency_code, status, accepted, pending_mapping, rejected FROM submissions WHERE id = @id AND status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED')");
        command.Parameters.AddWithValue("id", submissionId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return;
        }

        var agency = new KeyValuePair<string, object?>(AgencyTag, reader.GetString(0));
        SubmissionsFinished.Add(1, agency, new KeyValuePair<string, object?>("status", reader.GetString(1)));
        RecordsProcessed.Add(reader.GetInt32(2), agency, new KeyValuePair<string, object?>(OutcomeTag, "accepted"));
        RecordsProcessed.Add(reader.GetInt32(3), agency, new KeyValuePair<string, object?>(OutcomeTag, "pending_mapping"));
        RecordsProcessed.Add(reader.GetInt32(4), agency, new KeyValuePair<string, object?>(OutcomeTag, "rejected"));
    }
}
