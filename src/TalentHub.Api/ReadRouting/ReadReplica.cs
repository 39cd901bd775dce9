using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.ReadRouting;

/// <summary>
/// The streaming replica that serves the reads marked <see cref="ReadRoutingSetup.ReadsFromReplica{TBuilder}"/>
/// (<c>ConnectionStrings:TalentHubReadReplica</c>; one server: the replay check and the read must reach the same one).
/// A read carrying a consistency token goes to the replica only once the replica has replayed the WAL up to it.
/// </summary>
public sealed class ReadReplica : IAsyncDisposable
{
    /// <summary>How long a replay position is trusted as proof that the replica answers before it is asked again.</summary>
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);

    /// <summary>How long reads stay on the primary after the replica failed to answer.</summary>
    private static readonly TimeSpan Backoff = TimeSpan.FromSeconds(10);

    private readonly PooledDbContextFactory<TalentHubDbContext> _contexts;
    private readonly ILogger<ReadReplica> _logger;

    // A lower bound of the replica's replay position (the replica only moves forward), until when that reading proves
    // the replica answers, and until when the replica is skipped after a failure (Stopwatch timestamps). Raced benignly:
    // a lost update costs one more query.
    private ulong _replayed;
    private long _freshUntil;
    private long _unreachableUntil;

    public ReadReplica(string connectionString, ILogger<ReadReplica> logger)
    {
        DataSource = NpgsqlDataSource.Create(connectionString);
        _contexts = new PooledDbContextFactory<TalentHubDbContext>(new DbContextOptionsBuilder<TalentHubDbContext>().UseNpgsql(DataSource).Options);
        _logger = logger;
    }

    public NpgsqlDataSource DataSource { get; }

    public TalentHubDbContext CreateDbContext() => _contexts.CreateDbContext();

    /// <summary>
    /// Whether the replica may serve a read: it answers, and it has replayed past <paramref name="token"/> (a commit
    /// position the caller has seen on the primary) when there is one. False sends the read to the primary.
    /// </summary>
    public async Task<bool> ServesAsync(NpgsqlLogSequenceNumber? token, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        if (now < Interlocked.Read(ref _unreachableUntil))
        {
            return false;
        }

        var proven = token is null || (ulong)token.Value <= Interlocked.Read(ref _replayed);
        if (proven && now < Interlocked.Read(ref _freshUntil))
        {
            return true;
        }

        ulong replayed;
        try
        {
            replayed = await ReplayPositionAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            Interlocked.Exchange(ref _unreachableUntil, now + Ticks(Backoff));
            _logger.LogWarning(exception, "The read replica did not answer; reads go to the primary for {Backoff}", Backoff);
            return false;
        }

        if (replayed > Interlocked.Read(ref _replayed))
        {
            Interlocked.Exchange(ref _replayed, replayed);
        }

        Interlocked.Exchange(ref _freshUntil, now + Ticks(Fresh));
        return token is null || (ulong)token.Value <= replayed;
    }

    /// <summary>
    /// How far the replica has replayed the primary's WAL. A server that is not in recovery (a promoted replica, or the
    /// primary itself named as the replica) has every commit it will ever serve up to its own insert position.
    /// </summary>
    private async Task<ulong> ReplayPositionAsync(CancellationToken cancellationToken)
    {
        await using var command = DataSource.CreateCommand(
            "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_insert_lsn() END");
        command.CommandTimeout = 2;
        return await command.ExecuteScalarAsync(cancellationToken) is NpgsqlLogSequenceNumber position ? (ulong)position : 0;
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
