using System.Text.Json;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Reconciliation;

/// <summary>A method of <c>reference/methods.json</c>: its rank (1 best), validity in calendar years, and whether it counts for talent decisions.</summary>
public sealed record MethodRule(int Rank, int ValidYears, bool UsedForTalentDecisions);

/// <summary>
/// The part of the national standard that reconciliation reads: methods, standard levels per position level (M1…M8,
/// SK1 → required level), the JPM thresholds (90, 78 by default) and the titles stripped before names are compared.
/// </summary>
public sealed record StandardSnapshot(
    IReadOnlyDictionary<string, MethodRule> Methods,
    IReadOnlyDictionary<PositionLevel, IReadOnlyDictionary<string, int>> StandardLevels,
    decimal OptimalThreshold,
    decimal CukupOptimalThreshold,
    IReadOnlyList<string> Titles)
{
    /// <summary>
    /// The snapshot of the reference files' texts (<c>methods.json</c>, <c>standard-levels.json</c>, <c>titles.json</c>);
    /// null when any of them is not in the expected shape. Unknown position levels are skipped.
    /// </summary>
    public static StandardSnapshot? Parse(string methodsJson, string standardLevelsJson, string titlesJson)
    {
        try
        {
            using var methodsDocument = JsonDocument.Parse(methodsJson);
            using var levelsDocument = JsonDocument.Parse(standardLevelsJson);
            using var titlesDocument = JsonDocument.Parse(titlesJson);

            var methods = new Dictionary<string, MethodRule>(StringComparer.Ordinal);
            foreach (var method in methodsDocument.RootElement.GetProperty("methods").EnumerateArray())
            {
                methods[method.GetProperty("code").GetString()!] = new MethodRule(
                    method.GetProperty("rank").GetInt32(),
                    method.GetProperty("validYears").GetInt32(),
                    method.GetProperty("usedForTalentDecisions").GetBoolean());
            }

            var levels = new Dictionary<PositionLevel, IReadOnlyDictionary<string, int>>();
            foreach (var entry in levelsDocument.RootElement.GetProperty("positionLevels").EnumerateArray())
            {
                if (!UpperSnakeCase.TryParse<PositionLevel>(entry.GetProperty("positionLevel").GetString(), out var level))
                {
                    continue;
                }

                var standard = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var competency in entry.GetProperty("standard").EnumerateObject())
                {
                    standard[competency.Name] = competency.Value.GetInt32();
                }

                levels[level] = standard;
            }

            var thresholds = levelsDocument.RootElement.GetProperty("jpmThresholds");
            var titles = titlesDocument.RootElement.GetProperty("titles").EnumerateArray().Select(t => t.GetString()!).ToList();
            return new StandardSnapshot(
                methods,
                levels,
                thresholds.GetProperty("OPTIMAL").GetDecimal(),
                thresholds.GetProperty("CUKUP_OPTIMAL").GetDecimal(),
                titles);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
