using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Submissions;

public sealed record SubmissionResponse(
    Guid Id,
    string AgencyCode,
    SubmissionStatus Status,
    SubmissionFormat Format,
    int Received,
    int Accepted,
    int PendingMapping,
    int Rejected,
    SubmissionProgress Progress,
    DateTimeOffset ReceivedAt,
    DateTimeOffset? CompletedAt,
    string? FailureReason)
{
    public static SubmissionResponse From(Submission s) => new(
        s.Id,
        s.AgencyCode,
        s.Status,
        s.Format,
        s.Received,
        s.Accepted,
        s.PendingMapping,
        s.Rejected,
        new SubmissionProgress(s.ProgressPhase, s.ProgressDone, s.ProgressTotal),
        s.ReceivedAt,
        s.CompletedAt,
        s.FailureReason);
}

public sealed record SubmissionProgress(string Phase, int Done, int Total);

public sealed record RecordErrorResponse(int RecordIndex, int? Line, string? Nip, string Pointer, string Code, string Message);

public sealed record StagedRecordResponse(
    int RecordIndex,
    int? Line,
    RecordState State,
    string? Nip,
    System.Text.Json.JsonElement? Raw,
    bool RawPurged,
    IReadOnlyList<RecordErrorResponse> Errors);
