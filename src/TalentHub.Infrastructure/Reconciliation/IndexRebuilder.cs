using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;
using TalentHub.Infrastructure.Time;
using Microsoft.Extensions.DependencyInjection;
using TalentHub.Infrastructure.Jobs;

namespace TalentHub.Infrastructure.Reconciliation;

/// <summary>
/// Recomputes every profile from the observations (admin rebuild, and the nightly refresh that lets staleness and
/// the performance window move with the calendar). Profiles whose content is unchanged get no version, so a rebuild
/// over an unchanged index is a no-op diff. Checkpointed by NIP; a re-run resumes after the last committed chunk.
/// </summary>
public sealed class IndexRebuilder(
    [FromKeyedServices(JobDatabase.Key)] NpgsqlDataSource dataSource,
    Reconciler reconciler,
    IBackgroundJobClient jobs,
    IOptions<PipelineSettings> pipeline,
    TimeProvider clock)
{
    public const string NightlyJobId = "index-nightly-refresh";

    /// <summary>How soon a rebuild that found another one running looks again.</summary>
    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>Starts a rebuild record; the caller enqueues <see cref="RunAsync"/>.</summary>
    public async Task<Guid> CreateAsync(string cause, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO index_rebuilds (id, status, cause, done, total, versions, created_at)
            VALUES (@id, 'QUEUED', @cause, 0, (SELECT count(DISTINCT nip) FROM staged_records WHERE state = 'ACCEPTED' AND nip IS NOT NULL), 0, @now)
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("cause", cause);
        command.Parameters.AddWithValue("now", clock.DatabaseNow());
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

        var (checkpoint, cause) = await StartAsync(rebuildId, cancellationToken);
        if (cause is null)
        {
            return;
        }

        while (true)
        {
            var nips = await NextNipsAsync(checkpoint, cancellationToken);
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

    /// <summary>The nightly refresh: a rebuild whose unchanged profiles cost a comparison and nothing more.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task RefreshNightlyAsync(CancellationToken cancellationToken) =>
        await RunAsync(await CreateAsync("NIGHTLY_REFRESH", cancellationToken), cancellationToken);

    private async Task<(string Checkpoint, string? Cause)> StartAsync(Guid rebuildId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE index_rebuilds SET status = 'RUNNING' WHERE id = @id AND status <> 'COMPLETED' RETURNING coalesce(checkpoint, ''), cause");
        command.Parameters.AddWithValue("id", rebuildId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetString(0), reader.GetString(1)) : ("", null);
    }

    private async Task<List<string>> NextNipsAsync(string after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT DISTINCT nip FROM staged_records WHERE state = 'ACCEPTED' AND nip > @after ORDER BY nip LIMIT {pipeline.Value.ReconciliationChunkSize}");
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
