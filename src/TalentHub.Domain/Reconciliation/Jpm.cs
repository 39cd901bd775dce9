using TalentHub.Domain.Normalization;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Reconciliation;

/// <summary>
/// A Job Person Match (docs/domain/reconciliation.md#jpm). Gaps: A − S per competency of the standard (a missing one counts 0);
/// GapCount: the competencies below standard; Incomplete: some competency has no current level; Insufficient: fewer
/// than 7 present (not used for 9-box placement).
/// </summary>
public sealed record JpmResult(decimal Value, JpmCategory Category, IReadOnlyDictionary<string, int> Gaps, int GapCount, bool Incomplete, bool Insufficient);

/// <summary>JPM = min(100, 100 × ΣA / ΣS), rounded half up to 2 decimals, over the competencies of the standard.</summary>
public static class Jpm
{
    /// <summary>A JPM with fewer competencies present than this is insufficient (7 of the 9).</summary>
    public const int MinimumPresent = 7;

    /// <summary>
    /// The JPM of current levels (code → level; null or absent: no current level) against a standard (code → required
    /// level). Only the standard's competencies count; a standard summing to 0 gives 0.
    /// </summary>
    public static JpmResult Compute(IReadOnlyDictionary<string, int?> currentLevels, IReadOnlyDictionary<string, int> standard, decimal optimal, decimal cukupOptimal)
    {
        var gaps = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var sumActual = 0;
        var sumStandard = 0;
        var present = 0;
        var gapCount = 0;
        foreach (var (code, required) in standard.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var actual = currentLevels.TryGetValue(code, out var level) && level is { } value ? value : (int?)null;
            if (actual is not null)
            {
                present++;
            }

            var gap = (actual ?? 0) - required;
            gaps[code] = gap;
            if (gap < 0)
            {
                gapCount++;
            }

            sumActual += actual ?? 0;
            sumStandard += required;
        }

        var raw = sumStandard == 0 ? 0m : 100m * sumActual / sumStandard;
        var jpm = HalfUp.ToHundredths(Math.Min(100m, raw));
        var minimum = Math.Min(MinimumPresent, standard.Count);
        return new JpmResult(jpm, CategoryOf(jpm, optimal, cukupOptimal), gaps, gapCount, present < standard.Count, present < minimum);
    }

    /// <summary>≥ optimal: OPTIMAL; ≥ cukupOptimal: CUKUP_OPTIMAL; below: KURANG_OPTIMAL.</summary>
    public static JpmCategory CategoryOf(decimal jpm, decimal optimal, decimal cukupOptimal) =>
        jpm >= optimal ? JpmCategory.Optimal
        : jpm >= cukupOptimal ? JpmCategory.CukupOptimal
        : JpmCategory.KurangOptimal;
}
