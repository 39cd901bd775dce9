namespace TalentHub.Infrastructure.Ingestion;

/// <summary>
/// The phases a submission's progress reports, in order. While PROCESSING, progress counts records: each chunk of them
/// is validated, normalized and its people reconciled in one transaction.
/// </summary>
public static class SubmissionPhases
{
    public const string Received = "RECEIVED";
    public const string Processing = "PROCESSING";
    public const string Done = "DONE";
}
