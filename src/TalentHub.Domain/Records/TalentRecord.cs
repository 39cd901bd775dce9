namespace TalentHub.Domain.Records;

/// <summary>
/// A record that passed validation, typed (docs/domain/records.md). Produced once per received record from the JSON
/// the validator parsed (a CSV row is mapped to that JSON first) and carried through normalization; what
/// reconciliation reads of it is stored with the record's national values (an observation document), so no
/// later stage parses the record as sent again. Text fields hold the values as sent; dates are parsed.
/// </summary>
public sealed record TalentRecord(
    string Nip,
    string? Nik,
    string? Name,
    DateOnly? BirthDate,
    string? BirthPlace,
    string? Gender,
    string? EmploymentType,
    string? Status,
    string? Grade,
    RecordPosition? Position,
    IReadOnlyList<RecordHistoryEntry> PositionHistory,
    IReadOnlyList<RecordAssessment> Assessments,
    IReadOnlyList<RecordPerformance> Performance,
    IReadOnlyList<string> PreviousNips,
    DateTimeOffset SourceUpdatedAt)
{
    /// <summary>The record without its assessments' results and potentials: what reconciliation reads of it.</summary>
    public TalentRecord WithoutScores() =>
        this with { Assessments = [.. Assessments.Select(a => a with { Results = [], Potential = null })] };
}

/// <summary>The current position: since is required by validation for an ACTIVE record.</summary>
public sealed record RecordPosition(string? Title, string? Level, string? Unit, string? JobFamily, string? Province, DateOnly? Since);

/// <summary>A past position; its agency is the record's own when not given.</summary>
public sealed record RecordHistoryEntry(
    string? AgencyCode, string? Title, string? Level, string? Unit, string? JobFamily, string? Province, DateOnly? From, DateOnly? To);

/// <summary>An assessment as sent: its results and explicit potential are read on their scales by normalization. A score is null only in a record that did not pass validation.</summary>
public sealed record RecordAssessment(
    string? Id, string? Method, string? Scale, DateOnly? AssessedAt, string? Assessor, IReadOnlyList<RecordResult> Results, RecordPotential? Potential);

/// <summary>One competency result: the agency's competency name, its score as sent and an optional scale of its own.</summary>
public sealed record RecordResult(string Competency, RecordScore? Score, string? Scale);

/// <summary>An explicit potential result and an optional scale of its own.</summary>
public sealed record RecordPotential(RecordScore? Score, string? Scale);

/// <summary>A score as sent: a string, or the JSON text of a number (so that 3.50 stays 3.50).</summary>
public readonly record struct RecordScore(string Text, bool IsNumber);

/// <summary>A year's SKP in the one form the record gives it.</summary>
public sealed record RecordPerformance(int Year, string? Rating, string? HasilKerja, string? Perilaku, decimal? Score);
