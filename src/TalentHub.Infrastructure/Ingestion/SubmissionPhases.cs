namespace TalentHub.Infrastructure.Ingestion;

/// <summary>The phases a submission's progress reports, in order.</summary>
public static class SubmissionPhases
{
    public const string Received = "RECEIVED";
    public const string Validation = "VALIDATION";
    public const string Duplicates = "DUPLICATES";
    public const string Reconciliation = "RECONCILIATION";
    public const string Done = "DONE";
}
