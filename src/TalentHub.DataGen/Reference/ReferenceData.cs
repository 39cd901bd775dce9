using System.Reflection;
using System.Text.Json;
using TalentHub.Domain.Standard;

namespace TalentHub.DataGen.Reference;

public sealed record ProvinceFact(string Code, string Name, int RegenciesAndCities);

public sealed record MethodFact(string Code, int Rank, int ValidYears, bool UsedForTalentDecisions);

public sealed record CompetencyFact(string Code, string Group, string? Family, string Name, string? NameEn, IReadOnlyList<string> Aliases);

/// <summary>
/// The seed facts of src/TalentHub.Infrastructure/Reference/*.json (docs/domain/standard.md#reference-data), embedded
/// in the assembly (the generator has no other input).
/// </summary>
public sealed class ReferenceData
{
    private ReferenceData(
        IReadOnlyList<ProvinceFact> provinces,
        IReadOnlyList<MethodFact> methods,
        IReadOnlyList<CompetencyFact> competencies,
        IReadOnlyList<string> titles,
        IReadOnlyList<string> pnsGrades,
        IReadOnlyDictionary<PositionLevel, int[]> standardLevels)
    {
        Provinces = provinces;
        Methods = methods;
        Competencies = competencies;
        Titles = titles;
        PnsGrades = pnsGrades;
        StandardLevels = standardLevels;
    }

    /// <summary>
    /// The nine competencies of the JPM, in the order of a person's levels (M1 … M8, SK1). Declared before
    /// <see cref="Instance"/>: static initializers run in textual order, and loading reads it.
    /// </summary>
    public static IReadOnlyList<string> StandardCodes { get; } = ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "SK1"];

    public static ReferenceData Instance { get; } = Load();

    public IReadOnlyList<ProvinceFact> Provinces { get; }

    public IReadOnlyList<MethodFact> Methods { get; }

    public IReadOnlyList<CompetencyFact> Competencies { get; }

    public IReadOnlyList<string> Titles { get; }

    /// <summary>PNS grades in rank order, I/a … IV/e.</summary>
    public IReadOnlyList<string> PnsGrades { get; }

    /// <summary>The managerial and socio-cultural standard of each position level, in the order of <see cref="StandardCodes"/>.</summary>
    public IReadOnlyDictionary<PositionLevel, int[]> StandardLevels { get; }

    public MethodFact Method(string code) => Methods.First(method => method.Code == code);

    private static ReferenceData Load()
    {
        using var provinces = Read("provinces.json");
        using var methods = Read("methods.json");
        using var competencies = Read("competencies.json");
        using var titles = Read("titles.json");
        using var grades = Read("grades.json");
        using var standard = Read("standard-levels.json");
        return new ReferenceData(
            [.. provinces.RootElement.GetProperty("provinces").EnumerateArray().Select(p => new ProvinceFact(
                p.GetProperty("code").GetString()!, p.GetProperty("name").GetString()!, p.GetProperty("regenciesAndCities").GetInt32()))],
            [.. methods.RootElement.GetProperty("methods").EnumerateArray().Select(m => new MethodFact(
                m.GetProperty("code").GetString()!,
                m.GetProperty("rank").GetInt32(),
                m.GetProperty("validYears").GetInt32(),
                m.GetProperty("usedForTalentDecisions").GetBoolean()))],
            [.. competencies.RootElement.GetProperty("competencies").EnumerateArray().Select(c => new CompetencyFact(
                c.GetProperty("code").GetString()!,
                c.GetProperty("group").GetString()!,
                c.TryGetProperty("family", out var family) ? family.GetString() : null,
                c.GetProperty("name").GetString()!,
                c.TryGetProperty("nameEn", out var nameEn) ? nameEn.GetString() : null,
                [.. c.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()!)]))],
            [.. titles.RootElement.GetProperty("titles").EnumerateArray().Select(t => t.GetString()!)],
            [.. grades.RootElement.GetProperty("PNS").EnumerateArray().OrderBy(g => g.GetProperty("rank").GetInt32()).Select(g => g.GetProperty("code").GetString()!)],
            standard.RootElement.GetProperty("positionLevels").EnumerateArray().ToDictionary(
                p => UpperSnakeCase.TryParse<PositionLevel>(p.GetProperty("positionLevel").GetString(), out var level)
                    ? level
                    : throw new InvalidOperationException($"Unknown position level {p.GetProperty("positionLevel")} in standard-levels.json."),
                p => StandardCodes.Select(code => p.GetProperty("standard").GetProperty(code).GetInt32()).ToArray()));
    }

    private static JsonDocument Read(string fileName)
    {
        var name = $"TalentHub.DataGen.Reference.{fileName}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded reference file {name} is missing.");
        return JsonDocument.Parse(stream);
    }
}
