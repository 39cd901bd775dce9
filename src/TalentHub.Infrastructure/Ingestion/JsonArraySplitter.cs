using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace TalentHub.Infrastructure.Ingestion;

/// <summary>
/// Splits a JSON array body into its elements as it streams in, keeping each element's exact bytes, never the whole
/// body. The array must be well-formed as a whole (docs/domain/records.md#body-formats): any syntax error, even after the last element,
/// is a fault for the whole request.
/// </summary>
public static class JsonArraySplitter
{
    private const int ReadSize = 64 * 1024;

    /// <summary>One more than a record's own depth limit: the array itself is a level.</summary>
    private const int MaxDepth = 33;

    public static async IAsyncEnumerable<IncomingRecord> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize * 2);
        try
        {
            var end = 0;
            var readFrom = 0;
            var elementStart = -1;
            var finalBlock = false;
            var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth });
            var sawArray = false;
            var arrayClosed = false;
            var done = false;
            while (!done)
            {
                if (!finalBlock)
                {
                    // Keep the element being read (or, between elements, only the unread bytes), then fill up.
                    var keepFrom = elementStart >= 0 ? elementStart : readFrom;
                    if (keepFrom > 0)
                    {
                        Buffer.BlockCopy(buffer, keepFrom, buffer, 0, end - keepFrom);
                        end -= keepFrom;
                        readFrom -= keepFrom;
                        elementStart = elementStart >= 0 ? elementStart - keepFrom : -1;
                    }

                    if (end - (elementStart >= 0 ? elementStart : 0) > IngestLimits.MaxRecordBytes)
                    {
                        yield return IncomingRecord.Failed(413, $"A record of the array exceeds {IngestLimits.MaxRecordBytes / 1024} KB.");
                        yield break;
                    }

                    if (buffer.Length - end < ReadSize)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, end + ReadSize));
                        Buffer.BlockCopy(buffer, 0, larger, 0, end);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await body.ReadAsync(buffer.AsMemory(end, buffer.Length - end), cancellationToken);
                    end += read;
                    finalBlock = read == 0;
                }

                var step = Step(buffer.AsSpan(0, end), ref readFrom, ref elementStart, ref state, ref sawArray, ref arrayClosed, finalBlock);
                foreach (var record in step.Records)
                {
                    yield return record;
                }

                if (step.Fault is { } fault)
                {
                    yield return IncomingRecord.Failed(400, fault);
                    yield break;
                }

                done = step.Finished;
                if (!done && finalBlock)
                {
                    yield return IncomingRecord.Failed(400, "The JSON array ends before it is closed.");
                    yield break;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private readonly record struct StepResult(List<IncomingRecord> Records, bool Finished, string? Fault);

    /// <summary>Reads as many tokens as the buffer holds; synchronous because a Utf8JsonReader cannot cross an await.</summary>
    private static StepResult Step(
        ReadOnlySpan<byte> data, ref int readFrom, ref int elementStart, ref JsonReaderState state, ref bool sawArray, ref bool arrayClosed, bool finalBlock)
    {
        var records = new List<IncomingRecord>();
        var reader = new Utf8JsonReader(data[readFrom..], finalBlock, state);
        try
        {
            while (reader.Read())
            {
                var tokenStart = readFrom + (int)reader.TokenStartIndex;
                if (!sawArray)
                {
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        return new StepResult(records, false, "The body must be a JSON array of records (or use application/x-ndjson).");
                    }

                    sawArray = true;
                    continue;
                }

                switch (reader.CurrentDepth, reader.TokenType)
                {
                    case (0, JsonTokenType.EndArray):
                        // Anything but whitespace after it makes the reader throw on a later Read.
                        arrayClosed = true;
                        break;
                    case (1, JsonTokenType.StartObject or JsonTokenType.StartArray):
                        elementStart = tokenStart;
                        break;
                    case (1, JsonTokenType.EndObject or JsonTokenType.EndArray):
                        if (!TryAddRecord(records, data[elementStart..(readFrom + (int)reader.BytesConsumed)]))
                        {
                            return new StepResult(records, false, NotUtf8);
                        }

                        elementStart = -1;
                        break;
                    case (1, _):
                        // A bare value is a record too: validation rejects it as not an object.
                        if (!TryAddRecord(records, data[tokenStart..(readFrom + (int)reader.BytesConsumed)]))
                        {
                            return new StepResult(records, false, NotUtf8);
                        }

                        break;
                }
            }
        }
        catch (JsonException exception)
        {
            return new StepResult(records, false, Describe(exception));
        }

        readFrom += (int)reader.BytesConsumed;
        state = reader.CurrentState;
        return new StepResult(records, finalBlock && arrayClosed, null);
    }

    private const string NotUtf8 = "The body is not a well-formed JSON array: it is not valid UTF-8 (or holds a NUL character).";

    /// <summary>A JSON text must be UTF-8 (RFC 8259); the reader does not check inside strings, so this does.</summary>
    private static bool TryAddRecord(List<IncomingRecord> records, ReadOnlySpan<byte> bytes)
    {
        var (text, error) = IngestLimits.Decode(bytes);
        if (error is not null)
        {
            return false;
        }

        records.Add(new IncomingRecord(null, text, null));
        return true;
    }

    private static string Describe(JsonException exception) =>
        exception.Message.Contains("depth", StringComparison.OrdinalIgnoreCase)
            ? "A record of the JSON array is nested deeper than 32 levels."
            : $"The body is not a well-formed JSON array (near line {exception.LineNumber + 1}, byte {exception.BytePositionInLine}).";
}
