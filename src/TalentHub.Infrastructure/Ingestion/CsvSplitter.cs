using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using TalentHub.Domain.Records;

namespace TalentHub.Infrastructure.Ingestion;

/// <summary>
/// Splits an RFC 4180 CSV body (docs/domain/records.md#csv) into records as it streams in: a header row, then one record per
/// row, staged as a JSON object of its non-empty cells by column name, and of every cell of a column the format does
/// not define, even an empty one, so that the column is still there to be rejected as unknown_field. The delimiter (',' or ';') is detected from
/// the header; a BOM is skipped. A broken row becomes an unreadable record; a broken header is a fault.
/// </summary>
public sealed class CsvSplitter
{
    private const int ReadSize = 64 * 1024;

    private string[] _header = [];
    private bool[] _unknownColumn = [];

    /// <summary>The detected delimiter, known once the header has been read.</summary>
    public char Delimiter { get; private set; } = ',';

    public async IAsyncEnumerable<IncomingRecord> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[ReadSize * 2];
        var start = 0;
        var scan = 0;
        var end = 0;
        var inQuotes = false;
        var line = 1;
        var endOfBody = false;
        var headerRead = false;
        while (true)
        {
            // Find the end of the next row: a line feed outside quotes.
            var rowEnd = -1;
            for (; scan < end; scan++)
            {
                var b = buffer[scan];
                if (b == (byte)'"')
                {
                    inQuotes = !inQuotes;
                }
                else if (b == (byte)'\n' && !inQuotes)
                {
                    rowEnd = scan;
                    break;
                }
            }

            if (rowEnd < 0 && !endOfBody)
            {
                if (end - start > IngestLimits.MaxRecordBytes)
                {
                    yield return IncomingRecord.Failed(413, $"A CSV row exceeds {IngestLimits.MaxRecordBytes / 1024} KB.");
                    yield break;
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                    scan -= start;
                    end -= start;
                    start = 0;
                }

                if (buffer.Length - end < ReadSize)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = await body.ReadAsync(buffer.AsMemory(end), cancellationToken);
                end += read;
                endOfBody = read == 0;
                continue;
            }

            var rowStop = rowEnd < 0 ? end : rowEnd;
            var row = buffer.AsSpan(start, rowStop - start);
            var rowLine = line;
            line += row.Count((byte)'\n') + 1;
            var unterminated = rowEnd < 0 && inQuotes;
            start = scan = rowEnd < 0 ? end : rowEnd + 1;

            if (row.Length > 0 && row[^1] == (byte)'\r')
            {
                row = row[..^1];
            }

            if (!headerRead)
            {
                if (row.StartsWith(Encoding.UTF8.Preamble))
                {
                    row = row[Encoding.UTF8.Preamble.Length..];
                }

                if (row.Trim(" \t"u8).IsEmpty)
                {
                    if (rowEnd < 0)
                    {
                        yield return IncomingRecord.Failed(400, "The CSV body has no header row.");
                        yield break;
                    }

                    continue;
                }

                if (ReadHeader(row, unterminated) is { } headerFault)
                {
                    yield return IncomingRecord.Failed(400, headerFault);
                    yield break;
                }

                headerRead = true;
            }
            else if (!row.Trim(" \t"u8).IsEmpty)
            {
                yield return unterminated
                    ? Unreadable(row, rowLine, "A quoted cell is not closed before the end of the body.")
                    : ToRecord(row, rowLine);
            }

            if (rowEnd < 0)
            {
                if (!headerRead)
                {
                    yield return IncomingRecord.Failed(400, "The CSV body has no header row.");
                }

                yield break;
            }
        }
    }

    private string? ReadHeader(ReadOnlySpan<byte> row, bool unterminated)
    {
        if (unterminated || !Utf8.IsValid(row))
        {
            return "The CSV header row is not readable (unclosed quote or invalid UTF-8).";
        }

        var commas = CountOutsideQuotes(row, (byte)',');
        var semicolons = CountOutsideQuotes(row, (byte)';');
        Delimiter = semicolons > commas ? ';' : ',';
        if (SplitCells(row, (byte)Delimiter) is not { } cells)
        {
            return "The CSV header row is malformed.";
        }

        if (cells.Any(string.IsNullOrWhiteSpace))
        {
            return "Every CSV header cell must name a column.";
        }

        if (cells.Distinct(StringComparer.Ordinal).Count() != cells.Count)
        {
            return "A column name appears twice in the CSV header.";
        }

        _header = [.. cells];
        _unknownColumn = [.. cells.Select(cell => !CsvRecordMapper.IsColumn(cell))];
        return null;
    }

    private IncomingRecord ToRecord(ReadOnlySpan<byte> row, int line)
    {
        if (!Utf8.IsValid(row))
        {
            return Unreadable(row, line, "The row is not valid UTF-8.");
        }

        if (row.Contains((byte)0))
        {
            return Unreadable(row, line, "The row contains a NUL character.");
        }

        if (SplitCells(row, (byte)Delimiter) is not { } cells)
        {
            return Unreadable(row, line, "The row is not valid CSV (a quote inside an unquoted cell, or text after a closing quote).");
        }

        if (cells.Count != _header.Length)
        {
            return Unreadable(row, line, $"The row has {cells.Count} cells; the header has {_header.Length}.");
        }

        var output = new ArrayBufferWriter<byte>(row.Length + 64 + (_header.Length * 8));
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            for (var i = 0; i < cells.Count; i++)
            {
                if (cells[i].Length > 0 || _unknownColumn[i])
                {
                    writer.WriteString(_header[i], cells[i]);
                }
            }

            writer.WriteEndObject();
        }

        return new IncomingRecord(line, Encoding.UTF8.GetString(output.WrittenSpan), null);
    }

    private static IncomingRecord Unreadable(ReadOnlySpan<byte> row, int line, string error)
    {
        var (text, _) = IngestLimits.Decode(row[..Math.Min(row.Length, IngestLimits.MaxKeptBytesOfUnreadable)]);
        return new IncomingRecord(line, text, error);
    }

    private static int CountOutsideQuotes(ReadOnlySpan<byte> row, byte delimiter)
    {
        var count = 0;
        var inQuotes = false;
        foreach (var b in row)
        {
            if (b == (byte)'"')
            {
                inQuotes = !inQuotes;
            }
            else if (b == delimiter && !inQuotes)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The row's cells, unquoted; null when the row breaks RFC 4180's quoting rules.</summary>
    private static List<string>? SplitCells(ReadOnlySpan<byte> row, byte delimiter)
    {
        var cells = new List<string>();
        var position = 0;
        while (true)
        {
            if (position < row.Length && row[position] == (byte)'"')
            {
                var cell = new List<byte>();
                position++;
                while (true)
                {
                    if (position >= row.Length)
                    {
                        return null;
                    }

                    if (row[position] == (byte)'"')
                    {
                        if (position + 1 < row.Length && row[position + 1] == (byte)'"')
                        {
                            cell.Add((byte)'"');
                            position += 2;
                            continue;
                        }

                        position++;
                        break;
                    }

                    cell.Add(row[position++]);
                }

                cells.Add(Encoding.UTF8.GetString(cell.ToArray()));
                if (position == row.Length)
                {
                    return cells;
                }

                if (row[position] != delimiter)
                {
                    return null;
                }

                position++;
                continue;
            }

            var next = row[position..].IndexOf(delimiter);
            var raw = next < 0 ? row[position..] : row.Slice(position, next);
            if (raw.Contains((byte)'"'))
            {
                return null;
            }

            cells.Add(Encoding.UTF8.GetString(raw).Trim());
            if (next < 0)
            {
                return cells;
            }

            position += next + 1;
        }
    }
}
