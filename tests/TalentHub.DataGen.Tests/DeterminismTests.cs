using System.Security.Cryptography;

namespace TalentHub.DataGen.Tests;

public class DeterminismTests
{
    [Fact]
    public void The_same_seed_size_and_date_give_byte_identical_files()
    {
        var first = Generate(seed: 7);
        var second = Generate(seed: 7);
        try
        {
            var firstHashes = Hashes(first);

            Assert.True(firstHashes.Count > 10);
            Assert.Equal(firstHashes, Hashes(second));
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(second, recursive: true);
        }
    }

    [Fact]
    public void Another_seed_gives_other_people()
    {
        var first = Generate(seed: 7);
        var other = Generate(seed: 8);
        try
        {
            Assert.NotEqual(
                File.ReadAllBytes(Path.Combine(first, "agencies", "BKN", "records.ndjson")),
                File.ReadAllBytes(Path.Combine(other, "agencies", "BKN", "records.ndjson")));
        }
        finally
        {
            Directory.Delete(first, recursive: true);
            Directory.Delete(other, recursive: true);
        }
    }

    private static string Generate(ulong seed)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"talenthub-datagen-{Guid.NewGuid():N}");
        DatasetGenerator.Generate(new GeneratorOptions("tiny", 1_000, seed, directory, GeneratorOptions.DefaultAsOf));
        return directory;
    }

    private static SortedDictionary<string, string> Hashes(string directory) =>
        new(
            Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).ToDictionary(
                path => Path.GetRelativePath(directory, path),
                path => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))),
            StringComparer.Ordinal);
}
