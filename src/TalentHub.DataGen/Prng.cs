namespace TalentHub.DataGen;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a fixed, documented algorithm, so that a seed gives the same data on
/// every runtime (System.Random's algorithm is unspecified). Every person and agency gets its own stream derived
/// from (seed, purpose, index), so that anything can be regenerated without generating what comes before it.
/// </summary>
public sealed class Prng(ulong state)
{
    private ulong _state = state;

    public static Prng For(ulong seed, Purpose purpose, long index) => new(Hash(seed, purpose, index));

    /// <summary>A well-mixed 64-bit value of (seed, purpose, index), for cheap one-off decisions.</summary>
    public static ulong Hash(ulong seed, Purpose purpose, long index) =>
        Mix(Mix(seed ^ ((ulong)purpose * 0xD1B54A32D192ED03UL)) + (ulong)index);

    /// <summary>A uniform number in [0, 1) from (seed, purpose, index).</summary>
    public static double Uniform(ulong seed, Purpose purpose, long index) => ToUnit(Hash(seed, purpose, index));

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A uniform integer in [0, maxExclusive) (Lemire's multiply-shift; the bias is below 2^-32).</summary>
    public int Next(int maxExclusive) => (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public double NextDouble() => ToUnit(NextUInt64());

    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>
    /// An approximately standard normal number: the centred sum of four uniforms, scaled to unit variance (Irwin–Hall).
    /// Not Box–Muller: additions and one multiplication are exact in IEEE arithmetic, logarithms and cosines are not
    /// specified to the last bit, and a level rounded from them could differ between runtimes.
    /// </summary>
    public double NextNormal() => (NextDouble() + NextDouble() + NextDouble() + NextDouble() - 2) * 1.7320508075688772;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An index chosen with the given relative weights.</summary>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        foreach (var weight in weights)
        {
            total += weight;
        }

        var target = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    private static double ToUnit(ulong value) => (value >> 11) * (1.0 / (1UL << 53));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}

/// <summary>The independent random streams of the generator.</summary>
public enum Purpose : ulong
{
    AgencyWeight = 1,
    AgencyProfile,
    Person,
    PersonViews,
    PersonRole,
    PersonPartner,
    Permutation,
    CsvDialect,
}
