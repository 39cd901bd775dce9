using Npgsql;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.Api.Tests.Submissions;

namespace TalentHub.Api.Tests.Changes;

/// <summary>
/// The feed's guarantee under concurrent writers whose transactions commit out of order: a consumer that keeps
/// resuming from its last cursor sees every entry exactly once, in order, even though a sequence alone would let it
/// skip an entry whose transaction committed after a later one was read. The host runs no worker, so the test's own
/// transactions are the only ones writing its database.
/// </summary>
public sealed class ChangeFeedConcurrencyTests(NoWorkerFactory factory) : IClassFixture<NoWorkerFactory>
{
    [Fact]
    public async Task A_consumer_resuming_from_its_cursor_never_misses_an_entry_committed_out_of_order()
    {
        using var consumer = await factory.ClientWithScopesAsync(null, "changes.read");
        var cursor = await EndOfFeedAsync(consumer);

        // A slow writer takes its sequence number first and commits last.
        await using var slow = new NpgsqlConnection(factory.ConnectionString);
        await slow.OpenAsync();
        await using var slowTransaction = await slow.BeginTransactionAsync();
        await InsertEntryAsync(slow, slowTransaction, "SLOW-0");

        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await using var connection = new NpgsqlConnection(factory.ConnectionString);
                await connection.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await InsertEntryAsync(connection, transaction, $"W{w}-{i}");
                await transaction.CommitAsync();
            }
        })).ToList();

        var seen = new List<string>();
        while (writers.Any(w => !w.IsCompleted))
        {
            (cursor, var entries) = await ReadAsync(consumer, cursor);
            seen.AddRange(entries);
            Assert.DoesNotContain("SLOW-0", entries);
            await Task.Delay(10);
        }

        await Task.WhenAll(writers);
        (cursor, var afterWriters) = await ReadAsync(consumer, cursor);
        seen.AddRange(afterWriters);
        // While the slow transaction runs, the entries committed after it stay behind the watermark.
        Assert.Empty(seen);

        await slowTransaction.CommitAsync();
        while (true)
        {
            (cursor, var entries) = await ReadAsync(consumer, cursor);
            if (entries.Count == 0)
            {
                break;
            }

            seen.AddRange(entries);
        }

        Assert.Equal(101, seen.Count);
        Assert.Equal(101, seen.Distinct().Count());
        Assert.Equal("SLOW-0", seen[0]);
        foreach (var writer in Enumerable.Range(0, 4))
        {
            var own = seen.Where(s => s.StartsWith($"W{writer}-", StringComparison.Ordinal)).ToList();
            Assert.Equal(Enumerable.Range(0, 25).Select(i => $"W{writer}-{i}"), own);
        }
    }

    [Fact]
    public async Task A_transaction_running_in_another_database_on_the_server_does_not_hold_the_feed_back()
    {
        using var consumer = await factory.ClientWithScopesAsync(null, "changes.read");
        var cursor = await EndOfFeedAsync(consumer);
        await using var elsewhere = new NpgsqlConnection(await TestDatabase.CreateDatabaseAsync());
        await elsewhere.OpenAsync();
        await using var elsewhereTransaction = await elsewhere.BeginTransactionAsync();
        await using (var takeId = new NpgsqlCommand("SELECT pg_current_xact_id()", elsewhere, elsewhereTransaction))
        {
            await takeId.ExecuteScalarAsync();
        }

        await using (var writer = new NpgsqlConnection(factory.ConnectionString))
        {
            await writer.OpenAsync();
            await using var transaction = await writer.BeginTransactionAsync();
            await InsertEntryAsync(writer, transaction, "AFTER-FOREIGN");
            await transaction.CommitAsync();
        }

        var (_, entries) = await ReadAsync(consumer, cursor);

        Assert.Equal(["AFTER-FOREIGN"], entries);
    }

    [Fact]
    public async Task Entries_follow_transaction_ids_as_numbers_not_as_text()
    {
        using var consumer = await factory.ClientWithScopesAsync(null, "changes.read");
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            // Transaction ids 9 and 10: as text "10" sorts before "9", and a cursor after 10 would skip 9.
            await using var command = new NpgsqlCommand(
                "INSERT INTO change_feed (nip, version, kind, changed_at, xid) VALUES ('FEED-X9', 1, 'UPDATED', now(), '9'), ('FEED-X10', 1, 'UPDATED', now(), '10')",
                connection);
            await command.ExecuteNonQueryAsync();
        }

        var first = await (await consumer.GetAsync("/api/v1/changes?limit=1")).JsonAsync();
        var second = await (await consumer.GetAsync($"/api/v1/changes?limit=1&cursor={first.GetProperty("nextCursor").GetString()}")).JsonAsync();

        Assert.Equal("FEED-X9", first.GetProperty("items")[0].GetProperty("nip").GetString());
        Assert.Equal("FEED-X10", second.GetProperty("items")[0].GetProperty("nip").GetString());
    }

    private static async Task InsertEntryAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string marker)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO change_feed (nip, version, kind, changed_at) VALUES (@nip, 1, 'UPDATED', now())", connection, transaction);
        command.Parameters.AddWithValue("nip", "FEED-" + marker);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> EndOfFeedAsync(HttpClient consumer)
    {
        string? cursor = null;
        while (true)
        {
            var page = await (await consumer.GetAsync("/api/v1/changes?limit=1000" + (cursor is null ? "" : "&cursor=" + cursor))).JsonAsync();
            cursor = page.GetProperty("nextCursor").GetString()!;
            if (page.GetProperty("items").GetArrayLength() < 1000)
            {
                return cursor;
            }
        }
    }

    private static async Task<(string Cursor, List<string> Markers)> ReadAsync(HttpClient consumer, string cursor)
    {
        var page = await (await consumer.GetAsync($"/api/v1/changes?limit=7&cursor={cursor}")).JsonAsync();
        var markers = page.GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("nip").GetString()!)
            .Where(n => n.StartsWith("FEED-", StringComparison.Ordinal))
            .Select(n => n["FEED-".Length..])
            .ToList();
        return (page.GetProperty("nextCursor").GetString()!, markers);
    }
}
