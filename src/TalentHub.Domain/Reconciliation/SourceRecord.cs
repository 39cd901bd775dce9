using System.Globalization;
using System.Text.Json;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Time;

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
        SourceUpdatedAt = SourceUpdatedAtOf(record);
        Status = Str(record, "status");
        Name = Str(record, "name");
        Nik = Str(record, "nik");
        BirthPlace = Str(record, "birthPlace");
        BirthDate = DateOf(record, "birthDate");
        Gender = Str(record, "gender");
        Grade = Str(record, "grade");
        EmploymentType = Str(record, "employmentType");
        PreviousNips = StringsOf(record, "previousNips");
        Position = PositionOf(record);
        History = HistoryOf(record);
        Assessments = AssessmentsOf(record);
        Performance = PerformanceOf(record);
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
        var updated = new Dictionary<Observation, DateTimeOffset>(ReferenceEqualityComparer.Instance);
        foreach (var observation in observations)
        {
            updated[observation] = SourceUpdatedAtOf(observation.Record);
            if (!latest.TryGetValue(observation.AgencyCode, out var current) || IsLaterWithinAgency(observation, current, updated))
            {
                latest[observation.AgencyCode] = observation;
            }
        }

        return [.. latest.Values.Select(o => new SourceRecord(o))];
    }

    /// <summary>"Latest" between agencies (04-reconciliation.md): the later sourceUpdatedAt, then the lower agency code. Negative: a is later.</summary>
    public static int CompareLatest(SourceRecord a, SourceRecord b)
    {
        var byTime = b.SourceUpdatedAt.UtcTicks.CompareTo(a.SourceUpdatedAt.UtcTicks);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.Agency, b.Agency);
    }

    private static bool IsLaterWithinAgency(Observation candidate, Observation current, Dictionary<Observation, DateTimeOffset> updated)
    {
        var byTime = updated[candidate].UtcTicks.CompareTo(updated[current].UtcTicks);
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
        return bySubmission != 0 ? bySubmission > 0 : string.CompareOrdinal(candidate.Record.GetRawText(), current.Record.GetRawText()) > 0;
    }

    private static DateTimeOffset SourceUpdatedAtOf(JsonElement record) =>
        Str(record, "sourceUpdatedAt") is { } text
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : DateTimeOffset.MinValue;

    private PositionEntry? PositionOf(JsonElement record)
    {
        if (!TryProperty(record, "position", out var position) || position.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new PositionEntry(
            Agency, Str(position, "title"), Str(position, "level"), Str(position, "unit"), Str(position, "jobFamily"), Str(position, "province"),
            DateOf(position, "since") ?? DateOnly.MinValue, null, true, this);
    }

    private List<PositionEntry> HistoryOf(JsonElement record)
    {
        var entries = new List<PositionEntry>();
        if (TryProperty(record, "positionHistory", out var history) && history.ValueKind == JsonValueKind.Array)
        {
            foreach (var entry in history.EnumerateArray())
            {
                if (entry.ValueKind != JsonValueKind.Object || DateOf(entry, "from") is not { } from)
                {
                    continue;
                }

                entries.Add(new PositionEntry(
                    Str(entry, "agencyCode") ?? Agency, Str(entry, "title"), Str(entry, "level"), Str(entry, "unit"), Str(entry, "jobFamily"),
                    Str(entry, "province"), from, DateOf(entry, "to"), false, this));
            }
        }

        return entries;
    }

    private static List<AssessmentEntry> AssessmentsOf(JsonElement record)
    {
        var entries = new List<AssessmentEntry>();
        if (TryProperty(record, "assessments", out var assessments) && assessments.ValueKind == JsonValueKind.Array)
        {
            foreach (var assessment in assessments.EnumerateArray())
            {
                if (Str(assessment, "id") is { } id)
                {
                    entries.Add(new AssessmentEntry(id, Str(assessment, "method"), Str(assessment, "scale"), DateOf(assessment, "assessedAt"), Str(assessment, "assessor")));
                }
            }
        }

        return entries;
    }

    private static List<PerformanceEntry> PerformanceOf(JsonElement record)
    {
        var entries = new List<PerformanceEntry>();
        if (!TryProperty(record, "performance", out var performance) || performance.ValueKind != JsonValueKind.Array)
        {
            return entries;
        }

        foreach (var entry in performance.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || !entry.TryGetProperty("year", out var yearElement) || !yearElement.TryGetInt32(out var year))
            {
                continue;
            }

            if (Str(entry, "rating") is { } rating && Skp.FromRating(rating) is { } rated)
            {
                entries.Add(new PerformanceEntry(year, rated, "RATING"));
            }
            else if (Str(entry, "hasilKerja") is { } hasilKerja && Str(entry, "perilaku") is { } perilaku && Skp.FromPair(hasilKerja, perilaku) is { } paired)
            {
                entries.Add(new PerformanceEntry(year, paired, "PAIR"));
            }
            else if (entry.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number && score.TryGetDecimal(out var value))
            {
                entries.Add(new PerformanceEntry(year, Skp.FromLegacyScore(value), "SCORE"));
            }
        }

        return entries;
    }

    internal static bool TryProperty(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    internal static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static DateOnly? DateOf(JsonElement element, string name) =>
        Str(element, name) is { } text && IsoDate.TryParse(text, out var date)
            ? date
            : null;

    private static List<string> StringsOf(JsonElement element, string name)
    {
        var values = new List<string>();
        if (TryProperty(element, name, out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in array.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() is { } text)
                {
                    values.Add(text);
                }
            }
        }

        return values;
    }
}
