using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Api.ReadRouting;
using TalentHub.Domain.Access;

namespace TalentHub.Api.Changes;

/// <summary>
/// The change feed (docs/domain/reconciliation.md#change-feed). Entries are ordered by (writing transaction id, sequence), and only entries
/// of transactions older than every transaction still running are served: a transaction that commits late has a
/// lower id than that watermark only once it is finished, so no entry ever appears behind a cursor handed out.
/// Transaction ids are server-wide, so a running transaction is left out of the watermark when it is seen running in
/// another database (it cannot write this feed); one not seen at all (finished since the snapshot, prepared, or not
/// visible to this role) holds the watermark back, which errs on the safe side. On a hot standby (the read replica)
/// <c>pg_current_snapshot()</c> lists no running transactions (PostgreSQL keeps them in the snapshot's subtransaction
/// array there) while its xmin is still the oldest transaction the replica knows to be running on the primary, in any
/// database: the watermark is that xmin.
/// </summary>
public static class ChangesApi
{
    public static IEndpointRouteBuilder MapChangesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/changes", GetChanges)
            .RequireScope(Scopes.ChangesRead)
            .ReadsFromReplica()
            .WithTags("Change feed")
            .WithName("GetChanges")
            .WithSummary("Profile changes after a cursor, in commit-safe order; nextCursor is always returned to resume from");
        return app;
    }

    /// <summary>
    /// <c>WITH snapshot AS (...), watermark AS (SELECT ... AS below)</c>: entries with <c>xid &lt; watermark.below</c> are
    /// served; the rest wait for an older transaction to end (also read by the feed's lag gauges).
    /// </summary>
    public const string WatermarkCte =
        """
        WITH snapshot AS (SELECT pg_current_snapshot() AS s),
        watermark AS (
            SELECT CASE WHEN pg_is_in_recovery() THEN pg_snapshot_xmin(snapshot.s) ELSE coalesce(
                (SELECT min(running) FROM pg_snapshot_xip(snapshot.s) AS running
                 WHERE NOT EXISTS (SELECT 1 FROM pg_stat_activity a
                                   WHERE a.backend_xid = xid(running) AND a.datname <> current_database())),
                pg_snapshot_xmax(snapshot.s)) END AS below
            FROM snapshot)
        """;

    public sealed record ChangeEntry(string Cursor, string Nip, int Version, string Kind, DateTimeOffset ChangedAt);

    public sealed record ChangePage(IReadOnlyList<ChangeEntry> Items, string NextCursor);

    public static async Task<Results<Ok<ChangePage>, ValidationProblem>> GetChanges(ReadRoute reads, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > PageRequest.MaxLimit)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {PageRequest.MaxLimit}."] });
        }

        var position = FeedCursor.Start;
        if (cursor is not null)
        {
            if (FeedCursor.Decode(cursor) is not { } decoded)
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not one this feed issued."] });
            }

            position = decoded;
        }

        await using var command = reads.DataSource.CreateCommand(
            $"""
            {WatermarkCte}
            SELECT f.xid::text AS xid_text, f.seq, f.nip, f.version, f.kind, f.changed_at FROM change_feed f, watermark
            WHERE f.xid < watermark.below AND (f.xid, f.seq) > (@xid::text::xid8, @seq)
              AND (@snapshot::text IS NULL OR NOT pg_visible_in_snapshot(f.xid, @snapshot::text::pg_snapshot))
            ORDER BY f.xid, f.seq
            LIMIT @limit
            """);
        command.Parameters.AddWithValue("xid", position.Xid.ToString(CultureInfo.InvariantCulture));
        command.Parameters.Add(new NpgsqlParameter("snapshot", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)position.Snapshot ?? DBNull.Value });
        command.Parameters.AddWithValue("seq", position.Seq);
        command.Parameters.AddWithValue("limit", limit ?? PageRequest.DefaultLimit);
        var items = new List<ChangeEntry>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                position = position.After(ulong.Parse(reader.GetString(0), CultureInfo.InvariantCulture), reader.GetInt64(1));
                items.Add(new ChangeEntry(position.Encode(), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
            }
        }

        return TypedResults.Ok(new ChangePage(items, position.Encode()));
    }
}
