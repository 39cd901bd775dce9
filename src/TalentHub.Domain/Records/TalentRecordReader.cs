using System.Globalization;
using System.Text.Json;
using TalentHub.Domain.Time;

namespace TalentHub.Domain.Records;

/// <summary>Reads a validated record's JSON into a <see cref="TalentRecord"/>; fields validation let through as absent are null.</summary>
public static class TalentRecordReader
{
    /// <summary>A record's typed form from the JSON object the validator has just parsed and found valid.</summary>
    public static TalentRecord From(JsonElement record) => new(
        Str(record, "nip") ?? string.Empty,
        Str(record, "nik"),
        Str(record, "name"),
        DateOf(record, "birthDate"),
        Str(record, "birthPlace"),
        Str(record, "gender"),
        Str(record, "employmentType"),
        Str(record, "status"),
        Str(record, "grade"),
        PositionOf(record),
        HistoryOf(record),
        AssessmentsOf(record),
        PerformanceOf(record),
        StringsOf(record, "previousNips"),
        Str(record, "sourceUpdatedAt") is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? instant
            : DateTimeOffset.MinValue);

    /// <summary>A record's typed form from JSON that passed validation before (a re-normalization reads what was staged).</summary>
    /// <exception cref="ArgumentException">The JSON is not an object, so it cannot have passed validation.</exception>
    public static TalentRecord Parse(ReadOnlySpan<byte> validatedJson)
    {
        var reader = new Utf8JsonReader(validatedJson);
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? From(document.RootElement)
            : throw new ArgumentException("The record must have passed validation (docs/domain/records.md).", nameof(validatedJson));
    }

    private static RecordPosition? PositionOf(JsonElement record) =>
        Property(record, "position") is { ValueKind: JsonValueKind.Object } position
            ? new RecordPosition(Str(position, "title"), Str(position, "level"), Str(position, "unit"), Str(position, "jobFamily"), Str(position, "province"), DateOf(position, "since"))
            : null;

    private static List<RecordHistoryEntry> HistoryOf(JsonElement record)
    {
        var entries = new List<RecordHistoryEntry>();
        foreach (var entry in Items(record, "positionHistory"))
        {
            if (entry.ValueKind == JsonValueKind.Object)
            {
                entries.Add(new RecordHistoryEntry(
                    Str(entry, "agencyCode"), Str(entry, "title"), Str(entry, "level"), Str(entry, "unit"), Str(entry, "jobFamily"),
                    Str(entry, "province"), DateOf(entry, "from"), DateOf(entry, "to")));
            }
        }

        return entries;
    }

    /// <summary>Every assessment and result object in its place, so that their indices are the pointers' indices.</summary>
    private static List<RecordAssessment> AssessmentsOf(JsonElement record)
    {
        var entries = new List<RecordAssessment>();
        foreach (var assessment in Items(record, "assessments").TakeWhile(a => a.ValueKind == JsonValueKind.Object))
        {
            var results = new List<RecordResult>();
            foreach (var result in Items(assessment, "results").TakeWhile(r => r.ValueKind == JsonValueKind.Object))
            {
                results.Add(new RecordResult(Str(result, "competency") ?? string.Empty, ScoreOf(result), ScaleOf(result)));
            }

            var potential = Property(assessment, "potential") is { ValueKind: JsonValueKind.Object } given ? new RecordPotential(ScoreOf(given), ScaleOf(given)) : null;
            entries.Add(new RecordAssessment(
                Str(assessment, "id"), Str(assessment, "method"), ScaleOf(assessment), DateOf(assessment, "assessedAt"), Str(assessment, "assessor"), results, potential));
        }

        return entries;
    }

    private static List<RecordPerformance> PerformanceOf(JsonElement record)
    {
        var entries = new List<RecordPerformance>();
        foreach (var entry in Items(record, "performance"))
        {
            if (entry.ValueKind != JsonValueKind.Object || Property(entry, "year") is not { } year || !year.TryGetInt32(out var value))
            {
                continue;
            }

            decimal? score = Property(entry, "score") is { ValueKind: JsonValueKind.Number } number && number.TryGetDecimal(out var legacy) ? legacy : null;
            entries.Add(new RecordPerformance(value, Str(entry, "rating"), Str(entry, "hasilKerja"), Str(entry, "perilaku"), score));
        }

        return entries;
    }

    /// <summary>A score as sent: a string, or the JSON text of a number; anything else is not a score.</summary>
    private static RecordScore? ScoreOf(JsonElement holder) => Property(holder, "score") switch
    {
        { ValueKind: JsonValueKind.Number } number => new RecordScore(number.GetRawText(), IsNumber: true),
        { ValueKind: JsonValueKind.String } text => new RecordScore(text.GetString() ?? string.Empty, IsNumber: false),
        _ => null,
    };

    /// <summary>A scale code as sent; a blank one is absent, as validation treats it.</summary>
    private static string? ScaleOf(JsonElement holder) => Str(holder, "scale") is { } code && !string.IsNullOrWhiteSpace(code) ? code : null;

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Array } array ? array.EnumerateArray() : [];

    private static string? Str(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    private static DateOnly? DateOf(JsonElement element, string name) =>
        Str(element, name) is { } text && IsoDate.TryParse(text, out var date) ? date : null;

    private static List<string> StringsOf(JsonElement element, string name)
    {
        var values = new List<string>();
        foreach (var item in Items(element, name))
        {
            if (item.ValueKind == JsonValueKind.String && item.GetString() is { } text)
            {
                values.Add(text);
            }
        }

        return values;
    }
}
