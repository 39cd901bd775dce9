namespace TalentHub.Domain.Records;

/// <summary>
/// The outcome of validating one record: every error found, and the record's <c>nip</c> when it is a JSON string
/// (even a structurally invalid one; null otherwise), with which the caller detects duplicate NIPs in a submission,
/// and for a valid record its typed form, read from the same parse.
/// </summary>
public sealed record RecordValidation(string? Nip, IReadOnlyList<RecordError> Errors, TalentRecord? Record = null)
{
    public bool IsValid => Errors.Count == 0;
}
