using TalentHub.Domain.Normalization;

namespace TalentHub.Domain.Analytics;

/// <summary>
/// One calibration cell: people counted on each side, their mean levels and difference (agency − others), the
/// Kolmogorov–Smirnov D and its asymptotic p-value, and whether the cell is flagged for methodological guidance.
/// Means, difference and D are rounded half up to 4 decimals, p to 6.
/// </summary>
public sealed record CalibrationResult(int AgencyCount, int OthersCount, decimal AgencyMean, decimal OthersMean, decimal MeanDifference, decimal D, decimal PValue, bool Flagged);

/// <summary>
/// Calibration across agencies (docs/domain/analytics.md#calibration): an agency's distribution of levels 1–5 in a cell
/// against that of all other agencies. It informs; it never changes a level.
/// </summary>
public static class Calibration
{
    /// <summary>An agency is compared only with at least this many people with a current level in the cell.</summary>
    public const int MinimumPeople = 30;

    /// <summary>A cell is flagged from this absolute mean difference (in levels) …</summary>
    public const decimal FlagMeanDifference = 0.5m;

    /// <summary>… together with a p-value below this one.</summary>
    public const double FlagPValue = 0.01;

    private const int Levels = 5;
    private const int MaxTerms = 100;
    private const double Convergence = 1e-12;

    /// <summary>
    /// Compares counts of people at levels 1–5 (5 entries each); null when the agency has fewer than
    /// <see cref="MinimumPeople"/> or no other agency has anyone.
    /// </summary>
    public static CalibrationResult? Compare(IReadOnlyList<long> agencyCountsByLevel, IReadOnlyList<long> othersCountsByLevel)
    {
        Check(agencyCountsByLevel, nameof(agencyCountsByLevel));
        Check(othersCountsByLevel, nameof(othersCountsByLevel));
        var n1 = agencyCountsByLevel.Sum();
        var n2 = othersCountsByLevel.Sum();
        if (n1 < MinimumPeople || n2 == 0)
        {
            return null;
        }

        // Everything but p is an exact fraction over n1·n2, so a boundary (a difference of exactly 0.5, a D ending
        // in 5 at the 5th decimal) is decided and rounded exactly, never by binary floating point.
        var denominator = (Int128)n1 * n2;
        var differenceNumerator = ((Int128)LevelSum(agencyCountsByLevel) * n2) - ((Int128)LevelSum(othersCountsByLevel) * n1);
        Int128 maxGapNumerator = 0;
        Int128 cumulative1 = 0;
        Int128 cumulative2 = 0;
        for (var i = 0; i < Levels; i++)
        {
            cumulative1 += agencyCountsByLevel[i];
            cumulative2 += othersCountsByLevel[i];
            maxGapNumerator = Int128.Max(maxGapNumerator, Int128.Abs((cumulative1 * n2) - (cumulative2 * n1)));
        }

        var p = PValue(n1, n2, (double)maxGapNumerator / (double)denominator);
        var flagged = 2 * Int128.Abs(differenceNumerator) >= denominator && p < FlagPValue;
        return new CalibrationResult(
            checked((int)n1),
            checked((int)n2),
            HalfUp.ToTenThousandths((decimal)LevelSum(agencyCountsByLevel) / n1),
            HalfUp.ToTenThousandths((decimal)LevelSum(othersCountsByLevel) / n2),
            HalfUp.ToTenThousandths((decimal)differenceNumerator / (decimal)denominator),
            HalfUp.ToTenThousandths((decimal)maxGapNumerator / (decimal)denominator),
            Math.Round((decimal)p, 6, MidpointRounding.AwayFromZero) + 0.000000m,
            flagged);
    }

    /// <summary>
    /// The asymptotic p-value of D: 2 Σ (−1)^(k−1) e^(−2k²λ²), clamped to [0, 1]. The series converges slowly only for
    /// a small λ, where p is 1 to far more digits than are reported, so a sum that has not converged in 100 terms is 1.
    /// </summary>
    private static double PValue(long n1, long n2, double d)
    {
        var n = (double)n1 * n2 / ((double)n1 + n2);
        var root = Math.Sqrt(n);
        var lambda = (root + 0.12 + (0.11 / root)) * d;
        if (lambda <= 0)
        {
            return 1;
        }

        var sum = 0.0;
        var sign = 1.0;
        for (var k = 1; k <= MaxTerms; k++)
        {
            var term = 2 * sign * Math.Exp(-2.0 * k * k * lambda * lambda);
            sum += term;
            if (Math.Abs(term) < Convergence)
            {
                return Math.Clamp(sum, 0, 1);
            }

            sign = -sign;
        }

        return 1;
    }

    private static long LevelSum(IReadOnlyList<long> counts)
    {
        var sum = 0L;
        for (var i = 0; i < Levels; i++)
        {
            sum += (i + 1) * counts[i];
        }

        return sum;
    }

    private static void Check(IReadOnlyList<long> counts, string name)
    {
        if (counts.Count != Levels)
        {
            throw new ArgumentException($"Expected {Levels} counts (levels 1–5), got {counts.Count}.", name);
        }

        if (counts.Any(c => c < 0))
        {
            throw new ArgumentException("Counts cannot be negative.", name);
        }
    }
}
