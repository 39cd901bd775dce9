using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using TalentHub.Domain.Standard;

namespace TalentHub.Infrastructure.Reference;

/// <summary>
/// The seed facts of the JSON files beside this class (BKN's published seed, docs/domain/standard.md#reference-data),
/// embedded verbatim in this assembly (never retyped), read into the rows the database starts with. After seeding, the
/// database is the source of truth (configurable defaults).
/// </summary>
public static class ReferenceData
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = false,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false) },
    };

    public static CompetencyFile Competencies => Read<CompetencyFile>("competencies.json");
    public static StandardLevelsFile StandardLevels => Read<StandardLevelsFile>("standard-levels.json");
    public static MethodsFile Methods => Read<MethodsFile>("methods.json");
    public static GradesFile Grades => Read<GradesFile>("grades.json");
    public static ProvincesFile Provinces => Read<ProvincesFile>("provinces.json");
    public static TitlesFile Titles => Read<TitlesFile>("titles.json");

    private static T Read<T>(string fileName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"TalentHub.Reference.{fileName}")
            ?? throw new InvalidOperationException($"Reference file {fileName} is not embedded.");
        return JsonSerializer.Deserialize<T>(stream, Options)
            ?? throw new InvalidOperationException($"Reference file {fileName} is empty.");
    }

    public sealed record CompetencyFile(IReadOnlyList<LevelEntry> Levels, IReadOnlyList<CompetencyEntry> Competencies);

    public sealed record LevelEntry(int Level, string Name, string Meaning);

    public sealed record CompetencyEntry(
        string Code,
        CompetencyGroup Group,
        string Name,
        string? NameEn,
        string? Family,
        string? FamilyName,
        IReadOnlyList<string> Aliases);

    public sealed record StandardLevelsFile(IReadOnlyDictionary<string, decimal> JpmThresholds, IReadOnlyList<PositionLevelEntry> PositionLevels);

    public sealed record PositionLevelEntry(
        PositionLevel PositionLevel,
        IReadOnlyDictionary<string, int> Standard,
        int TechnicalDefault,
        bool IsJpt,
        IReadOnlyList<PositionLevel> Feeders);

    public sealed record MethodsFile(IReadOnlyList<MethodEntry> Methods);

    public sealed record MethodEntry(string Code, int Rank, int ValidYears, bool UsedForTalentDecisions, string Name);

    public sealed record GradesFile(
        [property: JsonPropertyName("PNS")] IReadOnlyList<GradeEntry> Pns,
        [property: JsonPropertyName("PPPK")] IReadOnlyList<GradeEntry> Pppk);

    public sealed record GradeEntry(string Code, int Rank, string? Name);

    public sealed record ProvincesFile(IReadOnlyList<ProvinceEntry> Provinces);

    public sealed record ProvinceEntry(string Code, string Name, int RegenciesAndCities);

    public sealed record TitlesFile(IReadOnlyList<string> Titles);
}
