using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Domain.Records;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Infrastructure.Ingestion;

public sealed record IntakeRequest(
    string AgencyCode,
    string ClientId,
    string IdempotencyKey,
    SubmissionFormat Format,
    string MediaType,
    bool Gzip,
    Stream Body);

public abstract record IntakeOutcome
{
    /// <summary>A new submission (or, when <see cref="Replayed"/>, the original one of the same key and body).</summary>
    public sealed record Staged(Guid SubmissionId, string Response, bool Replayed) : IntakeOutcome;

    /// <summary>The first request with this key is still being received.</summary>
    public sealed record InFlight : IntakeOutcome;

    /// <summary>The key was used before with another body.</summary>
    public sealed record KeyReused : IntakeOutcome;

    public sealed record Refused(int Status, string Detail) : IntakeOutcome;
}

/// <summary>
/// Receives a submission: streams the body (decompressing gzip) through the format's splitter straight into
/// <c>staged_records</c> with binary COPY, in one transaction with the submission row, so a request either stages all
/// of its records or none. The Idempotency-Key is serialized by a transaction-scoped advisory lock: a concurrent retry
/// learns at once that the first is in flight instead of waiting on the unique index.
/// </summary>
public sealed class SubmissionIntake(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const long MaxDecompressedBytes = 2L * 1024 * 1024 * 1024;

    public async Task<IntakeOutcome> ReceiveAsync(IntakeRequest request, Func<Submission, string> renderResponse, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.MediaType}\n{(request.Gzip ? "gzip" : "identity")}\n"));
        var hashingBody = new HashingReadStream(request.Body, hash);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var lockCommand = new NpgsqlCommand("SELECT pg_try_advisory_xact_lock(hashtextextended(@key, 7))", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", $"submission:{request.AgencyCode}:{request.IdempotencyKey}");
            if (await lockCommand.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return new IntakeOutcome.InFlight();
            }
        }

        var existing = await FindByKeyAsync(connection, transaction, request, cancellationToken);
        if (existing is { } original)
        {
            await hashingBody.CopyToAsync(Stream.Null, cancellationToken);
            return CryptographicOperations.FixedTimeEquals(hash.GetHashAndReset(), original.RequestHash)
                ? new IntakeOutcome.Staged(original.Id, original.Response, Replayed: true)
                : new IntakeOutcome.KeyReused();
        }

        var submission = new Submission
        {
            Id = Guid.CreateVersion7(),
            AgencyCode = request.AgencyCode,
            ClientId = request.ClientId,
            IdempotencyKey = request.IdempotencyKey,
            RequestHash = [],
            OriginalResponse = "",
            Format = request.Format,
            Status = SubmissionStatus.Received,
            ProgressPhase = SubmissionPhases.Received,
            ReceivedAt = clock.DatabaseNow(),
        };

        IntakeOutcome.Refused? refusal;
        try
        {
            refusal = await StageAsync(connection, submission, request, hashingBody, cancellationToken);
        }
        catch (TruncatedGzipException)
        {
            refusal = new IntakeOutcome.Refused(400, "The gzip body is incomplete: it does not end with the gzip trailer (CRC-32 and length) of what it holds. Nothing was staged; send the whole body again.");
        }
        catch (InvalidDataException)
        {
            refusal = new IntakeOutcome.Refused(400, "The body is not valid gzip.");
        }
        catch (GzipBombException)
        {
            refusal = new IntakeOutcome.Refused(413, $"The gzip body inflates more than {VerifiedGzipStream.MaxInflation}-fold: refused as a decompression bomb.");
        }
        catch (DecompressedBodyTooLargeException)
        {
            refusal = new IntakeOutcome.Refused(413, $"The body exceeds {MaxDecompressedBytes / (1024 * 1024 * 1024)} GB once decompressed.");
        }

        if (refusal is not null)
        {
            return refusal;
        }

        submission.RequestHash = hash.GetHashAndReset();
        submission.BodyBytes = hashingBody.BytesRead;
        submission.ProgressTotal = submission.Received;
        submission.OriginalResponse = renderResponse(submission);
        await InsertSubmissionAsync(connection, transaction, submission, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IntakeOutcome.Staged(submission.Id, submission.OriginalResponse, Replayed: false);
    }

    private static async Task<IntakeOutcome.Refused?> StageAsync(
        NpgsqlConnection connection, Submission submission, IntakeRequest request, HashingReadStream body, CancellationToken cancellationToken)
    {
        Stream records = request.Gzip
            ? new LimitedReadStream(new VerifiedGzipStream(body), MaxDecompressedBytes, () => new DecompressedBodyTooLargeException())
            : body;
        var csv = request.Format == SubmissionFormat.Csv ? new CsvSplitter() : null;
        var items = request.Format switch
        {
            SubmissionFormat.JsonArray => JsonArraySplitter.ReadAsync(records, cancellationToken),
            SubmissionFormat.Ndjson => NdjsonSplitter.ReadAsync(records, cancellationToken),
            _ => csv!.ReadAsync(records, cancellationToken),
        };

        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY staged_records (submission_id, record_index, line, raw, ingest_error, nip) FROM STDIN (FORMAT BINARY)", cancellationToken);
        var index = 0;
        var utf8 = new byte[4096];
        await foreach (var item in items)
        {
            if (item.Fault is { } fault)
            {
                return new IntakeOutcome.Refused(fault.Status, fault.Detail);
            }

            if (index >= IngestLimits.MaxRecords)
            {
                return new IntakeOutcome.Refused(413, $"A submission holds at most {IngestLimits.MaxRecords:N0} records.");
            }

            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(submission.Id, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(index, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteNullableAsync(item.Line, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(item.Raw, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteNullableAsync(item.IngestError, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteNullableAsync(item.IngestError is null ? BinaryImport.Bounded(StagedNipOf(item.Raw, ref utf8), 64) : null, NpgsqlDbType.Text, cancellationToken);
            index++;
        }

        if (index == 0)
        {
            return new IntakeOutcome.Refused(400, "The body holds no records.");
        }

        await importer.CompleteAsync(cancellationToken);
        submission.Received = index;
        submission.CsvDecimalComma = csv?.Delimiter == ';';
        return null;
    }

    /// <summary>The NIP the record names (docs/domain/records.md#outcome), from its text encoded into a buffer that grows as needed.</summary>
    private static string? StagedNipOf(string raw, ref byte[] utf8)
    {
        var length = Encoding.UTF8.GetMaxByteCount(raw.Length);
        if (utf8.Length < length)
        {
            utf8 = new byte[Math.Max(length, utf8.Length * 2)];
        }

        return StagedNip.Read(utf8.AsSpan(0, Encoding.UTF8.GetBytes(raw, utf8)));
    }

    private sealed record ExistingSubmission(Guid Id, byte[] RequestHash, string Response);

    private static async Task<ExistingSubmission?> FindByKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IntakeRequest request, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT id, request_hash, original_response FROM submissions WHERE agency_code = @agency AND idempotency_key = @key", connection, transaction);
        command.Parameters.AddWithValue("agency", request.AgencyCode);
        command.Parameters.AddWithValue("key", request.IdempotencyKey);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ExistingSubmission(reader.GetGuid(0), (byte[])reader[1], reader.GetString(2))
            : null;
    }

    private static async Task InsertSubmissionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Submission s, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO submissions (id, agency_code, client_id, idempotency_key, request_hash, original_response, format, csv_decimal_comma,
                status, body_bytes, received, accepted, pending_mapping, rejected, progress_phase, progress_done, progress_total,
                received_at)
            VALUES (@id, @agency, @client, @key, @hash, @response, @format, @decimalComma,
                @status, @bytes, @received, 0, 0, 0, @phase, 0, @total, @receivedAt)
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("id", s.Id);
        command.Parameters.AddWithValue("agency", s.AgencyCode);
        command.Parameters.AddWithValue("client", s.ClientId);
        command.Parameters.AddWithValue("key", s.IdempotencyKey);
        command.Parameters.AddWithValue("hash", s.RequestHash);
        command.Parameters.AddWithValue("response", s.OriginalResponse);
        command.Parameters.AddWithValue("format", UpperSnakeCase.Of(s.Format));
        command.Parameters.AddWithValue("decimalComma", s.CsvDecimalComma);
        command.Parameters.AddWithValue("status", UpperSnakeCase.Of(s.Status));
        command.Parameters.AddWithValue("bytes", s.BodyBytes);
        command.Parameters.AddWithValue("received", s.Received);
        command.Parameters.AddWithValue("phase", s.ProgressPhase);
        command.Parameters.AddWithValue("total", s.ProgressTotal);
        command.Parameters.AddWithValue("receivedAt", s.ReceivedAt);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

public sealed class DecompressedBodyTooLargeException() : IOException("The decompressed body exceeds its limit.");

/// <summary>Hashes every byte read through it (the request as sent, before decompression).</summary>
internal sealed class HashingReadStream(Stream inner, IncrementalHash hash) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Account(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        return Account(buffer.Span[..read]);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Account(ReadOnlySpan<byte> read)
    {
        hash.AppendData(read);
        BytesRead += read.Length;
        return read.Length;
    }

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A read-only stream that fails once more than its limit has been read through it (body limits, decompression bombs).</summary>
public sealed class LimitedReadStream(Stream inner, long limit, Func<Exception> exceeded) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw exceeded() : read;
    }

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
