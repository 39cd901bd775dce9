using System.Globalization;
using System.Text.Json;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Standard;

namespace TalentHub.Infrastructure.Reconciliation;

/// <summary>
/// The <c>profiles.analytics</c> JSON: <c>{ "levels": { code: { "level", "method" } }, "predikat": { year: PREDIKAT } }</c>.
/// The counting triggers read <c>levels</c>; succession pools and rotation read both.
/// </summary>
public static class AnalyticsFactsJson
{
    public static string Write(AnalyticsFacts facts)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("levels");
            foreach (var (code, level) in facts.CurrentLevels)
            {
                writer.WriteStartObject(code);
                writer.WriteNumber("level", level.Level);
                writer.WriteString("method", level.Method);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteStartObject("predikat");
            foreach (var (year, predikat) in facts.PredikatByYear.OrderBy(p => p.Key))
            {
                writer.WriteString(year.ToString(CultureInfo.InvariantCulture), UpperSnakeCase.Of(predikat));
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The current levels (code → level) and the predikat per year of a stored analytics JSON (null: none).</summary>
    public static (IReadOnlyDictionary<string, int> Levels, IReadOnlyDictionary<int, Predikat> PredikatByYear) Read(string? json)
    {
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        var predikat = new Dictionary<int, Predikat>();
        if (json is null)
        {
            return (levels, predikat);
        }

        using var document = JsonDocument.Parse(json);
        foreach (var level in document.RootElement.GetProperty("levels").EnumerateObject())
        {
            levels[level.Name] = level.Value.GetProperty("level").GetInt32();
        }

        foreach (var year in document.RootElement.GetProperty("predikat").EnumerateObject())
        {
            if (int.TryParse(year.Name, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && UpperSnakeCase.TryParse<Predikat>(year.Value.GetString() ?? "", out var p))
            {
                predikat[y] = p;
            }
        }

        return (levels, predikat);
    }
}
