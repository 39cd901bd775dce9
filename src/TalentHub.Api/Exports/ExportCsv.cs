using System.Text;
using System.Text.Json;
using TalentHub.Api.Privacy;

namespace TalentHub.Api.Exports;

/// <summary>
/// One CSV row per profile with the flat fields an analyst needs (RFC 4180, CRLF). Text cells that a spreadsheet would
/// read as a formula (starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab or carriage return) are prefixed with
/// <c>'</c> (docs/domain/records.md#csv-output); numbers are written as numbers, untouched.
/// </summary>
public sealed class ExportCsv(IReadOnlyList<string> competencyCodes)
{
    private static readonly string[] Leading =
    [
        "nip", "name", "nik", "birthPlace", "birthDate", "gender", "status", "employmentType", "grade", "employingAgency", "positionTitle",
        "positionLevel", "positionUnit", "workProvince", "positionSince", "jpm", "jpmCategory", "box", "potentialClass",
        "performanceYear1", "predikat1", "performanceYear2", "predikat2",
    ];

    public string Header() =>
        string.Join(',', Leading.Concat(competencyCodes.SelectMany(c => new[] { c + "_level", c + "_stale" })).Append("complete")) + "\r\n";

    public string Row(string content, bool complete, bool unmasked)
    {
        using var document = JsonDocument.Parse(content);
        var root = document.RootElement;
        var identity = root.GetProperty("identity");
        var position = root.GetProperty("currentPosition");
        var jpm = root.GetProperty("jpm");
        var row = new StringBuilder(512);
        Text(row, Str(root, "nip"));
        Text(row, Str(identity, "name"));
        var nik = Str(identity, "nik");
        Text(row, unmasked ? nik : PersonalDataMasking.MaskField(PersonalDataMasking.NikField, nik));
        Text(row, unmasked ? Str(identity, "birthPlace") : null);
        Text(row, Str(identity, "birthDate"));
        Text(row, Str(identity, "gender"));
        Text(row, Str(root, "status"));
        Text(row, Str(root, "employmentType"));
        Text(row, Str(root, "grade"));
        Text(row, Str(root, "employingAgency"));
        Text(row, Str(position, "title"));
        Text(row, Str(position, "level"));
        Text(row, Str(position, "unit"));
        Text(row, Str(position, "province"));
        Text(row, Str(position, "from"));
        Number(row, jpm.ValueKind == JsonValueKind.Object ? jpm.GetProperty("value") : default);
        Text(row, Str(jpm, "category"));
        Number(row, root.GetProperty("nineBox").GetProperty("box"));
        Text(row, Str(root.GetProperty("potential"), "class"));
        var years = root.GetProperty("performance").GetProperty("years").EnumerateArray().OrderByDescending(y => y.GetProperty("year").GetInt32()).Take(2).ToList();
        for (var i = 0; i < 2; i++)
        {
            Number(row, i < years.Count ? years[i].GetProperty("year") : default);
            Text(row, i < years.Count ? Str(years[i], "predikat") : null);
        }

        var levels = root.GetProperty("competencies").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c, StringComparer.Ordinal);
        foreach (var code in competencyCodes)
        {
            var found = levels.TryGetValue(code, out var level);
            Number(row, found ? level.GetProperty("level") : default);
            Cell(row, found ? (level.GetProperty("stale").GetBoolean() ? "true" : "false") : "");
        }

        Cell(row, complete ? "true" : "false");
        row.Length--;
        return row.Append("\r\n").ToString();
    }

    /// <summary>A text cell: neutralized against formula injection, quoted when it holds a separator, quote or line break.</summary>
    public static string Neutralize(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    private static void Text(StringBuilder row, string? value)
    {
        if (value is null)
        {
            row.Append(',');
            return;
        }

        var text = Neutralize(value);
        if (text.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            row.Append('"').Append(text.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            row.Append(text);
        }

        row.Append(',');
    }

    private static void Number(StringBuilder row, JsonElement value) =>
        Cell(row, value.ValueKind == JsonValueKind.Number ? value.GetRawText() : "");

    private static void Cell(StringBuilder row, string value) => row.Append(value).Append(',');

    private static string? Str(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

}
