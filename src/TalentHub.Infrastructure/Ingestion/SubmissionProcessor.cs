using System.Diagnostics;
using System.Globalization;
using System.Text;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Records;
using TalentHub.Domain.Standard;
using TalentHub.Domain.Time;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Normalization;
using TalentHub.Infrastructure.Reconciliation;
using TalentHub.Infrastructure.Resilience;
using TalentHub.Infrastructure.Time;
using Microsoft.Extensions.DependencyInjection;
using TalentHub.Infrastructure.Jobs;

namespace TalentHub.Infrastructure.Ingestion;

/// <summary>
/// The Hangfire job that processes a staged submission: validation in bounded chunks, each chunk's states, errors and
/// checkpoint committed together (a crash or a re-delivery resumes after the last committed chunk, never duplicating
/// an error), then the duplicate-NIP rule set-based, then the counts. Later phases (normalization, reconciliation)
/// plug in after validation. A <see cref="JobLock"/> keeps two workers off one submission.
/// </summary>
public sealed class SubmissionProcessor(
    [FromKeyedServices(JobDatabase.Key)] NpgsqlDataSource dataSource,
    MappingStore mappingStore,
    Reconciler reconciler,
    IBackgroundJobClient jobs,
    IOptions<PipelineSettings> pipeline,
    TimeProvider clock,
    ILogger<SubmissionProcessor> logger)
{
    /// <summary>How soon a delivery that found the submission locked by another run looks again.</summary>
    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(30);

    private readonly int _chunkSize = pipeline.Value.ValidationChunkSize;
    private readonly int _reconciliationChunkSize = pipeline.Value.ReconciliationChunkSize;

    /// <summary>Reconciliation chunks run side by side, one per core up to four (at least two, to overlap with the database).</summary>
    private static readonly int ReconciliationParallelism = Math.Clamp(Environment.ProcessorCount, 2, 4);
    private static readonly string RejectedState = UpperSnakeCase.Of(RecordState.Rejected);
    private static readonly string AcceptedState = UpperSnakeCase.Of(RecordState.Accepted);
    private static readonly string PendingState = UpperSnakeCase.Of(RecordState.PendingMapping);

    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [1, 2, 5, 10, 30, 60, 120, 300, 600, 900])]
    [Queue("default")]
    public async Task ProcessAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.JobTelemetry.Start("submission.process", "talenthub.submission.id", submissionId);
        await using var claim = await JobLock.TryAcquireAsync(dataSource, "process:" + submissionId, cancellationToken);
        if (claim is null)
        {
            // Another run holds it; should that run die, this later delivery is what picks the work up again.
            logger.LogInformation("Submission {SubmissionId} is being processed by another worker", submissionId);
            jobs.Schedule<SubmissionProcessor>(processor => processor.ProcessAsync(submissionId, CancellationToken.None), BusyRetryDelay);
            return;
        }

        try
        {
            var submission = await StartAsync(submissionId, cancellationToken);
            if (submission is null)
            {
                return;
            }

            var reference = await LoadReferenceAsync(cancellationToken);
            var context = new ValidationContext(submission.EvaluatedOn!.Value, reference);
            var mappings = await mappingStore.LoadAsync(submission.AgencyCode, cancellationToken);
            while (submission.ValidatedThrough < submission.Received - 1)
            {
                submission.ValidatedThrough = await ValidateChunkAsync(submission, context, mappings, cancellationToken);
            }

            if (submission.ProgressPhase == SubmissionPhases.Validation)
            {
                await RejectDuplicateNipsAsync(submission, cancellationToken);
            }

            await ReconcileTouchedNipsAsync(submission.Id, cancellationToken);
            await CompleteAsync(submission.Id, cancellationToken);
            await Telemetry.TalentHubMetrics.RecordSubmissionOutcomeAsync(dataSource, submission.Id, cancellationToken);
        }
        catch (Exception exception) when (!DatabaseResilience.IsTransient(exception) && exception is not OperationCanceledException)
        {
            // A deterministic failure would fail again on every retry: record it for the agency and stop.
            logger.LogError(exception, "Submission {SubmissionId} failed", submissionId);
            await MarkFailedAsync(submissionId, cancellationToken);
            await Telemetry.TalentHubMetrics.RecordSubmissionOutcomeAsync(dataSource, submissionId, cancellationToken);
        }
    }

    private sealed record ProcessingState(
        Guid Id, string AgencyCode, SubmissionFormat Format, bool CsvDecimalComma, int Received, string ProgressPhase, DateOnly? EvaluatedOn)
    {
        public int ValidatedThrough { get; set; }
    }

    /// <summary>Moves a RECEIVED submission to PROCESSING and fixes its evaluation date; null when there is nothing to do.</summary>
    private async Task<ProcessingState?> StartAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE submissions
            SET status = CASE WHEN status = 'RECEIVED' THEN 'PROCESSING' ELSE status END,
                started_at = coalesce(started_at, @now),
                evaluated_on = coalesce(evaluated_on, @today),
                progress_phase = CASE WHEN progress_phase = @receivedPhase THEN @validationPhase ELSE progress_phase END
            WHERE id = @id AND status IN ('RECEIVED', 'PROCESSING')
            RETURNING format, csv_decimal_comma, received, progress_phase, evaluated_on, validated_through, agency_code
            """);
        command.Parameters.AddWithValue("id", submissionId);
        command.Parameters.AddWithValue("now", clock.DatabaseNow());
        command.Parameters.AddWithValue("today", JakartaCalendar.DateOf(clock.GetUtcNow()));
        command.Parameters.AddWithValue("receivedPhase", SubmissionPhases.Received);
        command.Parameters.AddWithValue("validationPhase", SubmissionPhases.Validation);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        UpperSnakeCase.TryParse<SubmissionFormat>(reader.GetString(0), out var format);
        return new ProcessingState(submissionId, reader.GetString(6), format, reader.GetBoolean(1), reader.GetInt32(2), reader.GetString(3), reader.GetFieldValue<DateOnly>(4))
        {
            ValidatedThrough = reader.GetInt32(5),
        };
    }

    private async Task<ReferenceSets> LoadReferenceAsync(CancellationToken cancellationToken)
    {
        async Task<HashSet<string>> ReadSetAsync(string sql)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            await using var command = dataSource.CreateCommand(sql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                set.Add(reader.GetString(0));
            }

            return set;
        }

        return new ReferenceSets
        {
            PnsGrades = await ReadSetAsync("SELECT code FROM grades WHERE employment_type = 'PNS'"),
            PppkGrades = await ReadSetAsync("SELECT code FROM grades WHERE employment_type = 'PPPK'"),
            Methods = await ReadSetAsync("SELECT code FROM methods"),
            ProvinceCodes = await ReadSetAsync("SELECT code FROM provinces"),
            AgencyCodes = await ReadSetAsync("SELECT code FROM agencies"),
        };
    }

    private sealed record Verdict(
        int RecordIndex, int? Line, string? Nip, IReadOnlyList<RecordError> Errors, TalentRecord? Record = null, RecordNormalization? Normalization = null, Func<string, string>? ColumnOf = null)
    {
        public string State => Errors.Count > 0 ? RejectedState : Normalization is { Pending.Count: > 0 } ? PendingState : AcceptedState;
    }

    private sealed record StagedRow(int RecordIndex, int? Line, string Raw, string? IngestError);

    private async Task<int> ValidateChunkAsync(ProcessingState submission, ValidationContext context, AgencyMappings mappings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var rows = new List<StagedRow>(_chunkSize);
        await using (var read = dataSource.CreateCommand(
            "SELECT record_index, line, raw, ingest_error FROM staged_records WHERE submission_id = @id AND record_index > @after ORDER BY record_index LIMIT @limit"))
        {
            read.Parameters.AddWithValue("id", submission.Id);
            read.Parameters.AddWithValue("after", submission.ValidatedThrough);
            read.Parameters.AddWithValue("limit", _chunkSize);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new StagedRow(
                    reader.GetInt32(0),
                    reader.IsDBNull(1) ? null : reader.GetInt32(1),
                    reader.IsDBNull(2) ? "" : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3)));
            }
        }

        if (rows.Count == 0)
        {
            throw new InvalidOperationException($"Submission {submission.Id} has fewer staged records than it received.");
        }

        // Records are independent of each other: a chunk is validated and normalized on every core.
        var verdicts = new Verdict[rows.Count];
        var normalizing = new NormalizationClock();
        Parallel.For(0, rows.Count, new ParallelOptions { CancellationToken = cancellationToken }, i => verdicts[i] = Judge(submission, context, mappings, normalizing, rows[i]));

        var last = verdicts[^1].RecordIndex;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await WriteVerdictsAsync(connection, transaction, submission.Id, verdicts, cancellationToken);
        var writing = Stopwatch.GetTimestamp();
        await NormalizationWriter.WriteAsync(
            connection,
            [.. verdicts.Where(v => v.Normalization is not null && v.Errors.Count == 0)
                .Select(v => new RecordNormalizationRow(submission.Id, v.RecordIndex, submission.AgencyCode, v.Record!.Nip, v.Record, v.Normalization!, v.ColumnOf!))],
            cancellationToken);
        normalizing.Add(Stopwatch.GetElapsedTime(writing));
        await using (var checkpoint = new NpgsqlCommand(
            "UPDATE submissions SET validated_through = @last, progress_done = @done, progress_phase = @phase WHERE id = @id; " + ChunkLog.InsertSql, connection, transaction))
        {
            ChunkLog.AddParameters(checkpoint.Parameters, $"submission:{submission.Id}:validation", verdicts[0].RecordIndex.ToString(CultureInfo.InvariantCulture));
            checkpoint.Parameters.AddWithValue("id", submission.Id);
            checkpoint.Parameters.AddWithValue("last", last);
            checkpoint.Parameters.AddWithValue("done", last + 1);
            checkpoint.Parameters.AddWithValue("phase", SubmissionPhases.Validation);
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        IngestionMetrics.ProcessingSeconds.Add(Stopwatch.GetElapsedTime(started).TotalSeconds);
        IngestionMetrics.NormalizationSeconds.Add(normalizing.Elapsed.TotalSeconds);
        IngestionMetrics.RecordsProcessed.Add(verdicts.Length);
        return last;
    }

    /// <summary>
    /// Validates a record, then normalizes a valid one against the agency's mappings (docs/domain/normalization.md):
    /// the record is parsed once, by the validator, whose typed record the normalizer and the stored observation use.
    /// </summary>
    private static Verdict Judge(ProcessingState submission, ValidationContext context, AgencyMappings mappings, NormalizationClock normalizing, StagedRow row)
    {
        if (row.IngestError is not null)
        {
            return new Verdict(row.RecordIndex, row.Line, null, [new RecordError("", RecordErrorCodes.MalformedRecord, row.IngestError)]);
        }

        if (submission.Format != SubmissionFormat.Csv)
        {
            var validation = RecordValidator.Validate(Encoding.UTF8.GetBytes(row.Raw), context);
            if (validation.Record is not { } record)
            {
                return new Verdict(row.RecordIndex, row.Line, validation.Nip, validation.Errors);
            }

            var normalization = normalizing.Measure(() => RecordNormalizer.Normalize(record, mappings));
            return new Verdict(row.RecordIndex, row.Line, validation.Nip, normalization.Errors, record, normalization, pointer => pointer);
        }

        var mapped = StagedCsvRow.Map(row.Raw, submission.CsvDecimalComma);
        var csvValidation = RecordValidator.Validate(mapped.Utf8Json, context);
        var errors = new List<RecordError>(mapped.ColumnErrors);
        foreach (var error in csvValidation.Errors)
        {
            errors.Add(error with { Pointer = mapped.ColumnOf(error.Pointer) });
        }

        if (errors.Count > 0 || csvValidation.Record is not { } csvRecord)
        {
            return new Verdict(row.RecordIndex, row.Line, csvValidation.Nip, errors);
        }

        var csvNormalization = normalizing.Measure(() => RecordNormalizer.Normalize(csvRecord, mappings));
        return new Verdict(
            row.RecordIndex,
            row.Line,
            csvValidation.Nip,
            [.. csvNormalization.Errors.Select(e => e with { Pointer = mapped.ColumnOf(e.Pointer) })],
            csvRecord,
            csvNormalization,
            mapped.ColumnOf);
    }

    private static async Task WriteVerdictsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid submissionId, Verdict[] verdicts, CancellationToken cancellationToken)
    {
        await using (var temp = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS verdicts (record_index int PRIMARY KEY, state text NOT NULL, nip text) ON COMMIT DELETE ROWS",
            connection,
            transaction))
        {
            await temp.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var states = await connection.BeginBinaryImportAsync("COPY verdicts (record_index, state, nip) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var verdict in verdicts)
            {
                await states.StartRowAsync(cancellationToken);
                await states.WriteAsync(verdict.RecordIndex, NpgsqlDbType.Integer, cancellationToken);
                await states.WriteAsync(verdict.State, NpgsqlDbType.Text, cancellationToken);
                await states.WriteNullableAsync(BinaryImport.Bounded(verdict.Nip, 64), NpgsqlDbType.Text, cancellationToken);
            }

            await states.CompleteAsync(cancellationToken);
        }

        await using (var errors = await connection.BeginBinaryImportAsync(
            "COPY record_errors (submission_id, record_index, seq, line, nip, pointer, code, message) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var verdict in verdicts)
            {
                for (var seq = 0; seq < verdict.Errors.Count; seq++)
                {
                    var error = verdict.Errors[seq];
                    await errors.StartRowAsync(cancellationToken);
                    await errors.WriteAsync(submissionId, NpgsqlDbType.Uuid, cancellationToken);
                    await errors.WriteAsync(verdict.RecordIndex, NpgsqlDbType.Integer, cancellationToken);
                    await errors.WriteAsync(seq, NpgsqlDbType.Integer, cancellationToken);
                    await errors.WriteNullableAsync(verdict.Line, NpgsqlDbType.Integer, cancellationToken);
                    await errors.WriteNullableAsync(BinaryImport.Bounded(verdict.Nip, 64), NpgsqlDbType.Text, cancellationToken);
                    await errors.WriteAsync(BinaryImport.Bounded(error.Pointer, 300), NpgsqlDbType.Text, cancellationToken);
                    await errors.WriteAsync(error.Code, NpgsqlDbType.Text, cancellationToken);
                    await errors.WriteAsync(BinaryImport.Bounded(error.Message, 500), NpgsqlDbType.Text, cancellationToken);
                }
            }

            await errors.CompleteAsync(cancellationToken);
        }

        await using var update = new NpgsqlCommand(
            """
            UPDATE staged_records s SET state = v.state, nip = v.nip
            FROM verdicts v
            WHERE s.submission_id = @id AND s.record_index = v.record_index
            """,
            connection,
            transaction);
        update.Parameters.AddWithValue("id", submissionId);
        await update.ExecuteNonQueryAsync(cancellationToken);
    }



    /// <summary>docs/domain/records.md#outcome: every record of a submission that shares its NIP with another is rejected, so the agency decides.</summary>
    private async Task RejectDuplicateNipsAsync(ProcessingState submission, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var reject = new NpgsqlCommand(
            """
            WITH duplicated AS (
                SELECT nip, count(*) AS copies FROM staged_records
                WHERE submission_id = @id AND nip IS NOT NULL
                GROUP BY nip HAVING count(*) > 1),
            affected AS (
                SELECT s.record_index, s.line, s.nip, d.copies FROM staged_records s
                JOIN duplicated d ON d.nip = s.nip
                WHERE s.submission_id = @id),
            errors AS (
                INSERT INTO record_errors (submission_id, record_index, seq, line, nip, pointer, code, message)
                SELECT @id, a.record_index,
                       coalesce((SELECT max(e.seq) + 1 FROM record_errors e WHERE e.submission_id = @id AND e.record_index = a.record_index), 0),
                       a.line, a.nip, @pointer, 'duplicate_nip_in_submission',
                       'This NIP appears in ' || a.copies || ' records of the submission; all of them are rejected.'
                FROM affected a)
            UPDATE staged_records s SET state = @rejected
            FROM affected a
            WHERE s.submission_id = @id AND s.record_index = a.record_index
            """,
            connection,
            transaction))
        {
            reject.Parameters.AddWithValue("id", submission.Id);
            reject.Parameters.AddWithValue("pointer", submission.Format == SubmissionFormat.Csv ? "nip" : "/nip");
            reject.Parameters.AddWithValue("rejected", RejectedState);
            await reject.ExecuteNonQueryAsync(cancellationToken);
        }

        // A rejected record keeps no national values and waits on no mapping.
        await using (var clear = new NpgsqlCommand(
            """
            DELETE FROM normalized_records v USING staged_records s
            WHERE v.submission_id = @id AND s.submission_id = @id AND s.record_index = v.record_index AND s.state = @rejected;
            DELETE FROM pending_mappings p USING staged_records s
            WHERE p.submission_id = @id AND s.submission_id = @id AND s.record_index = p.record_index AND s.state = @rejected;
            """,
            connection,
            transaction))
        {
            clear.Parameters.AddWithValue("id", submission.Id);
            clear.Parameters.AddWithValue("rejected", RejectedState);
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var phase = new NpgsqlCommand("UPDATE submissions SET progress_phase = @phase WHERE id = @id", connection, transaction))
        {
            phase.Parameters.AddWithValue("id", submission.Id);
            phase.Parameters.AddWithValue("phase", SubmissionPhases.Duplicates);
            await phase.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// The reconciliation phase: the profiles of every NIP the submission's accepted records name, a batch of
    /// <see cref="ReconciliationParallelism"/> chunks at a time, checkpointed after each batch.
    /// </summary>
    private async Task ReconcileTouchedNipsAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using (var start = dataSource.CreateCommand(
            """
            UPDATE submissions SET progress_phase = @phase, progress_done = 0,
                progress_total = (SELECT count(DISTINCT nip) FROM staged_records WHERE submission_id = @id AND state = 'ACCEPTED' AND nip IS NOT NULL)
            WHERE id = @id AND progress_phase <> @phase
            """))
        {
            start.Parameters.AddWithValue("id", submissionId);
            start.Parameters.AddWithValue("phase", SubmissionPhases.Reconciliation);
            await start.ExecuteNonQueryAsync(cancellationToken);
        }

        while (true)
        {
            var nips = new List<string>();
            await using (var next = dataSource.CreateCommand(
                $"""
                SELECT DISTINCT r.nip FROM staged_records r JOIN submissions s ON s.id = r.submission_id
                WHERE r.submission_id = @id AND r.state = 'ACCEPTED' AND r.nip IS NOT NULL AND r.nip > coalesce(s.reconciled_through, '')
                ORDER BY r.nip LIMIT {_reconciliationChunkSize * ReconciliationParallelism}
                """))
            {
                next.Parameters.AddWithValue("id", submissionId);
                await using var reader = await next.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    nips.Add(reader.GetString(0));
                }
            }

            if (nips.Count == 0)
            {
                return;
            }

            await ReconcileInParallelAsync(nips, "SUBMISSION " + submissionId, cancellationToken);
            // One implicit transaction: the checkpoint and its chunk log entry.
            await using var checkpoint = dataSource.CreateCommand(
                "UPDATE submissions SET reconciled_through = @last, progress_done = progress_done + @count WHERE id = @id; " + ChunkLog.InsertSql);
            ChunkLog.AddParameters(checkpoint.Parameters, $"submission:{submissionId}:reconciliation", nips[0]);
            checkpoint.Parameters.AddWithValue("id", submissionId);
            checkpoint.Parameters.AddWithValue("last", nips[^1]);
            checkpoint.Parameters.AddWithValue("count", nips.Count);
            await checkpoint.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Reconciles disjoint chunks of NIPs side by side, each in its own transaction, so the service's work on one overlaps
    /// the database's on another. Two chunks can deadlock only through a previousNips merge that crosses them; the
    /// database then rolls one back, and that chunk is reconciled again on its own.
    /// </summary>
    private async Task ReconcileInParallelAsync(List<string> nips, string cause, CancellationToken cancellationToken)
    {
        var chunks = nips.Chunk(_reconciliationChunkSize).ToList();
        var outcomes = await Task.WhenAll(chunks.Select(async chunk =>
        {
            try
            {
                await reconciler.ReconcileAsync(chunk, cause, cancellationToken);
                return true;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DeadlockDetected)
            {
                return false;
            }
        }));
        foreach (var (chunk, done) in chunks.Zip(outcomes))
        {
            if (!done)
            {
                await reconciler.ReconcileAsync(chunk, cause, cancellationToken);
            }
        }
    }

    private async Task CompleteAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH counts AS (
                SELECT count(*) FILTER (WHERE state = 'ACCEPTED') AS accepted,
                       count(*) FILTER (WHERE state = 'PENDING_MAPPING') AS pending,
                       count(*) FILTER (WHERE state = 'REJECTED') AS rejected
                FROM staged_records WHERE submission_id = @id)
            UPDATE submissions SET
                accepted = counts.accepted, pending_mapping = counts.pending, rejected = counts.rejected,
                status = CASE WHEN counts.rejected > 0 THEN 'COMPLETED_WITH_ERRORS' ELSE 'COMPLETED' END,
                progress_phase = @done, progress_done = received, progress_total = received, completed_at = @now
            FROM counts
            WHERE id = @id AND status = 'PROCESSING'
            """);
        command.Parameters.AddWithValue("id", submissionId);
        command.Parameters.AddWithValue("done", SubmissionPhases.Done);
        command.Parameters.AddWithValue("now", clock.DatabaseNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task MarkFailedAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE submissions SET status = 'FAILED', failure_reason = @reason, completed_at = @now WHERE id = @id AND status IN ('RECEIVED', 'PROCESSING')");
        command.Parameters.AddWithValue("id", submissionId);
        command.Parameters.AddWithValue("reason", "Processing failed unexpectedly; BKN operators have the details. Re-send the submission with a new Idempotency-Key.");
        command.Parameters.AddWithValue("now", clock.DatabaseNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Accumulates the time spent normalizing within a chunk, from the threads that judge its records.</summary>
internal sealed class NormalizationClock
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
