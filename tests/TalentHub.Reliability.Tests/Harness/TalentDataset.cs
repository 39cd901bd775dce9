using System.Text.Json;
using TalentHub.DataGen;

namespace TalentHub.Reliability.Tests.Harness;

/// <summary>
/// The generator's dataset the suite loads (src/TalentHub.DataGen/README.md): people of every role, movers
/// and duplicates across agencies, pending and rejected records. <c>TALENTHUB_RELIABILITY_PEOPLE</c> sets its size
/// (default 6,000; the large-scale run uses 100000, the <c>small</c> dataset).
/// </summary>
public sealed class TalentDataset : IDisposable
{
    public static readonly DateTimeOffset Now = new(GeneratorOptions.DefaultAsOf.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(7));

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private TalentDataset(string directory, IReadOnlyList<Agency> agencies)
    {
        Directory = directory;
        Agencies = agencies;
    }

    public sealed record Agency(string Code, string Name, string Kind, string? ProvinceCode, int Records);

    public sealed record Scale(string ScaleCode, JsonElement Body);

    public sealed record Mappings(List<Scale> Scales, JsonElement Dictionary);

    public string Directory { get; }

    public IReadOnlyList<Agency> Agencies { get; }

    /// <summary>The agency with the most records: its submission is the one interrupted, its scale the one changed.</summary>
    public Agency Largest => Agencies.MaxBy(a => a.Records)!;

    public static int People => int.TryParse(Environment.GetEnvironmentVariable("TALENTHUB_RELIABILITY_PEOPLE"), out var people) ? people : 6000;

    public static TalentDataset Generate()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("talenthub-reliability-data-").FullName;
        DatasetGenerator.Generate(GeneratorOptions.Parse(["--size", People.ToString(), "--seed", "7", "--out", directory]));
        var agencies = JsonSerializer.Deserialize<List<Agency>>(File.ReadAllText(Path.Combine(directory, "agencies.json")), Web)!;
        return new TalentDataset(directory, agencies);
    }

    public string RecordsFile(string agencyCode) => Path.Combine(Directory, "agencies", agencyCode, "records.ndjson");

    public Mappings MappingsOf(string agencyCode) =>
        JsonSerializer.Deserialize<Mappings>(File.ReadAllText(Path.Combine(Directory, "agencies", agencyCode, "mappings.json")), Web)!;

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
