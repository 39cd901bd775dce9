using TalentHub.Domain.Normalization;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Analytics;

/// <summary>
/// A person considered for a succession pool: status, current position level, 9-box, the start of their time at that
/// level, predikat per year, and current non-stale national levels (competency code → level).
/// </summary>
public sealed record PoolCandidate(
    string Nip,
    bool Active,
    PositionLevel? PositionLevel,
    int? Box,
    DateOnly? LevelSince,
    IReadOnlyDictionary<int, Predikat> PredikatByYear,
    IReadOnlyDictionary<string, int> CurrentLevels);

/// <summary>A pool member with the JPM (and gaps, the development plan's input) against the target level's standard.</summary>
public sealed record PoolMember(PoolCandidate Candidate, JpmResult JpmAgainstTarget, Predikat PredikatLastYear)
{
    public PoolRankKey RankKey => new(Candidate.Box ?? 0, JpmAgainstTarget.Value, PredikatLastYear, Candidate.Nip);
}

/// <summary>
/// What a pool is ordered by: box (9, 8, 7), JPM against the target (descending), the predikat of the year before the
/// evaluation year (SANGAT_BAIK first), then NIP (ordinal ascending). Negative <see cref="CompareTo"/>: ranks first.
/// </summary>
public readonly record struct PoolRankKey(int Box, decimal Jpm, Predikat PredikatLastYear, string Nip) : IComparable<PoolRankKey>
{
    public int CompareTo(PoolRankKey other)
    {
        var byBox = other.Box.CompareTo(Box);
        if (byBox != 0)
        {
            return byBox;
        }

        var byJpm = other.Jpm.CompareTo(Jpm);
        if (byJpm != 0)
        {
            return byJpm;
        }

        var byPredikat = PredikatLastYear.CompareTo(other.PredikatLastYear);
        return byPredikat != 0 ? byPredikat : string.CompareOrdinal(Nip, other.Nip);
    }
}

/// <summary>Succession pools (KRS, docs/domain/analytics.md#succession-pools): membership by the rule of PP 11/2017, and the ranking of members.</summary>
public static class SuccessionPools
{
    /// <summary>The minimum years at the current level.</summary>
    public const int MinimumYearsAtLevel = 2;

    /// <summary>
    /// ACTIVE, at a feeder level, in box 7, 8 or 9, at least 2 years at the level on the evaluation date, and a predikat
    /// of at least BAIK in each of the two years before the evaluation year (a year without one fails).
    /// </summary>
    public static bool IsMember(PoolCandidate c, IReadOnlySet<PositionLevel> feeders, DateOnly evaluationDate) =>
        c.Active
        && c.PositionLevel is { } level && feeders.Contains(level)
        && c.Box is 7 or 8 or 9
        && c.LevelSince is { } since && Tenure.Reached(since, evaluationDate, MinimumYearsAtLevel)
        && AtLeastBaik(c, evaluationDate.Year - 1)
        && AtLeastBaik(c, evaluationDate.Year - 2);

    /// <summary>
    /// The members among the candidates, in the order of their <see cref="PoolRankKey"/>.
    /// </summary>
    public static IReadOnlyList<PoolMember> Rank(
        IEnumerable<PoolCandidate> candidates,
        IReadOnlySet<PositionLevel> feeders,
        IReadOnlyDictionary<string, int> targetStandard,
        decimal optimal,
        decimal cukupOptimal,
        DateOnly evaluationDate)
    {
        var lastYear = evaluationDate.Year - 1;
        return
        [
            .. candidates
                .Where(c => IsMember(c, feeders, evaluationDate))
                .Select(c => new PoolMember(c, Jpm.Compute(Levels(c), targetStandard, optimal, cukupOptimal), c.PredikatByYear[lastYear]))
                .OrderBy(m => m.RankKey),
        ];
    }

    private static bool AtLeastBaik(PoolCandidate c, int year) =>
        c.PredikatByYear.TryGetValue(year, out var predikat) && predikat is Predikat.SangatBaik or Predikat.Baik;

    private static Dictionary<string, int?> Levels(PoolCandidate c) =>
        c.CurrentLevels.ToDictionary(e => e.Key, e => (int?)e.Value, StringComparer.Ordinal);
}
