using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Domain.Records;
using TalentHub.Domain.Standard;
using TalentHub.Domain.Time;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Jobs;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Infrastructure.Ingestion;

/// <summary>The SQL of the submission processing job: its state, its staged records, its verdicts and its checkpoints.</summary>
public sealed class SubmissionStore([FromKeyedServices(JobDatabase.Key)] NpgsqlDataSource dataSource, TimeProvider clock)
{
    public NpgsqlDataSource DataSource => dataSource;

    /// <summary>
    /// Moves a RECEIVED submission to PROCESSING and fixes its evaluation date, and reads the NIPs its records share;
    /// null when there is nothing to do.
    /// </summary>
    public async Task<SubmissionUnderWay?> StartAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            UPDATE submissions
            SET status = CASE WHEN status = 'RECEIVED' THEN 'PROCESSING' ELSE status END,
                started_at = coalesce(started_at, @now),
                evaluated_on = coalesce(evaluated_on, @today),
                progress_phase = CASE WHEN progress_phase = @receivedPhase THEN @processingPhase ELSE progress_phase END
            WHERE id = @id AND status IN ('RECEIVED', 'PROCESSING')
            RETURNING format, csv_decimal_comma, received, received_at, evaluated_on, agency_code
            """);
        command.Parameters.AddWithValue("id", submissionId);
        command.Parameters.AddWithValue("now", clock.DatabaseNow());
        command.Parameters.AddWithValue("today", JakartaCalendar.DateOf(clock.GetUtcNow()));
        command.Parameters.AddWithValue("receivedPhase", SubmissionPhases.Received);
        command.Parameters.AddWithValue("processingPhase", SubmissionPhases.Processing);
        SubmissionUnderWay started;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            UpperSnakeCase.TryParse<SubmissionFormat>(reader.GetString(0), out var format);
            started = new SubmissionUnderWay(
                submissionId,
                reader.GetString(5),
                format,
                reader.GetBoolean(1),
                reader.GetInt32(2),
                reader.GetFieldValue<DateTimeOffset>(3),
                reader.GetFieldValue<DateOnly>(4),
                new Dictionary<string, int>());
        }

        return started with { DuplicateNips = await DuplicateNipsAsync(submissionId, cancellationToken) };
    }

    /// <summary>The NIPs named by more than one staged record of the submission, with how many (fixed at staging, so a resumed run finds the same).</summary>
    private async Task<Dictionary<string, int>> DuplicateNipsAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT nip, count(*)::int FROM staged_records WHERE submission_id = @id AND nip IS NOT NULL GROUP BY nip HAVING count(*) > 1");
        command.Parameters.AddWithValue("id", submissionId);
        var duplicates = new Dictionary<string, int>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            duplicates[reader.GetString(0)] = reader.GetInt32(1);
        }

        return duplicates;
    }

    public async Task<ReferenceSets> LoadReferenceAsync(CancellationToken cancellationToken)
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

    /// <summary>
    /// The next <paramref name="limit"/> records after <paramref name="after"/>, in order, that no committed chunk has
    /// judged yet (a chunk's transaction writes its records' states: that is the checkpoint).
    /// </summary>
    public async Task<List<StagedRow>> ReadUnjudgedAsync(Guid submissionId, int after, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<StagedRow>(limit);
        await using var read = dataSource.CreateCommand(
            """
            SELECT r.record_index, r.line, r.raw, r.ingest_error, r.nip FROM staged_records r
            WHERE r.submission_id = @id AND r.record_index > @after
              AND NOT EXISTS (SELECT 1 FROM record_states j WHERE j.submission_id = r.submission_id AND j.record_index = r.record_index)
            ORDER BY r.record_index LIMIT @limit
            """);
        read.Parameters.AddWithValue("id", submissionId);
        read.Parameters.AddWithValue("after", after);
        read.Parameters.AddWithValue("limit", limit);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new StagedRow(
                reader.GetInt32(0),
                reader.IsDBNull(1) ? null : reader.GetInt32(1),
                reader.IsDBNull(2) ? "" : reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return rows;
    }

    /// <summary>Each record's state and errors, by binary COPY into their tables.</summary>
    public static async Task WriteVerdictsAsync(NpgsqlConnection connection, Guid submissionId, IReadOnlyList<Verdict> verdicts, CancellationToken cancellationToken)
    {
        await using (var states = await connection.BeginBinaryImportAsync("COPY record_states (submission_id, record_index, state) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var verdict in verdicts)
            {
                await states.StartRowAsync(cancellationToken);
                await states.WriteAsync(submissionId, NpgsqlDbType.Uuid, cancellationToken);
                await states.WriteAsync(verdict.RecordIndex, NpgsqlDbType.Integer, cancellationToken);
                await states.WriteAsync(verdict.State, NpgsqlDbType.Text, cancellationToken);
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
                    await errors.WriteNullableAsync(verdict.Nip, NpgsqlDbType.Text, cancellationToken);
                    await errors.WriteAsync(BinaryImport.Bounded(error.Pointer, 300), NpgsqlDbType.Text, cancellationToken);
                    await errors.WriteAsync(error.Code, NpgsqlDbType.Text, cancellationToken);
                    await errors.WriteAsync(BinaryImport.Bounded(error.Message, 500), NpgsqlDbType.Text, cancellationToken);
                }
            }

            await errors.CompleteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// The chunk's progress and its chunk log entry, in the chunk's transaction (last, so that chunks committed side by
    /// side wait for each other's submission row only briefly).
    /// </summary>
    public static async Task RecordProgressAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, Guid submissionId, int firstRecord, int records, CancellationToken cancellationToken)
    {
        await using var progress = new NpgsqlCommand(
            "UPDATE submissions SET progress_done = progress_done + @records WHERE id = @id; " + ChunkLog.InsertSql,
            connection,
            transaction);
        ChunkLog.AddParameters(progress.Parameters, $"submission:{submissionId}:records", firstRecord.ToString(CultureInfo.InvariantCulture));
        progress.Parameters.AddWithValue("id", submissionId);
        progress.Parameters.AddWithValue("records", records);
        await progress.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task CompleteAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH counts AS (
                SELECT count(*) FILTER (WHERE state = 'ACCEPTED') AS accepted,
                       count(*) FILTER (WHERE state = 'PENDING_MAPPING') AS pending,
                       count(*) FILTER (WHERE state = 'REJECTED') AS rejected
                FROM record_states WHERE submission_id = @id)
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

    public async Task MarkFailedAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE submissions SET status = 'FAILED', failure_reason = @reason, completed_at = @now WHERE id = @id AND status IN ('RECEIVED', 'PROCESSING')");
        command.Parameters.AddWithValue("id", submissionId);
        command.Parameters.AddWithValue("reason", "Processing failed unexpectedly; BKN operators have the details. Re-send the submission with a new Idempotency-Key.");
        command.Parameters.AddWithValue("now", clock.DatabaseNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
