using System.Text.Json;

namespace TalentHub.DataGen.Tests;

/// <summary>One 20,000-person dataset, generated once for the tests that read it, and deleted afterwards.</summary>
public sealed class DatasetFixture : IDisposable
{
    public const int People = 20_000;
    public static readonly DateOnly AsOf = new(2026, 11, 1);

    public DatasetFixture()
    {
        Directory = Path.Combine(Path.GetTempPath(), $"talenthub-datagen-{Guid.NewGuid():N}");
        DatasetGenerator.Generate(new GeneratorOptions("20000", People, 11, Directory, AsOf));
        AgencyCodes = [.. ReadJson(Path.Combine(Directory, "agencies.json")).RootElement.EnumerateArray().Select(a => a.GetProperty("code").GetString()!)];
    }

    public string Directory { get; }

    public IReadOnlyList<string> AgencyCodes { get; }

    public static JsonDocument ReadJson(string path) => JsonDocument.Parse(File.ReadAllBytes(path));

    public string AgencyFile(string agencyCode, string fileName) => Path.Combine(Directory, "agencies", agencyCode, fileName);

    /// <summary>Every line of one kind of NDJSON file over all agencies, parsed.</summary>
    public IEnumerable<JsonElement> Lines(string fileName)
    {
        foreach (var code in AgencyCodes)
        {
            foreach (var line in File.ReadLines(AgencyFile(code, fileName)))
            {
                using var document = JsonDocument.Parse(line);
                yield return document.RootElement.Clone();
            }
        }
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
