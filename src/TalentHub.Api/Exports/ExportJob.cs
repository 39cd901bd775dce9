using System.Data;
using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Api.Changes;
using TalentHub.Api.Privacy;
using TalentHub.Infrastructure.Jobs;
using TalentHub.Infrastructure.Reconciliation;
using TalentHub.Infrastructure.Telemetry;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Api.Exports;

public sealed class ExportSettings
{
    public const string Section = "Exports";

    public int RetentionDays { get; set; } = 7;

    /// <summary>Queued or running exports a client may have at once; more answer 429.</summary>
    public int MaxRunningPerClient { get; set; } = 3;

    /// <summary>The size of each stored piece of a file (the last one is shorter).</summary>
    public int ChunkBytes { get; set; } = 1024 * 1024;

    /// <summary>Rows written between two updates of the export's progress.</summary>
    public int ProgressEveryRows { get; set; } = 5000;
}

/// <summary>
/// Writes an export: one REPEATABLE READ, read-only transaction streams the filtered profiles in NIP order through gzip
/// into fixed-size chunks stored in PostgreSQL, while its snapshot gives the feed cursor (every row and the cursor come
/// from one snapshot). Memory stays at one chunk whatever the size. A run that dies leaves the export RUNNING with
/// partial chunks; the next delivery starts over, and only the transaction that stores the last chunk marks it COMPLETED
/// with its size and checksum, so a truncated file is never COMPLETED.
/// </summary>
public sealed class ExportJob(
    [FromKeyedServices(JobDatabase.Key)] NpgsqlDataSource dataSource,
    StandardStore standardStore,
    IOptions<JsonOptions> json,
    IOptions<ExportSettings> settings,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    ILogger<ExportJob> logger)
{
    public const string ExpiryJobId = "exports-expiry";
    public const int Attempts = 3;

    /// <summary>How soon a delivery that found the export held by another run looks again.</summary>
    public static readonly TimeSpan BusyRetryDelay = TimeSpan.FromSeconds(30);

    [AutomaticRetry(Attempts = Attempts)]
    public async Task RunAsync(Guid exportId, CancellationToken cancellationToken)
    {
        using var activity = JobTelemetry.Start("export.write", "talenthub.export.id", exportId);
        // One run per export at a time; exports of different exports run side by side. A delivery that finds the
        // export held by a live run comes back later, so the work still has a job should that run die.
        await using var runLock = await JobLock.TryAcquireAsync(dataSource, "export:" + exportId, cancellationToken);
        if (runLock is null)
        {
            jobs.Schedule<ExportJob>(job => job.RunAsync(exportId, CancellationToken.None), BusyRetryDelay);
            return;
        }

        await using var writer = await dataSource.OpenConnectionAsync(cancellationToken);
        if (await ClaimAsync(writer, exportId, cancellationToken) is { } claim)
        {
            await RunClaimedAsync(writer, exportId, claim, cancellationToken);
        }
    }

    private async Task RunClaimedAsync(NpgsqlConnection writer, Guid exportId, Claim claim, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            await ExportAsync(writer, exportId, claim, cancellationToken);
            RecordDuration(claim, started, "completed");
        }
        catch (Exception exception) when (exception is not OperationCanceledException && claim.Attempt > Attempts)
        {
            RecordDuration(claim, started, "failed");
            // Hangfire will not deliver it again: say so rather than leave it RUNNING for ever.
            logger.LogError(exception, "Export {ExportId} failed on its last attempt", exportId);
            await using var failed = new NpgsqlCommand(
                "UPDATE exports SET status = 'FAILED', error = 'The export could not be written; create a new one.' WHERE id = @id; DELETE FROM export_chunks WHERE export_id = @id",
                writer);
            failed.Parameters.AddWithValue("id", exportId);
            await failed.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    private static void RecordDuration(Claim claim, long started, string outcome) =>
        TalentHubMetrics.ExportDuration.Record(
            Stopwatch.GetElapsedTime(started).TotalSeconds,
            new KeyValuePair<string, object?>("format", claim.Format),
            new KeyValuePair<string, object?>(TalentHubMetrics.OutcomeTag, outcome));

    /// <summary>Completed exports past their expiry lose their file and become EXPIRED; failed ones lose their partial file.</summary>
    [AutomaticRetry(Attempts = 3)]
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task ExpireAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            WITH expired AS (
                UPDATE exports SET status = 'EXPIRED' WHERE status = 'COMPLETED' AND expires_at <= @now RETURNING id)
            DELETE FROM export_chunks WHERE export_id IN (SELECT id FROM expired)
                OR export_id IN (SELECT id FROM exports WHERE status = 'FAILED');
            """);
        command.Parameters.AddWithValue("now", clock.DatabaseNow());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Claim(string Format, ExportFilter Filter, bool Unmasked, string ClientId, int Attempt, int ChunkBytes);

    private static async Task<Claim?> ClaimAsync(NpgsqlConnection writer, Guid exportId, CancellationToken cancellationToken)
    {
        await using var claim = new NpgsqlCommand(
            """
            UPDATE exports SET status = 'RUNNING', attempts = attempts + 1, started_at = now(), done = 0
            WHERE id = @id AND status IN ('QUEUED', 'RUNNING')
            RETURNING format, filter, unmasked, client_id, attempts, chunk_bytes;
            """,
            writer);
        claim.Parameters.AddWithValue("id", exportId);
        Claim? claimed = null;
        await using (var reader = await claim.ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                claimed = new Claim(
                    reader.GetString(0), ExportRequests.ParseFilter(reader.GetString(1)), reader.GetBoolean(2), reader.GetString(3), reader.GetInt32(4), reader.GetInt32(5));
            }
        }

        if (claimed is not null)
        {
            // Whatever an earlier, interrupted run stored is discarded: this run writes the whole file again.
            await using var restart = new NpgsqlCommand("DELETE FROM export_chunks WHERE export_id = @id", writer);
            restart.Parameters.AddWithValue("id", exportId);
            await restart.ExecuteNonQueryAsync(cancellationToken);
        }

        return claimed;
    }

    private async Task ExportAsync(NpgsqlConnection writer, Guid exportId, Claim claim, CancellationToken cancellationToken)
    {
        var standard = await standardStore.LoadAsync(cancellationToken);
        var csv = new ExportCsv([.. standard.StandardLevels.Values.SelectMany(l => l.Keys).Distinct().Order(StringComparer.Ordinal)]);

        await using var snapshotConnection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var snapshot = await snapshotConnection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", snapshotConnection, snapshot))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        string snapshotText;
        long total;
        await using (var start = new NpgsqlCommand($"SELECT pg_current_snapshot()::text, (SELECT count(*) FROM profiles p WHERE {Where})", snapshotConnection, snapshot))
        {
            AddFilter(start, claim.Filter);
            await using var reader = await start.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            snapshotText = reader.GetString(0);
            total = reader.GetInt64(1);
        }

        var feedCursor = FeedCursor.OfSnapshot(snapshotText).Encode();
        await ExecuteAsync(writer, "UPDATE exports SET total = @total, feed_cursor = @cursor WHERE id = @id", cancellationToken, ("id", exportId), ("total", total), ("cursor", feedCursor));

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var sink = new ChunkSink(claim.ChunkBytes, hash, (seq, data, ct) => InsertChunkAsync(writer, null, exportId, seq, data, ct));
        long rows = 0;
        var options = json.Value.SerializerOptions;
        var newline = "\n"u8.ToArray();
        await using (var gzip = new GZipStream(sink, CompressionLevel.Fastest, leaveOpen: true))
        {
            if (claim.Format == ExportFormats.Csv)
            {
                await gzip.WriteAsync(Encoding.UTF8.GetBytes(csv.Header()), cancellationToken);
            }

            await using var read = new NpgsqlCommand($"SELECT p.version, p.content, p.provenance, p.complete FROM profiles p WHERE {Where} ORDER BY p.nip", snapshotConnection, snapshot);
            AddFilter(read, claim.Filter);
            await using var reader = await read.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var version = reader.GetInt32(0);
                var content = reader.GetString(1);
                var provenance = reader.GetString(2);
                var isComplete = reader.GetBoolean(3);
                if (claim.Format == ExportFormats.Csv)
                {
                    await gzip.WriteAsync(Encoding.UTF8.GetBytes(csv.Row(content, isComplete, claim.Unmasked)), cancellationToken);
                }
                else
                {
                    // The same document as GET /api/v1/profiles/{nip} for this caller.
                    await gzip.WriteAsync(PersonalDataMasking.Profile(content, version, provenance, claim.Unmasked, options), cancellationToken);
                    await gzip.WriteAsync(newline, cancellationToken);
                }

                if (++rows % settings.Value.ProgressEveryRows == 0)
                {
                    await ExecuteAsync(writer, "UPDATE exports SET done = @done WHERE id = @id", cancellationToken, ("id", exportId), ("done", rows));
                }
            }
        }

        await snapshot.CommitAsync(cancellationToken);
        var (lastSeq, last) = sink.Remainder();
        var completedAt = clock.DatabaseNow();
        await using var complete = await writer.BeginTransactionAsync(cancellationToken);
        await InsertChunkAsync(writer, complete, exportId, lastSeq, last, cancellationToken);
        await ExecuteAsync(
            writer,
            """
            UPDATE exports SET status = 'COMPLETED', done = @rows, row_count = @rows, byte_size = @bytes, sha256 = @sha, completed_at = @now, expires_at = @expires
            WHERE id = @id AND status = 'RUNNING'
            """,
            cancellationToken,
            ("id", exportId),
            ("rows", rows),
            ("bytes", sink.Length),
            ("sha", hash.GetHashAndReset()),
            ("now", completedAt),
            ("expires", completedAt.AddDays(settings.Value.RetentionDays)));
        if (claim.Unmasked)
        {
            // An export of personal data in clear names no NIPs one by one: the log keeps its filter and row count.
            var details = PiiAccessLog.ExportDetails(exportId, claim.Filter, rows);
            await ExecuteAsync(
                writer,
                "INSERT INTO pii_access_log (client_id, at, endpoint, nips, details) VALUES (@client, @now, @endpoint, '{}', @details)",
                cancellationToken,
                ("client", claim.ClientId),
                ("now", completedAt),
                ("endpoint", $"/api/v1/exports/{exportId}"),
                ("details", details));
        }

        await complete.CommitAsync(cancellationToken);
    }

    private const string Where =
        """
        p.merged_into IS NULL
          AND (@agency::text IS NULL OR p.employing_agency = @agency) AND (@province::text IS NULL OR p.work_province = @province)
          AND (@level::text IS NULL OR p.position_level = @level) AND (@status::text IS NULL OR p.status = @status)
          AND (@box::int IS NULL OR p.box = @box)
        """;

    private static void AddFilter(NpgsqlCommand command, ExportFilter filter)
    {
        command.Parameters.Add(new NpgsqlParameter("agency", NpgsqlDbType.Text) { Value = (object?)filter.AgencyCode ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("province", NpgsqlDbType.Text) { Value = (object?)filter.Province ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("level", NpgsqlDbType.Text) { Value = (object?)filter.PositionLevel ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Text) { Value = (object?)filter.Status ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("box", NpgsqlDbType.Integer) { Value = (object?)filter.Box ?? DBNull.Value });
    }

    private static async Task InsertChunkAsync(NpgsqlConnection writer, NpgsqlTransaction? transaction, Guid exportId, int seq, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await using var insert = new NpgsqlCommand("INSERT INTO export_chunks (export_id, seq, data) VALUES (@id, @seq, @data)", writer, transaction);
        insert.Parameters.AddWithValue("id", exportId);
        insert.Parameters.AddWithValue("seq", seq);
        insert.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = data });
        await insert.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// The gzip output cut into pieces of exactly <c>chunkBytes</c>, each stored as soon as it is full, hashed on the way;
/// the remainder (possibly empty) is stored by the caller with the completion.
/// </summary>
internal sealed class ChunkSink(int chunkBytes, IncrementalHash hash, Func<int, ReadOnlyMemory<byte>, CancellationToken, Task> store) : Stream
{
    private readonly byte[] _buffer = new byte[chunkBytes];
    private int _filled;
    private int _seq;
    private long _length;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public (int Seq, ReadOnlyMemory<byte> Data) Remainder() => (_seq, _buffer.AsMemory(0, _filled));

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        hash.AppendData(source.Span);
        _length += source.Length;
        while (source.Length > 0)
        {
            var take = Math.Min(source.Length, _buffer.Length - _filled);
            source[..take].CopyTo(_buffer.AsMemory(_filled));
            _filled += take;
            source = source[take..];
            if (_filled == _buffer.Length)
            {
                await store(_seq++, _buffer, cancellationToken);
                _filled = 0;
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // GZipStream writes its trailer synchronously when disposed; the trailer is a few bytes and never completes a chunk
    // on its own unless the buffer is full, which the synchronous path stores by blocking on the same insert.
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
