using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Jobs;

namespace TalentHub.Infrastructure.Analytics;

/// <summary>
/// Moves the writers' shard rows of the counting tables into each cell's <see cref="CounterShards.Folded"/> row, so that
/// readers sum about one row per cell instead of up to nine. Each batch moves its rows in one transaction (deleted from
/// their shards, added to the folded rows), so every snapshot sums to the same counts before and after: readers never
/// see a count that is not exact. Writers never touch the folded rows, and the shard rows a writer holds are skipped
/// (<c>SKIP LOCKED</c>) until a later run, so the fold never waits on a writer; folds are serialized by an advisory lock.
/// </summary>
public sealed class CounterFold([FromKeyedServices(JobDatabase.Key)] NpgsqlDataSource dataSource)
{
    public const string JobId = "analytics-counters-fold";
    private const int BatchRows = 20_000;

    /// <summary>An arbitrary constant that names this fold's advisory lock.</summary>
    private const long LockKey = 0x7461_6c66_6f6c_64;

    private static readonly CountingTable[] Tables =
    [
        new("nine_box_counts", ["agency_code", "province_code", "position_level", "box", "unplaced"], ["people"], NineBoxNational),
        new("competency_level_counts", ["agency_code", "province_code", "position_level", "competency_code", "method", "level"], ["people"]),
        new("competency_rollup_counts", ["rollup", "group_code", "position_level", "competency_code"], ["level1", "level2", "level3", "level4", "level5"]),
    ];

    /// <summary>The moved people added to the national 9-box of the folded rows, in the batch that folds them.</summary>
    private const string NineBoxNational =
        """
        national AS (
            INSERT INTO nine_box_national_counts AS n (box, unplaced, people)
            SELECT box, unplaced, sum(people)::bigint FROM moved GROUP BY box, unplaced ORDER BY box, unplaced
            ON CONFLICT (box, unplaced) DO UPDATE SET people = n.people + excluded.people)
        """;

    /// <summary>Folds every table until no unlocked shard row is left; returns the number of shard rows moved.</summary>
    [AutomaticRetry(Attempts = 0)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task<long> FoldAsync(CancellationToken cancellationToken)
    {
        long moved = 0;
        foreach (var table in Tables)
        {
            long batch;
            do
            {
                await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
                {
                    lockCommand.Parameters.AddWithValue("key", LockKey);
                    await lockCommand.ExecuteNonQueryAsync(cancellationToken);
                }

                await using var command = new NpgsqlCommand(table.FoldSql, connection, transaction);
                command.Parameters.AddWithValue("batch", BatchRows);
                batch = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
                await transaction.CommitAsync(cancellationToken);
                moved += batch;
            }
            while (batch == BatchRows);
        }

        return moved;
    }

    /// <summary>A counting table, and the totals (a statement on the <c>moved</c> rows) kept in step with its folded rows.</summary>
    private sealed record CountingTable(string Name, string[] Keys, string[] Values, string? Totals = null)
    {
        /// <summary>
        /// One batch: up to @batch unlocked shard rows deleted; their sums per cell added to the cell's folded row (read in
        /// this statement's snapshot: only a fold writes it, under the advisory lock), which is removed when it falls to zero.
        /// </summary>
        public string FoldSql
        {
            get
            {
                var keys = string.Join(", ", Keys);
                var sameCell = string.Join(" AND ", Keys.Select(k => $"f.{k} = m.{k}"));
                var zero = string.Join(" AND ", Values.Select(v => $"m.{v} = 0"));
                return $"""
                    WITH moved AS (
                        DELETE FROM {Name} WHERE ctid = ANY(ARRAY(
                            SELECT ctid FROM {Name} WHERE shard <> {CounterShards.Folded} LIMIT @batch FOR UPDATE SKIP LOCKED))
                        RETURNING {keys}, {string.Join(", ", Values)}),
                    merged AS (
                        SELECT {string.Join(", ", Keys.Select(k => "s." + k))}, {string.Join(", ", Values.Select(v => $"s.{v} + coalesce(f.{v}, 0) AS {v}"))},
                               f.shard IS NOT NULL AS present
                        FROM (SELECT {keys}, {string.Join(", ", Values.Select(v => $"sum({v})::bigint AS {v}"))} FROM moved GROUP BY {keys}) s
                        LEFT JOIN {Name} f ON {string.Join(" AND ", Keys.Select(k => $"f.{k} = s.{k}"))} AND f.shard = {CounterShards.Folded}),
                    emptied AS (
                        DELETE FROM {Name} f USING merged m WHERE m.present AND {zero} AND {sameCell} AND f.shard = {CounterShards.Folded}),
                    updated AS (
                        UPDATE {Name} f SET {string.Join(", ", Values.Select(v => $"{v} = m.{v}"))}
                        FROM merged m WHERE m.present AND NOT ({zero}) AND {sameCell} AND f.shard = {CounterShards.Folded}),
                    inserted AS (
                        INSERT INTO {Name} ({keys}, shard, {string.Join(", ", Values)})
                        SELECT {keys}, {CounterShards.Folded}, {string.Join(", ", Values)} FROM merged m WHERE NOT m.present AND NOT ({zero}))
                    {(Totals is null ? "" : "," + Totals)}
                    SELECT count(*) FROM moved
                    """;
            }
        }
    }
}
