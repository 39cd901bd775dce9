using System.Text;
using System.Text.Unicode;

namespace TalentHub.Infrastructure.Ingestion;

/// <summary>
/// One item read from a submission body: a record (its raw text, physical line, and why it could not be read, if so),
/// or a fault that makes the whole request unacceptable (e.g. a JSON array that is not well-formed).
/// </summary>
public readonly record struct IncomingRecord(int? Line, string Raw, string? IngestError, RequestFault? Fault = null)
{
    public static IncomingRecord Failed(int status, string detail) => new(null, "", null, new RequestFault(status, detail));
}

public sealed record RequestFault(int Status, string Detail);

public static class IngestLimits
{
    /// <summary>The largest single record accepted (a person with 50 assessments of 100 results fits easily).</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    /// <summary>How much of an unreadable record is kept for the agency to see.</summary>
    public const int MaxKeptBytesOfUnreadable = 2000;

    public const int MaxRecords = 1_000_000;

    /// <summary>
    /// The text of a record's bytes, and why it is unreadable when it is: invalid UTF-8 is kept (lossily) for display,
    /// and NUL, which PostgreSQL text cannot hold, is replaced.
    /// </summary>
    public static (string Text, string? Error) Decode(ReadOnlySpan<byte> bytes)
    {
        if (!Utf8.IsValid(bytes))
        {
            return (Sanitize(Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, MaxKeptBytesOfUnreadable)])), "The record is not valid UTF-8.");
        }

        var text = Encoding.UTF8.GetString(bytes);
        return text.Contains('\0', StringComparison.Ordinal)
            ? (Sanitize(text), "The record contains a NUL character.")
            : (text, null);
    }

    private static string Sanitize(string text) => text.Replace('\0', '\uFFFD');
}
