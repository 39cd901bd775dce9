namespace TalentHub.Domain.Records;

/// <summary>
/// One error of a record: an RFC 6901 JSON Pointer into the record (<c>""</c> for the whole record, e.g.
/// <c>/assessments/0/results/2/score</c>), a stable code of <see cref="RecordErrorCodes"/> and an English message.
/// </summary>
public sealed record RecordError(string Pointer, string Code, string Message);
