using System.Diagnostics;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Records;
using TalentHub.Domain.Reconciliation;
using TalentHub.Infrastructure.Jobs;
using TalentHub.Infrastructure.Normalization;
using TalentHub.Infrastructure.Reconciliation;
using TalentHub.Infrastructure.Resilience;

namespace TalentHub.Infrastructure.Ingestion;

/// <summary>
/// The Hangfire job that processes a staged submission, one chunk of records at a time (docs/domain/README.md, the
/// pipeline): each chunk is validated and normalized on every core, then its states, errors and national values, the
/// profiles of its people and its progress are committed in one transaction. A crash or a re-delivery resumes with the
/// records no committed chunk has judged, never duplicating an error or a version. Chunks are written side by side
/// while the next is judged.
/// A <see cref="JobLock"/> keeps two workers off one submission.
/// </summary>
public sealed class SubmissionProcessor(
    SubmissionStore store,
    MappingStore mappingStore,
    Reconciler reconciler,
    IBackgroundJobClient jobs,
    IOptions<PipelineSettings> pipeline,
    ILogger<SubmissionProcessor> logger)
{
    /// <summary>How soon a delivery that found the submission locked by another run looks again.</summary>
    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Chunks written at once: one core's worth of the service's work each, overlapping the database's.</summary>
    private static readonly int ChunksSideBySide = Math.Clamp(Environment.ProcessorCount, 2, 4);

    /// <summary>How often a chunk is written again after the database chose it as a deadlock's victim (two chunks merging across each other).</summary>
    private const int DeadlockAttempts = 3;

    private readonly int _chunkSize = pipeline.Value.ValidationChunkSize;

    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [1, 2, 5, 10, 30, 60, 120, 300, 600, 900])]
    [Queue("default")]
    public async Task ProcessAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.JobTelemetry.Start("submission.process", "talenthub.submission.id", submissionId);
        await using var claim = await JobLock.TryAcquireAsync(store.DataSource, "process:" + submissionId, cancellationToken);
        if (claim is null)
        {
            // Another run holds it; should that run die, this later delivery is what picks the work up again.
            logger.LogInformation("Submission {SubmissionId} is being processed by another worker", submissionId);
            jobs.Schedule<SubmissionProcessor>(processor => processor.ProcessAsync(submissionId, CancellationToken.None), BusyRetryDelay);
            return;
        }

        try
        {
            if (await store.StartAsync(submissionId, cancellationToken) is not { } submission)
            {
                return;
            }

            await ProcessRecordsAsync(submission, cancellationToken);
            await store.CompleteAsync(submission.Id, cancellationToken);
            await Telemetry.TalentHubMetrics.RecordSubmissionOutcomeAsync(store.DataSource, submission.Id, cancellationToken);
        }
        catch (Exception exception) when (!DatabaseResilience.IsTransient(exception) && exception is not OperationCanceledException)
        {
            // A deterministic failure would fail again on every retry: record it for the agency and stop.
            logger.LogError(exception, "Submission {SubmissionId} failed", submissionId);
            await store.MarkFailedAsync(submissionId, cancellationToken);
            await Telemetry.TalentHubMetrics.RecordSubmissionOutcomeAsync(store.DataSource, submissionId, cancellationToken);
        }
    }

    /// <summary>A chunk of records, judged: its verdicts, and how long normalizing them took.</summary>
    private sealed record JudgedChunk(Verdict[] Verdicts, NormalizationClock Normalizing, long StartedAt)
    {
        public int First => Verdicts[0].RecordIndex;

        public int Last => Verdicts[^1].RecordIndex;
    }

    /// <summary>
    /// Every chunk not yet committed, judged in order and committed side by side (a submission's chunks name disjoint
    /// people, so their transactions touch different profiles); the next chunk is judged while others are written.
    /// </summary>
    private async Task ProcessRecordsAsync(SubmissionUnderWay submission, CancellationToken cancellationToken)
    {
        var context = new ValidationContext(submission.EvaluatedOn, await store.LoadReferenceAsync(cancellationToken));
        var mappings = await mappingStore.LoadAsync(submission.AgencyCode, cancellationToken);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(ChunksSideBySide);
        var writing = new List<Task>();
        try
        {
            var after = -1;
            while (await JudgeNextAsync(submission, context, mappings, after, failed.Token) is { } chunk)
            {
                after = chunk.Last;
                await slots.WaitAsync(failed.Token);
                writing.RemoveAll(task => task.IsCompletedSuccessfully);
                writing.Add(CommitReleasingAsync(submission, chunk, slots, failed));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A chunk failed and cancelled the rest: its failure, thrown below, is the job's.
        }
        finally
        {
            // Every chunk still being written ends before the job does.
            await Task.WhenAll(writing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        await Task.WhenAll(writing);
    }

    private async Task CommitReleasingAsync(SubmissionUnderWay submission, JudgedChunk chunk, SemaphoreSlim slots, CancellationTokenSource failed)
    {
        try
        {
            await CommitAsync(submission, chunk, failed.Token);
        }
        catch
        {
            await failed.CancelAsync();
            throw;
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task<JudgedChunk?> JudgeNextAsync(
        SubmissionUnderWay submission, ValidationContext context, AgencyMappings mappings, int after, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = await store.ReadUnjudgedAsync(submission.Id, after, _chunkSize, cancellationToken);
        if (rows.Count == 0)
        {
            return null;
        }

        // Records are independent of each other: a chunk is validated and normalized on every core.
        var verdicts = new Verdict[rows.Count];
        var normalizing = new NormalizationClock();
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => verdicts[i] = RecordJudge.Judge(submission, context, mappings, normalizing, rows[i]));
        return new JudgedChunk(verdicts, normalizing, started);
    }

    /// <summary>
    /// Writes a judged chunk and reconciles the people its accepted records name, from the records in memory, in one
    /// transaction with its progress. A submission names each of these NIPs in no other accepted record (the duplicate
    /// rule), so no later chunk of it touches them.
    /// </summary>
    private async Task CommitAsync(SubmissionUnderWay submission, JudgedChunk chunk, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.JobTelemetry.Start("submission.chunk", "talenthub.submission.id", submission.Id)?.SetTag("talenthub.chunk.first", chunk.First);
        var normalized = chunk.Verdicts.Where(v => v.Errors.Count == 0 && v.Normalized is not null).Select(v => v.Normalized!).ToList();
        var accepted = chunk.Verdicts.Where(v => v.IsAccepted).Select(v => v.Normalized!).ToDictionary(
            row => row.Nip,
            row => new Observation(submission.AgencyCode, submission.Id, row.RecordIndex, submission.ReceivedAt, row.Observation.Record, row.Observation.Levels, row.Observation.Potentials),
            StringComparer.Ordinal);
        var observations = new ChunkObservations(submission.Id, chunk.First, chunk.Last, accepted);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await store.DataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await SubmissionStore.WriteVerdictsAsync(connection, submission.Id, chunk.Verdicts, cancellationToken);
                var writing = Stopwatch.GetTimestamp();
                await NormalizationWriter.WriteAsync(connection, normalized, cancellationToken);
                chunk.Normalizing.Add(Stopwatch.GetElapsedTime(writing));
                if (accepted.Count > 0)
                {
                    await reconciler.ReconcileInAsync(
                        connection, transaction, [.. accepted.Keys], "SUBMISSION " + submission.Id, Reconciler.ReconcileOptions.None, cancellationToken, observations);
                }

                await SubmissionStore.RecordProgressAsync(connection, transaction, submission.Id, chunk.First, chunk.Verdicts.Length, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                break;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DeadlockDetected && attempt < DeadlockAttempts)
            {
                logger.LogInformation("Chunk from record {First} of submission {SubmissionId} lost a deadlock; writing it again", chunk.First, submission.Id);
            }
        }

        IngestionMetrics.ProcessingSeconds.Add(Stopwatch.GetElapsedTime(chunk.StartedAt).TotalSeconds);
        IngestionMetrics.NormalizationSeconds.Add(chunk.Normalizing.Elapsed.TotalSeconds);
        IngestionMetrics.RecordsProcessed.Add(chunk.Verdicts.Length);
    }
}

/// <summary>Accumulates the time spent normalizing within a chunk, from the threads that judge its records.</summary>
public sealed class NormalizationClock
{
    private long _ticks;

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

    public void Add(TimeSpan elapsed) => Interlocked.Add(ref _ticks, (long)(elapsed.TotalSeconds * Stopwatch.Frequency));

    public RecordNormalization Measure(Func<RecordNormalization> normalize)
    {
        var started = Stopwatch.GetTimestamp();
        var result = normalize();
        Interlocked.Add(ref _ticks, Stopwatch.GetTimestamp() - started);
        return result;
    }
}
