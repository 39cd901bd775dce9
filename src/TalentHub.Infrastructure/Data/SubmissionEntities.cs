namespace TalentHub.Infrastructure.Data;

public enum SubmissionFormat
{
    JsonArray,
    Ndjson,
    Csv,
}

public enum SubmissionStatus
{
    Received,
    Processing,
    Completed,
    CompletedWithErrors,
    Failed,
}

public enum RecordState
{
    /// <summary>Staged, not yet validated.</summary>
    Received,
    Accepted,
    PendingMapping,
    Rejected,
}

/// <summary>One POST of records by one agency, and the state of its processing.</summary>
public sealed class Submission
{
    public Guid Id { get; set; }
    public required string AgencyCode { get; set; }
    public required string ClientId { get; set; }
    public required string IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the request as sent (media type, content encoding, body): a retry must match it.</summary>
    public required byte[] RequestHash { get; set; }

    /// <summary>The 202 body first returned, replayed to a retry with the same key and body.</summary>
    public required string OriginalResponse { get; set; }

    public SubmissionFormat Format { get; set; }

    /// <summary>CSV only: ';' files may write decimals with a comma.</summary>
    public bool CsvDecimalComma { get; set; }

    public SubmissionStatus Status { get; set; }
    public long BodyBytes { get; set; }
    public int Received { get; set; }
    public int Accepted { get; set; }
    public int PendingMapping { get; set; }
    public int Rejected { get; set; }
    public required string ProgressPhase { get; set; }
    public int ProgressDone { get; set; }
    public int ProgressTotal { get; set; }

    /// <summary>The Jakarta date the records are judged against, fixed when processing starts so a resumed run judges alike.</summary>
    public DateOnly? EvaluatedOn { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? FailureReason { get; set; }
}

/// <summary>
/// A record as received, staged by binary COPY with the NIP it names, and never rewritten (but for the purge of its raw
/// text): its outcome is a <see cref="StagedRecordState"/> of its own.
/// </summary>
public sealed class StagedRecord
{
    public Guid SubmissionId { get; set; }
    public int RecordIndex { get; set; }

    /// <summary>The 1-based physical line (NDJSON, CSV); null in a JSON array body.</summary>
    public int? Line { get; set; }

    /// <summary>The record as received (CSV: its cells as a JSON object); null once purged after the retention period.</summary>
    public string? Raw { get; set; }

    /// <summary>Why the record could not even be read (bad UTF-8, too long, broken CSV row): it becomes malformed_record.</summary>
    public string? IngestError { get; set; }

    public string? Nip { get; set; }
    public DateTimeOffset? RawPurgedAt { get; set; }
}

/// <summary>
/// A judged record's outcome, written by binary COPY in the transaction of its chunk (a staged record without one is
/// still <see cref="RecordState.Received"/>): a narrow row, so that judging never rewrites the staged record's text.
/// </summary>
public sealed class StagedRecordState
{
    public Guid SubmissionId { get; set; }
    public int RecordIndex { get; set; }
    public RecordState State { get; set; }
}

public sealed class StagedRecordError
{
    public Guid SubmissionId { get; set; }
    public int RecordIndex { get; set; }
    public int Seq { get; set; }
    public int? Line { get; set; }
    public string? Nip { get; set; }
    public required string Pointer { get; set; }
    public required string Code { get; set; }
    public required string Message { get; set; }
}

/// <summary>
/// A chunk of a job's work, written in the transaction that commits it: which job, which chunk (its first record or
/// last NIP), which worker process. The record of who did what, from which the reliability suite proves that no chunk
/// is ever committed twice (two workers, kills, re-deliveries).
/// </summary>
public sealed class ChunkCommit
{
    public long Id { get; set; }
    public required string Job { get; set; }
    public required string Chunk { get; set; }
    public required string Worker { get; set; }
    public DateTimeOffset CommittedAt { get; set; }
}
