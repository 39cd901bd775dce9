using System.Reflection;
using System.Text.Json;

namespace TalentHub.DataGen.Reference;

public sealed record ProvinceFact(string Code, string Name, int RegenciesAndCities);

public sealed record MethodFact(string Code, int ValidYears);

public sealed record CompetencyFact(string Code, string Group, string? Family, string Name, string? NameEn, IReadOnlyList<string> Aliases);

/// <summary>The seed facts of reference/*.json, embedded in the assembly (the generator has no other input).</summary>
public sealed class ReferenceData
{
    private ReferenceData(
        IReadOnlyList<ProvinceFact> provinces,
        IReadOnlyList<MethodFact> methods,
        IReadOnlyList<CompetencyFact> competencies,
        IReadOnlyList<string> titles,
        IReadOnlyList<string> pnsGrades)
    {
        Provinces = provinces;
        Methods = methods;
        Competencies = competencies;
        Titles = titles;
        PnsGrades = pnsGrades;
    }

    public static ReferenceData Instance { get; } = Load();

    public IReadOnlyList<ProvinceFact> Provinces { get; }

    public IReadOnlyList<MethodFact> Methods { get; }

    public IReadOnlyList<CompetencyFact> Competencies { get; }

    public IReadOnlyList<string> Titles { get; }

    /// <summary>PNS grades in rank order, I/a … IV/e.</summary>
    public IReadOnlyList<string> PnsGrades { get; }

    public MethodFact Method(string code) => Methods.First(method => method.Code == code);

    private static ReferenceData Load()
    {
        using var provinces = Read("provinces.json");
        using var methods = Read("methods.json");
        using var competencies = Read("competencies.json");
        using var titles = Read("titles.json");
        using var grades = Read("grades.json");
        return new ReferenceData(
            [.. provinces.RootElement.GetProperty("provinces").EnumerateArray().Select(p => new ProvinceFact(
                p.GetProperty("code").GetString()!, p.GetProperty("name").GetString()!, p.GetProperty("regenciesAndCities").GetInt32()))],
            [.. methods.RootElement.GetProperty("methods").EnumerateArray().Select(m => new MethodFact(
                m.GetProperty("code").GetString()!, m.GetProperty("validYears").GetInt32()))],
            [.. competencies.RootElement.GetProperty("competencies").EnumerateArray().Select(c => new CompetencyFact(
                c.GetProperty("code").GetString()!,
                c.GetProperty("group").GetString()!,
                c.TryGetProperty("family", out var family) ? family.GetString() : null,
                c.GetProperty("name").GetString()!,
                c.TryGetProperty("nameEn", out var nameEn) ? nameEn.GetString() : null,
                [.. c.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()!)]))],
            [.. titles.RootElement.GetProperty("titles").EnumerateArray().Select(t => t.GetString()!)],
            [.. grades.RootElement.GetProperty("PNS").EnumerateArray().OrderBy(g => g.GetProperty("rank").GetInt32()).Select(g => g.GetProperty("code").GetString()!)]);
    }

    private static JsonDocument Read(string fileName)
    {
        var name = $"TalentHub.DataGen.Reference.{fileName}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded reference file {name} is missing.");
        return JsonDocument.Parse(stream);
    }
}
