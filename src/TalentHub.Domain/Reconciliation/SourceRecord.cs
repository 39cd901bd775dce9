using System.Globalization;
using System.Text.Json;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Records;

namespace TalentHub.Domain.Reconciliation;

/// <summary>A position of a record: the current one (To null, Current true) or a history entry, attributed to its agency.</summary>
internal sealed record PositionEntry(
    string AgencyCode, string? Title, string? Level, string? Unit, string? JobFamily, string? Province, DateOnly From, DateOnly? To, bool Current, SourceRecord Sender)
{
    /// <summary>The last day the entry covers: its end, or for an open one the evaluation date.</summary>
    public DateOnly End(DateOnly evaluationDate) => To ?? evaluationDate;

    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"{Level} {From:yyyy-MM-dd}..{(To is { } to ? to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)}");

    /// <summary>A total order on the entry's content, the last tie-break between two entries of the same key.</summary>
    public string ContentKey() => string.Join(
        '\u001f', AgencyCode, Level ?? string.Empty, From.DayNumber.ToString(CultureInfo.InvariantCulture), To?.DayNumber.ToString(CultureInfo.InvariantCulture) ?? "~",
        Current ? "1" : "0", Title ?? string.Empty, Unit ?? string.Empty, JobFamily ?? string.Empty, Province ?? string.Empty);
}

/// <summary>An assessment of a record as sent (its normalized results come from the observation).</summary>
internal sealed record AssessmentEntry(string Id, string? Method, string? Scale, DateOnly? AssessedAt, string? Assessor);

/// <summary>A year's SKP of a record, read as a predikat.</summary>
internal sealed record PerformanceEntry(int Year, Predikat Predikat, string Form);

/// <summary>One agency's latest observation, with the fields of its record that reconciliation reads.</summary>
internal sealed class SourceRecord
{
    public const string Active = "ACTIVE";

    private SourceRecord(Observation observation)
    {
        Observation = observation;
        var record = observation.Record;
        SourceUpdatedAt = record.SourceUpdatedAt;
        Status = record.Status;
        Name = record.Name;
        Nik = record.Nik;
        BirthPlace = record.BirthPlace;
        BirthDate = record.BirthDate;
        Gender = record.Gender;
        Grade = record.Grade;
        EmploymentType = record.EmploymentType;
        PreviousNips = record.PreviousNips;
        Position = record.Position is { } position
            ? new PositionEntry(Agency, position.Title, position.Level, position.Unit, position.JobFamily, position.Province, position.Since ?? DateOnly.MinValue, null, true, this)
            : null;
        History = [.. record.PositionHistory.Where(h => h.From is not null).Select(h => new PositionEntry(
            h.AgencyCode ?? Agency, h.Title, h.Level, h.Unit, h.JobFamily, h.Province, h.From!.Value, h.To, false, this))];
        Assessments = [.. record.Assessments.Where(a => a.Id is not null).Select(a => new AssessmentEntry(a.Id!, a.Method, a.Scale, a.AssessedAt, a.Assessor))];
        Performance = PerformanceOf(record.Performance);
    }

    public Observation Observation { get; }

    public string Agency => Observation.AgencyCode;

    public DateTimeOffset SourceUpdatedAt { get; }

    public string? Status { get; }

    public bool IsActive => string.Equals(Status, Active, StringComparison.Ordinal);

    public string? Name { get; }

    public string? Nik { get; }

    public string? BirthPlace { get; }

    public DateOnly? BirthDate { get; }

    public string? Gender { get; }

    public string? Grade { get; }

    public string? EmploymentType { get; }

    public IReadOnlyList<string> PreviousNips { get; }

    public PositionEntry? Position { get; }

    public IReadOnlyList<PositionEntry> History { get; }

    public IReadOnlyList<AssessmentEntry> Assessments { get; }

    public IReadOnlyList<PerformanceEntry> Performance { get; }

    /// <summary>
    /// The latest observation of each agency (sourceUpdatedAt, then receipt, record index, submission id and, for two
    /// copies of one observation, the record text), ordered by agency code.
    /// </summary>
    public static List<SourceRecord> LatestPerAgency(IReadOnlyList<Observation> observations)
    {
        var latest = new SortedDictionary<string, Observation>(StringComparer.Ordinal);
        foreach (var observation in observations)
        {
            if (!latest.TryGetValue(observation.AgencyCode, out var current) || IsLaterWithinAgency(observation, current))
            {
                latest[observation.AgencyCode] = observation;
            }
        }

        return [.. latest.Values.Select(o => new SourceRecord(o))];
    }

    /// <summary>"Latest" between agencies (docs/domain/reconciliation.md#observations): the later sourceUpdatedAt, then the lower agency code. Negative: a is later.</summary>
    public static int CompareLatest(SourceRecord a, SourceRecord b)
    {
        var byTime = b.SourceUpdatedAt.UtcTicks.CompareTo(a.SourceUpdatedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Agency, b.Agency);
    }

    private static bool IsLaterWithinAgency(Observation candidate, Observation current)
    {
        var byTime = candidate.Record.SourceUpdatedAt.UtcTicks.CompareTo(current.Record.SourceUpdatedAt.UtcTicks);
        if (byTime != 0)
        {
            return byTime > 0;
        }

        var byReceipt = candidate.ReceivedAt.UtcTicks.CompareTo(current.ReceivedAt.UtcTicks);
        if (byReceipt != 0)
        {
            return byReceipt > 0;
        }

        var byIndex = candidate.RecordIndex.CompareTo(current.RecordIndex);
        if (byIndex != 0)
        {
            return byIndex > 0;
        }

        var bySubmission = candidate.SubmissionId.CompareTo(current.SubmissionId);
        return bySubmission != 0 ? bySubmission > 0 : string.CompareOrdinal(StoredText(candidate.Record), StoredText(current.Record)) > 0;
    }

    private static string StoredText(TalentRecord record) => JsonSerializer.Serialize(record, ObservationJson.Default.TalentRecord);

    private static List<PerformanceEntry> PerformanceOf(IReadOnlyList<RecordPerformance> performance)
    {
        var entries = new List<PerformanceEntry>();
        foreach (var entry in performance)
        {
            if (entry.Rating is { } rating && Skp.FromRating(rating) is { } rated)
            {
                entries.Add(new PerformanceEntry(entry.Year, rated, "RATING"));
            }
            else if (entry is { HasilKerja: { } hasilKerja, Perilaku: { } perilaku } && Skp.FromPair(hasilKerja, perilaku) is { } paired)
            {
                entries.Add(new PerformanceEntry(entry.Year, paired, "PAIR"));
            }
            else if (entry.Score is { } score)
            {
                entries.Add(new PerformanceEntry(entry.Year, Skp.FromLegacyScore(score), "SCORE"));
            }
        }

        return entries;
    }
}
