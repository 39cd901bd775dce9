namespace TalentHub.Domain.Records;

/// <summary>
/// One CSV data row as the record JSON the validator takes (<see cref="Utf8Json"/>), where each JSON Pointer comes
/// from (<see cref="ColumnOfPointer"/>), and the errors of the columns themselves (<see cref="ColumnErrors"/>, whose
/// pointer is the column name).
/// </summary>
public sealed record CsvRecord(byte[] Utf8Json, IReadOnlyDictionary<string, string> ColumnOfPointer, IReadOnlyList<RecordError> ColumnErrors)
{
    /// <summary>
    /// The column to name for a validator error at <paramref name="pointer"/>: the pointer's own column, else that of
    /// its nearest mapped ancestor (e.g. <c>/assessments/0/results</c> → <c>a1.id</c>), else the pointer itself.
    /// </summary>
    public string ColumnOf(string pointer)
    {
        ArgumentNullException.ThrowIfNull(pointer);
        for (var candidate = pointer; candidate.Length > 0; candidate = candidate[..candidate.LastIndexOf('/')])
        {
            if (ColumnOfPointer.TryGetValue(candidate, out var column))
            {
                return column;
            }
        }

        return pointer;
    }
}
