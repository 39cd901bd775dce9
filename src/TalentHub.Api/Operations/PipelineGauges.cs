using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;
using TalentHub.Api.Changes;
using TalentHub.Infrastructure.Jobs;
using TalentHub.Infrastructure.Telemetry;

namespace TalentHub.Api.Operations;

/// <summary>
/// Gauges of the whole installation's state, read from the database (so every process reports the same values: take
/// <c>max</c> across instances): the job queue's depth and the age of its oldest waiting job, how far behind
/// submissions and the change feed are. One read answers them all and is kept for <see cref="CacheFor"/>, so a scrape
/// costs at most one round trip every few seconds whatever the number of scrapers.
/// </summary>
public sealed class PipelineGauges
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly ILogger<PipelineGauges> _logger;
    private readonly string _readSql;
    private readonly string[] _queues;
    private readonly Lock _gate = new();
    private State _state = State.Empty;
    private long _readAt;

    private sealed record QueueState(string Queue, long Waiting, long Running, double OldestWaitingSeconds);

    private sealed record State(IReadOnlyList<QueueState> Queues, long UnfinishedSubmissions, DateTimeOffset? OldestUnfinished, long HeldBackEntries, DateTimeOffset? OldestHeldBack)
    {
        public static readonly State Empty = new([], 0, null, 0, null);
    }

    public PipelineGauges(IMeterFactory meters, NpgsqlDataSource dataSource, TimeProvider clock, HangfireSettings hangfire, ILogger<PipelineGauges> logger)
    {
        _dataSource = dataSource;
        _clock = clock;
        _logger = logger;
        _queues = hangfire.Queues;
        var schema = "\"" + hangfire.Schema.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        // Hangfire.PostgreSql keeps a queued job in jobqueue (fetchedat set while a worker runs it) until it finishes;
        // the job's current state row says when it was enqueued.
        _readSql =
            $"""
            SELECT q.name, count(jq.id) FILTER (WHERE jq.fetchedat IS NULL), count(jq.id) FILTER (WHERE jq.fetchedat IS NOT NULL),
                   coalesce(extract(epoch FROM now() - min(s.createdat) FILTER (WHERE jq.fetchedat IS NULL)), 0)::float8
            FROM unnest(@queues::text[]) AS q(name)
            LEFT JOIN {schema}.jobqueue jq ON jq.queue = q.name
            LEFT JOIN {schema}.job j ON j.id = jq.jobid
            LEFT JOIN {schema}.state s ON s.id = j.stateid
            GROUP BY q.name;
            SELECT count(*), min(received_at) FROM submissions WHERE status IN ('RECEIVED', 'PROCESSING');
            {ChangesApi.WatermarkCte}
            SELECT count(*), min(f.changed_at) FROM change_feed f, watermark WHERE f.xid >= watermark.below;
            """;

        var meter = meters.Create(TalentHubMetrics.MeterName);
        meter.CreateObservableGauge(
            "talenthub.jobs.queue.depth",
            () => Read().Queues.Select(q => new Measurement<long>(q.Waiting, Queue(q))),
            "{job}",
            "Jobs enqueued and waiting for a worker, per queue");
        meter.CreateObservableGauge(
            "talenthub.jobs.queue.oldest_age",
            () => Read().Queues.Select(q => new Measurement<double>(q.OldestWaitingSeconds, Queue(q))),
            "s",
            "Age of the oldest job waiting for a worker, per queue (0 when none waits)");
        meter.CreateObservableGauge(
            "talenthub.jobs.running",
            () => Read().Queues.Select(q => new Measurement<long>(q.Running, Queue(q))),
            "{job}",
            "Jobs a worker is running, per queue");
        meter.CreateObservableGauge(
            "talenthub.submissions.unfinished",
            () => Read().UnfinishedSubmissions,
            "{submission}",
            "Submissions received or processing");
        meter.CreateObservableGauge(
            "talenthub.reconciliation.lag",
            () => AgeSeconds(Read().OldestUnfinished),
            "s",
            "Age of the oldest submission not yet fully validated and reconciled (0 when none)");
        meter.CreateObservableGauge(
            "talenthub.change_feed.held_back",
            () => Read().HeldBackEntries,
            "{entry}",
            "Committed change-feed entries above the feed's watermark (waiting for an older transaction to end)");
        meter.CreateObservableGauge(
            "talenthub.change_feed.watermark_lag",
            () => AgeSeconds(Read().OldestHeldBack),
            "s",
            "Age of the oldest committed change-feed entry the feed cannot serve yet (0 when none)");
    }

    private static KeyValuePair<string, object?> Queue(QueueState queue) => new("queue", queue.Queue);

    private double AgeSeconds(DateTimeOffset? since) => since is { } at ? Math.Max(0, (_clock.GetUtcNow() - at).TotalSeconds) : 0;

    /// <summary>The cached state, read again when older than <see cref="CacheFor"/>; empty while the database does not answer.</summary>
    private State Read()
    {
        lock (_gate)
        {
            if (_readAt != 0 && Stopwatch.GetElapsedTime(_readAt) < CacheFor)
            {
                return _state;
            }

            try
            {
                _state = ReadFromDatabase();
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // A scrape must not fail because the database is down: the gauges go missing, /health/ready says why.
                _logger.LogWarning(exception, "Pipeline gauges could not be read");
                _state = State.Empty;
            }

            _readAt = Stopwatch.GetTimestamp();
            return _state;
        }
    }

    // Observable instruments are read synchronously by the metrics collector, so this reads synchronously too.
    private State ReadFromDatabase()
    {
        using var command = _dataSource.CreateCommand(_readSql);
        command.CommandTimeout = 5;
        command.Parameters.AddWithValue("queues", _queues);
        using var reader = command.ExecuteReader();
        var queues = new List<QueueState>();
        while (reader.Read())
        {
            queues.Add(new QueueState(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetDouble(3)));
        }

        reader.NextResult();
        reader.Read();
        var unfinished = reader.GetInt64(0);
        DateTimeOffset? oldestUnfinished = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        reader.NextResult();
        reader.Read();
        var heldBack = reader.GetInt64(0);
        DateTimeOffset? oldestHeldBack = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        return new State(queues, unfinished, oldestUnfinished, heldBack, oldestHeldBack);
    }
}
