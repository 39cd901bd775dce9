using System.Globalization;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Time;
using TalentHub.Infrastructure.Normalization;
using TalentHub.Infrastructure.Time;
using Microsoft.Extensions.DependencyInjection;
using TalentHub.Infrastructure.Jobs;

namespace TalentHub.Infrastructure.Reconciliation;

/// <summary>
/// Recomputes profiles from the observations: every profile (admin rebuild), or the ones the calendar changed since the
/// last evaluation date covered (the nightly refresh: assessments turning stale, the performance window on 1 January).
/// Profiles whose content is unchanged get no version, so a rebuild over an unchanged index is a no-op diff.
/// Checkpointed by NIP; a re-run resumes after the last committed chunk. Each run records the Jakarta date it evaluates
/// (<c>evaluation_date</c>); a refresh covers every date after the latest completed run's, so a skipped night is caught up.
/// </summary>
public sealed class IndexRebuilder(
    [FromKeyedServices(JobDatabase.Key)] NpgsqlDataSource dataSource,
    Reconciler reconciler,
    StandardStore standardStore,
    IBackgroundJobClient jobs,
    IOptions<PipelineSettings> pipeline,
    TimeProvider clock)
{
    public const string NightlyJobId = "index-nightly-refresh";

    /// <summary>How soon a rebuild that found another one running looks again.</summary>
    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Starts a record of a rebuild of every profile; the caller enqueues <see cref="RunAsync"/>.</summary>
    public Task<Guid> CreateAsync(string cause, CancellationToken cancellationToken) =>
        CreateAsync(cause, new DueSelection(null, JakartaCalendar.DateOf(clock.GetUtcNow())), cancellationToken);

    private async Task<Guid> CreateAsync(string cause, DueSelection selection, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var due = await DueQueryAsync(selection, cancellationToken);
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO index_rebuilds (id, status, cause, done, total, versions, created_at, covers_after, evaluation_date)
            VALUES (@id, 'QUEUED', @cause, 0, (SELECT count(DISTINCT nip) FROM ({due.Sql}) due), 0, @now, @coversAfter, @evaluationDate)
            """);
        due.AddParameters(command.Parameters);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("cause", cause);
        command.Parameters.AddWithValue("now", clock.DatabaseNow());
        command.Parameters.Add(new NpgsqlParameter("coversAfter", NpgsqlDbType.Date) { Value = selection.CoversAfter is { } after ? after : DBNull.Value });
        command.Parameters.AddWithValue("evaluationDate", selection.EvaluationDate);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return id;
    }

    /// <summary>One rebuild at a time: a second one waits its turn as a scheduled job rather than on a worker.</summary>
    [AutomaticRetry(Attempts = 10)]
    public async Task RunAsync(Guid rebuildId, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.JobTelemetry.Start("index.rebuild", "talenthub.rebuild.id", rebuildId);
        await using var claim = await JobLock.TryAcquireAsync(dataSource, "index-rebuild", cancellationToken);
        if (claim is null)
        {
            jobs.Schedule<IndexRebuilder>(rebuilder => rebuilder.RunAsync(rebuildId, CancellationToken.None), BusyRetryDelay);
            return;
        }

        var (checkpoint, cause, selection) = await StartAsync(rebuildId, cancellationToken);
        if (cause is null)
        {
            return;
        }

        var due = await DueQueryAsync(selection, cancellationToken);
        while (true)
        {
            var nips = await NextNipsAsync(due, checkpoint, cancellationToken);
            if (nips.Count == 0)
            {
                break;
            }

            var versions = await reconciler.ReconcileAsync(nips, cause, cancellationToken);
            checkpoint = nips[^1];
            await using var progress = dataSource.CreateCommand(
                "UPDATE index_rebuilds SET done = done + @done, versions = versions + @versions, checkpoint = @checkpoint WHERE id = @id; " + ChunkLog.InsertSql);
            ChunkLog.AddParameters(progress.Parameters, "rebuild:" + rebuildId, nips[0]);
            progress.Parameters.AddWithValue("id", rebuildId);
            progress.Parameters.AddWithValue("done", nips.Count);
            progress.Parameters.AddWithValue("versions", versions);
            progress.Parameters.AddWithValue("checkpoint", checkpoint);
            await progress.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var complete = dataSource.CreateCommand("UPDATE index_rebuilds SET status = 'COMPLETED', completed_at = @now WHERE id = @id");
        complete.Parameters.AddWithValue("id", rebuildId);
        complete.Parameters.AddWithValue("now", clock.DatabaseNow());
        await complete.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The nightly refresh: the profiles the calendar changed on every date after the one the latest completed run
    /// evaluated, up to today (Jakarta). With no run recorded yet, every profile, as a rebuild does.
    /// </summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task RefreshNightlyAsync(CancellationToken cancellationToken)
    {
        var today = JakartaCalendar.DateOf(clock.GetUtcNow());
        await using var covered = dataSource.CreateCommand("SELECT max(evaluation_date) FROM index_rebuilds WHERE status = 'COMPLETED'");
        var coveredThrough = await covered.ExecuteScalarAsync(cancellationToken) is DateOnly date ? date : (DateOnly?)null;
        var coversAfter = coveredThrough > today ? today : coveredThrough;
        await RunAsync(await CreateAsync("NIGHTLY_REFRESH", new DueSelection(coversAfter, today), cancellationToken), cancellationToken);
    }

    /// <summary>Every profile (<see cref="CoversAfter"/> null), or those the calendar changed after that date through <see cref="EvaluationDate"/>.</summary>
    private sealed record DueSelection(DateOnly? CoversAfter, DateOnly EvaluationDate);

    /// <summary>A query of the due NIPs (a column <c>nip</c>, possibly repeated), with the parameters it uses.</summary>
    private sealed record DueQuery(string Sql, string[]? AssessmentKeys = null, string[]? RatedYears = null)
    {
        public void AddParameters(NpgsqlParameterCollection parameters)
        {
            if (AssessmentKeys is not null)
            {
                parameters.Add(new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = AssessmentKeys });
            }

            if (RatedYears is not null)
            {
                parameters.Add(new NpgsqlParameter("years", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = RatedYears });
            }
        }
    }

    /// <summary>
    /// Who is due: NIPs with an accepted record whose assessment turns stale on one of the dates, by the GIN index over
    /// the (method, assessedAt) keys of its normalized values; and, when 1 January was passed, the
    /// profiles with a predikat in the years that move the window. That second part reads every profile, once a year: on
    /// that night nearly every profile is due, and no index would beat the scan.
    /// </summary>
    private async Task<DueQuery> DueQueryAsync(DueSelection selection, CancellationToken cancellationToken)
    {
        if (selection.CoversAfter is not { } after)
        {
            return new DueQuery(
                """
                SELECT r.nip FROM staged_records r
                JOIN record_states j ON j.submission_id = r.submission_id AND j.record_index = r.record_index
                WHERE j.state = 'ACCEPTED' AND r.nip IS NOT NULL
                """);
        }

        var standard = await standardStore.LoadAsync(cancellationToken);
        var keys = new List<string>();
        for (var day = after.AddDays(1); day <= selection.EvaluationDate; day = day.AddDays(1))
        {
            foreach (var (method, rule) in standard.Methods)
            {
                keys.AddRange(CalendarDue.AssessedDatesTurningStaleOn(day, rule.ValidYears).Select(assessedAt => NormalizationWriter.AssessmentKey(method, assessedAt)));
            }
        }

        var years = CalendarDue.RatedYearsMovedBetween(after, selection.EvaluationDate).Select(y => y.ToString(CultureInfo.InvariantCulture)).ToArray();
        var sql = """
            SELECT r.nip FROM normalized_records v
            JOIN staged_records r ON r.submission_id = v.submission_id AND r.record_index = v.record_index
            JOIN record_states j ON j.submission_id = v.submission_id AND j.record_index = v.record_index
            WHERE v.assessment_keys && @keys AND j.state = 'ACCEPTED'
            """;
        if (years.Length == 0)
        {
            return new DueQuery(sql, [.. keys]);
        }

        sql += " UNION ALL SELECT nip FROM profiles WHERE merged_into IS NULL AND jsonb_exists_any(analytics -> 'predikat', @years)";
        return new DueQuery(sql, [.. keys], years);
    }

    private async Task<(string Checkpoint, string? Cause, DueSelection Selection)> StartAsync(Guid rebuildId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE index_rebuilds SET status = 'RUNNING' WHERE id = @id AND status <> 'COMPLETED' RETURNING coalesce(checkpoint, ''), cause, covers_after, evaluation_date");
        command.Parameters.AddWithValue("id", rebuildId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return ("", null, new DueSelection(null, default));
        }

        // Runs recorded before evaluation dates were: every profile, evaluated today.
        var evaluationDate = reader.IsDBNull(3) ? JakartaCalendar.DateOf(clock.GetUtcNow()) : reader.GetFieldValue<DateOnly>(3);
        var coversAfter = reader.IsDBNull(2) ? (DateOnly?)null : reader.GetFieldValue<DateOnly>(2);
        return (reader.GetString(0), reader.GetString(1), new DueSelection(coversAfter, evaluationDate));
    }

    private async Task<List<string>> NextNipsAsync(DueQuery due, string after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT DISTINCT nip FROM ({due.Sql}) due WHERE nip > @after ORDER BY nip LIMIT {pipeline.Value.ReconciliationChunkSize}");
        due.AddParameters(command.Parameters);
        command.Parameters.AddWithValue("after", after);
        var nips = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            nips.Add(reader.GetString(0));
        }

        return nips;
    }
}
