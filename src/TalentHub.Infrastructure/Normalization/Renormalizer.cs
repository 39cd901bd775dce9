using System.Text;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Records;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Ingestion;
using TalentHub.Infrastructure.Reconciliation;
using TalentHub.Infrastructure.Time;
using Microsoft.Extensions.DependencyInjection;
using TalentHub.Infrastructure.Jobs;

namespace TalentHub.Infrastructure.Normalization;

/// <summary>
/// After a mapping change, re-derives exactly the affected records of the agency: every record waiting on a mapping,
/// and every accepted record whose national values used a changed scale or a changed agency name. Records move
/// between PENDING_MAPPING and ACCEPTED (or to REJECTED when a corrected scale puts a score out of range), and their
/// submissions' counts follow. Chunked, each chunk committed whole; re-running gives the same result. Runs of one
/// agency are serialized by an advisory lock, so a later run sees every earlier change.
/// </summary>
public sealed class Renormalizer(
    [FromKeyedServices(JobDatabase.Key)] NpgsqlDataSource dataSource,
    MappingStore mappingStore,
    Reconciler reconciler,
    IOptions<PipelineSettings> pipeline,
    TimeProvider clock)
{

    [AutomaticRetry(Attempts = 10)]
    [Queue("default")]
    public async Task RunAsync(Guid renormalizationId, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.JobTelemetry.Start("mappings.renormalize", "talenthub.renormalization.id", renormalizationId);
        await using var lockConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        var run = await LoadRunAsync(renormalizationId, cancellationToken);
        if (run is null || run.Status == RenormalizationStatus.Completed)
        {
            return;
        }

        await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended(@key, 7))", lockConnection))
        {
            take.Parameters.AddWithValue("key", "renormalize:" + run.AgencyCode);
            await take.ExecuteScalarAsync(cancellationToken);
        }

        try
        {
            var mappings = await mappingStore.LoadAsync(run.AgencyCode, cancellationToken);
            await SetRunningAsync(run, cancellationToken);
            var after = (Submission: Guid.Empty, Index: -1);
            var done = 0;
            var accepted = 0;
            while (true)
            {
                var chunk = await ReadAffectedAsync(run, after, cancellationToken);
                if (chunk.Count == 0)
                {
                    break;
                }

                accepted += await RenormalizeChunkAsync(run, chunk, mappings, done + chunk.Count, cancellationToken);
                // Then reconcile the affected people (docs/domain/normalization.md#re-normalization).
                foreach (var people in chunk.Where(r => r.Nip is not null).Select(r => r.Nip!).Distinct().Chunk(pipeline.Value.ReconciliationChunkSize))
                {
                    await reconciler.ReconcileAsync(people, "MAPPING_CHANGE " + run.Id, cancellationToken);
                }

                done += chunk.Count;
                after = (chunk[^1].SubmissionId, chunk[^1].RecordIndex);
            }

            await CompleteAsync(run.Id, done, accepted, cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@key, 7))", lockConnection);
            release.Parameters.AddWithValue("key", "renormalize:" + run.AgencyCode);
            await release.ExecuteScalarAsync(CancellationToken.None);
        }
    }

    private sealed record Run(Guid Id, string AgencyCode, RenormalizationStatus Status, string[] ChangedScales, string[] ChangedNames);

    private sealed record AffectedRecord(Guid SubmissionId, int RecordIndex, int? Line, string? Nip, string Raw, bool Csv, bool CsvDecimalComma, string State);

    private async Task<Run?> LoadRunAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT agency_code, status, changed_scales, changed_names FROM renormalizations WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        Domain.Standard.UpperSnakeCase.TryParse<RenormalizationStatus>(reader.GetString(1), out var status);
        return new Run(id, reader.GetString(0), status, reader.GetFieldValue<string[]>(2), reader.GetFieldValue<string[]>(3));
    }

    /// <summary>The staged records with their submissions and states, as <see cref="AffectedPredicate"/> names them.</summary>
    private const string AffectedRecords =
        """
        staged_records r JOIN submissions s ON s.id = r.submission_id
        JOIN record_states j ON j.submission_id = r.submission_id AND j.record_index = r.record_index
        """;

    private const string AffectedPredicate =
        """
        s.agency_code = @agency AND r.raw IS NOT NULL AND (
            j.state = 'PENDING_MAPPING'
            OR (j.state = 'ACCEPTED' AND EXISTS (
                SELECT 1 FROM normalized_records v
                WHERE v.submission_id = r.submission_id AND v.record_index = r.record_index AND v.mapping_keys && @keys)))
        """;

    private async Task SetRunningAsync(Run run, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            UPDATE renormalizations SET status = 'RUNNING', done = 0,
                total = (SELECT count(*) FROM {AffectedRecords} WHERE {AffectedPredicate})
            WHERE id = @id
            """);
        AddRunParameters(command.Parameters, run);
        command.Parameters.AddWithValue("id", run.Id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<List<AffectedRecord>> ReadAffectedAsync(Run run, (Guid Submission, int Index) after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT r.submission_id, r.record_index, r.line, r.nip, r.raw, s.format = 'CSV', s.csv_decimal_comma, j.state
            FROM {AffectedRecords}
            WHERE {AffectedPredicate} AND (r.submission_id, r.record_index) > (@afterSubmission, @afterIndex)
            ORDER BY r.submission_id, r.record_index
            LIMIT {pipeline.Value.ValidationChunkSize}
            """);
        AddRunParameters(command.Parameters, run);
        command.Parameters.AddWithValue("afterSubmission", after.Submission);
        command.Parameters.AddWithValue("afterIndex", after.Index);
        var records = new List<AffectedRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(new AffectedRecord(
                reader.GetGuid(0),
                reader.GetInt32(1),
                reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetBoolean(5),
                reader.GetBoolean(6),
                reader.GetString(7)));
        }

        return records;
    }

    private static void AddRunParameters(NpgsqlParameterCollection parameters, Run run)
    {
        parameters.AddWithValue("agency", run.AgencyCode);
        var keys = run.ChangedScales.Select(NormalizationWriter.ScaleKey).Concat(run.ChangedNames.Select(NormalizationWriter.NameKey)).ToArray();
        parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys });
    }

    /// <summary>Re-derives one chunk in one transaction; returns how many of its records are now ACCEPTED.</summary>
    private async Task<int> RenormalizeChunkAsync(Run run, List<AffectedRecord> chunk, AgencyMappings mappings, int doneAfter, CancellationToken cancellationToken)
    {
        var rows = new List<RecordNormalizationRow>(chunk.Count);
        foreach (var record in chunk)
        {
            if (!record.Csv)
            {
                var typed = TalentRecordReader.Parse(Encoding.UTF8.GetBytes(record.Raw));
                rows.Add(new RecordNormalizationRow(record.SubmissionId, record.RecordIndex, run.AgencyCode, typed.Nip, typed, RecordNormalizer.Normalize(typed, mappings), p => p));
                continue;
            }

            var mapped = StagedCsvRow.Map(record.Raw, record.CsvDecimalComma);
            var csvTyped = TalentRecordReader.Parse(mapped.Utf8Json);
            rows.Add(new RecordNormalizationRow(record.SubmissionId, record.RecordIndex, run.AgencyCode, csvTyped.Nip, csvTyped, RecordNormalizer.Normalize(csvTyped, mappings), mapped.ColumnOf));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var temp = new NpgsqlCommand(
            "CREATE TEMP TABLE IF NOT EXISTS renormalized (submission_id uuid, record_index int, state text, PRIMARY KEY (submission_id, record_index)) ON COMMIT DELETE ROWS",
            connection,
            transaction))
        {
            await temp.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var states = await connection.BeginBinaryImportAsync("COPY renormalized (submission_id, record_index, state) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in rows)
            {
                var normalization = row.Normalization;
                await states.StartRowAsync(cancellationToken);
                await states.WriteAsync(row.SubmissionId, NpgsqlDbType.Uuid, cancellationToken);
                await states.WriteAsync(row.RecordIndex, NpgsqlDbType.Integer, cancellationToken);
                await states.WriteAsync(normalization.Errors.Count > 0 ? "REJECTED" : normalization.Pending.Count > 0 ? "PENDING_MAPPING" : "ACCEPTED", NpgsqlDbType.Text, cancellationToken);
            }

            await states.CompleteAsync(cancellationToken);
        }

        await using (var clear = new NpgsqlCommand(
            """
            DELETE FROM normalized_records v USING renormalized n WHERE v.submission_id = n.submission_id AND v.record_index = n.record_index;
            DELETE FROM pending_mappings p USING renormalized n WHERE p.submission_id = n.submission_id AND p.record_index = n.record_index;
            UPDATE record_states j SET state = n.state FROM renormalized n WHERE j.submission_id = n.submission_id AND j.record_index = n.record_index;
            """,
            connection,
            transaction))
        {
            await clear.ExecuteNonQueryAsync(cancellationToken);
        }

        await NormalizationWriter.WriteAsync(connection, rows.Where(r => r.Normalization.Errors.Count == 0).ToList(), cancellationToken);
        await WriteScaleErrorsAsync(connection, rows.Where(r => r.Normalization.Errors.Count > 0).ToList(), chunk, cancellationToken);

        await using (var counts = new NpgsqlCommand(
            """
            WITH touched AS (SELECT DISTINCT submission_id FROM renormalized),
            counts AS (
                SELECT r.submission_id,
                       count(*) FILTER (WHERE r.state = 'ACCEPTED') AS accepted,
                       count(*) FILTER (WHERE r.state = 'PENDING_MAPPING') AS pending,
                       count(*) FILTER (WHERE r.state = 'REJECTED') AS rejected
                FROM record_states r JOIN touched t ON t.submission_id = r.submission_id
                GROUP BY r.submission_id)
            UPDATE submissions s SET accepted = c.accepted, pending_mapping = c.pending, rejected = c.rejected,
                status = CASE WHEN s.status IN ('COMPLETED', 'COMPLETED_WITH_ERRORS')
                              THEN CASE WHEN c.rejected > 0 THEN 'COMPLETED_WITH_ERRORS' ELSE 'COMPLETED' END
                              ELSE s.status END
            FROM counts c WHERE s.id = c.submission_id;
            UPDATE renormalizations SET done = @done WHERE id = @id;
            """ + ChunkLog.InsertSql,
            connection,
            transaction))
        {
            counts.Parameters.AddWithValue("done", doneAfter);
            counts.Parameters.AddWithValue("id", run.Id);
            ChunkLog.AddParameters(counts.Parameters, "renormalization:" + run.Id, $"{chunk[0].SubmissionId}:{chunk[0].RecordIndex}");
            await counts.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Count(r => r.Normalization.Errors.Count == 0 && r.Normalization.Pending.Count == 0);
    }

    /// <summary>A corrected scale can put an accepted score out of range: the record is rejected with the reason.</summary>
    private static async Task WriteScaleErrorsAsync(NpgsqlConnection connection, List<RecordNormalizationRow> rejected, List<AffectedRecord> chunk, CancellationToken cancellationToken)
    {
        if (rejected.Count == 0)
        {
            return;
        }

        var lines = chunk.ToDictionary(c => (c.SubmissionId, c.RecordIndex), c => c.Line);
        var errors = rejected.SelectMany(row => row.Normalization.Errors.Select(error => (Row: row, Error: error))).ToList();
        // One statement for the chunk: each new error is numbered after the errors the record already has.
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO record_errors (submission_id, record_index, seq, line, nip, pointer, code, message)
            SELECT e.submission_id, e.record_index,
                   coalesce((SELECT max(x.seq) FROM record_errors x WHERE x.submission_id = e.submission_id AND x.record_index = e.record_index), -1)
                       + row_number() OVER (PARTITION BY e.submission_id, e.record_index ORDER BY e.ordinal),
                   e.line, e.nip, e.pointer, e.code, e.message
            FROM unnest(@submissions, @indexes, @lines, @nips, @pointers, @codes, @messages) WITH ORDINALITY
                AS e(submission_id, record_index, line, nip, pointer, code, message, ordinal)
            """,
            connection);
        insert.Parameters.Add(new NpgsqlParameter("submissions", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = errors.Select(e => e.Row.SubmissionId).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("indexes", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = errors.Select(e => e.Row.RecordIndex).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("lines", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = errors.Select(e => lines[(e.Row.SubmissionId, e.Row.RecordIndex)]).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = errors.Select(e => e.Row.Nip).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("pointers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = errors.Select(e => e.Row.ColumnOf(e.Error.Pointer)).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("codes", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = errors.Select(e => e.Error.Code).ToArray() });
        insert.Parameters.Add(new NpgsqlParameter("messages", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = errors.Select(e => e.Error.Message).ToArray() });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task CompleteAsync(Guid id, int done, int accepted, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE renormalizations SET status = 'COMPLETED', done = @done, total = greatest(total, @done), accepted = @accepted, completed_at = @now WHERE id = @id");
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("done", done);
        command.Parameters.AddWithValue("accepted", accepted);
        command.Parameters.AddWithValue("now", clock.DatabaseNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
