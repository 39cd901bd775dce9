using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace TalentHub.Infrastructure.Ingestion;

/// <summary>
/// Splits an NDJSON body into records line by line as it streams in. A line that cannot be read (bad UTF-8, over
/// the size limit) becomes an unreadable record; the rest of the body is still read. Blank lines are not records.
/// </summary>
public static class NdjsonSplitter
{
    public static async IAsyncEnumerable<IncomingRecord> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var reader = PipeReader.Create(body, new StreamPipeReaderOptions(bufferSize: 64 * 1024));
        var line = 0;
        var skippingOversized = false;
        var oversizedLine = 0;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(cancellationToken);
                var buffer = result.Buffer;
                var records = new List<IncomingRecord>();
                while (true)
                {
                    if (!skippingOversized)
                    {
                        line += SkipBlankLines(ref buffer);
                    }

                    if (!TryReadLine(ref buffer, out var lineBytes))
                    {
                        break;
                    }

                    line++;
                    if (skippingOversized)
                    {
                        skippingOversized = false;
                        continue;
                    }

                    if (ToRecord(lineBytes, line) is { } record)
                    {
                        records.Add(record);
                    }
                }

                if (!skippingOversized && buffer.Length > IngestLimits.MaxRecordBytes)
                {
                    // A line longer than any record may be: report it once and discard the rest of it as it arrives.
                    oversizedLine = line + 1;
                    records.Add(Oversized(buffer.Slice(0, IngestLimits.MaxKeptBytesOfUnreadable), oversizedLine));
                    skippingOversized = true;
                }

                if (skippingOversized)
                {
                    buffer = buffer.Slice(buffer.End);
                }

                foreach (var record in records)
                {
                    yield return record;
                }

                if (result.IsCompleted)
                {
                    if (!skippingOversized && buffer.Length > 0 && ToRecord(buffer, line + 1) is { } last)
                    {
                        yield return last;
                    }

                    break;
                }

                reader.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        finally
        {
            await reader.CompleteAsync();
        }
    }

    /// <summary>
    /// Skips a run of whole blank lines (only JSON whitespace) at once and returns how many there were: a body of
    /// nothing but line feeds (a gzip bomb inflates to one quickly) must cost memory bandwidth, not a step per line.
    /// </summary>
    private static int SkipBlankLines(ref ReadOnlySequence<byte> buffer)
    {
        var lines = 0;
        SequencePosition? afterLastFeed = null;
        var next = buffer.Start;
        var segmentStart = next;
        while (buffer.TryGet(ref next, out var memory))
        {
            var span = memory.Span;
            var text = span.IndexOfAnyExcept(JsonWhitespace);
            var blank = text < 0 ? span : span[..text];
            var lastFeed = blank.LastIndexOf((byte)'\n');
            if (lastFeed >= 0)
            {
                lines += blank[..(lastFeed + 1)].Count((byte)'\n');
                afterLastFeed = buffer.GetPosition(lastFeed + 1, segmentStart);
            }

            if (text >= 0)
            {
                break;
            }

            segmentStart = next;
        }

        if (afterLastFeed is { } position)
        {
            buffer = buffer.Slice(position);
        }

        return lines;
    }

    private static ReadOnlySpan<byte> JsonWhitespace => " \t\r\n"u8;

    private static bool TryReadLine(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> line)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            line = default;
            return false;
        }

        line = buffer.Slice(0, position.Value);
        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }

    private static IncomingRecord? ToRecord(ReadOnlySequence<byte> lineBytes, int line)
    {
        var bytes = lineBytes.IsSingleSegment ? lineBytes.FirstSpan : lineBytes.ToArray();
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        if (bytes.Trim(" \t"u8).IsEmpty)
        {
            return null;
        }

        if (bytes.Length > IngestLimits.MaxRecordBytes)
        {
            return Oversized(new ReadOnlySequence<byte>(bytes[..IngestLimits.MaxKeptBytesOfUnreadable].ToArray()), line);
        }

        var (text, error) = IngestLimits.Decode(bytes);
        return new IncomingRecord(line, text, error);
    }

    private static IncomingRecord Oversized(ReadOnlySequence<byte> head, int line)
    {
        var (text, _) = IngestLimits.Decode(head.ToArray());
        return new IncomingRecord(line, text, $"The record exceeds {IngestLimits.MaxRecordBytes / 1024} KB.");
    }
}
