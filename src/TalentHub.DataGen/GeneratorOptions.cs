using System.Globalization;

namespace TalentHub.DataGen;

/// <summary>The command line: <c>--size tiny|small|national|&lt;count&gt; --seed &lt;n&gt; --out &lt;dir&gt; [--as-of yyyy-MM-dd]</c>.</summary>
public sealed record GeneratorOptions(string Size, int People, ulong Seed, string Output, DateOnly AsOf)
{
    /// <summary>A fixed default, never the wall clock, so that the same arguments always give the same dataset.</summary>
    public static readonly DateOnly DefaultAsOf = new(2026, 11, 1);

    public const string Usage = "usage: TalentHub.DataGen --size tiny|small|national|<count> --seed <n> --out <dir> [--as-of yyyy-MM-dd]";

    public static GeneratorOptions Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            if (i + 1 >= args.Count || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException(Usage);
            }

            values[args[i]] = args[i + 1];
        }

        var unknown = values.Keys.Except(["--size", "--seed", "--out", "--as-of"]).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"unknown option {unknown[0]}; {Usage}");
        }

        var size = values.GetValueOrDefault("--size") ?? throw new ArgumentException(Usage);
        var people = size switch
        {
            "tiny" => 1_000,
            "small" => 100_000,
            "national" => 5_600_000,
            _ when int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count >= 100 => count,
            _ => throw new ArgumentException($"--size must be tiny, small, national or a count of at least 100; {Usage}"),
        };
        var seed = ulong.TryParse(values.GetValueOrDefault("--seed") ?? "7", NumberStyles.None, CultureInfo.InvariantCulture, out var s)
            ? s
            : throw new ArgumentException($"--seed must be a non-negative integer; {Usage}");
        var output = values.GetValueOrDefault("--out") ?? throw new ArgumentException(Usage);
        var asOf = values.TryGetValue("--as-of", out var text)
            ? DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : throw new ArgumentException($"--as-of must be yyyy-MM-dd; {Usage}")
            : DefaultAsOf;
        return new GeneratorOptions(size, people, seed, output, asOf);
    }
}
