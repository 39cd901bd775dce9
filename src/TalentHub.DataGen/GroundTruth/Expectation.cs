using TalentHub.DataGen.Records;

namespace TalentHub.DataGen.GroundTruth;

public enum RecordFormat
{
    Ndjson,
    Csv,
}

/// <summary>The outcome a record must get (docs/domain/records.md#outcome), in one format.</summary>
public sealed record Expectation(string Outcome, IReadOnlyList<PlantedError> Errors, IReadOnlyList<PendingReason> Pending)
{
    public const string Accepted = "ACCEPTED";
    public const string PendingMapping = "PENDING_MAPPING";
    public const string Rejected = "REJECTED";

    /// <summary>
    /// Invalid wins over pending; in CSV only what the row can carry counts (a JSON-only defect leaves a clean row,
    /// and results on their own scale are not in the row).
    /// </summary>
    public static Expectation Of(TalentRecord record, RecordFormat format)
    {
        var csv = format == RecordFormat.Csv;
        var errors = record.Errors.Where(e => !csv || e.CsvColumn is not null).ToList();
        if (errors.Count > 0)
        {
            return new Expectation(Rejected, errors, []);
        }

        var pending = record.Pending.Where(p => !csv || !p.JsonOnly).DistinctBy(p => (p.Kind, p.Scale, p.Value)).ToList();
        return new Expectation(pending.Count > 0 ? PendingMapping : Accepted, [], pending);
    }
}
