using TalentHub.Domain.Normalization;

namespace TalentHub.Domain.Analytics;

/// <summary>
/// A count of people in one group at one current non-stale level (1–5) of a competency, with the standard level of
/// their own position level for that competency.
/// </summary>
public sealed record MapCell(string Group, string Competency, int Level, int StandardLevel, long Count);

/// <summary>
/// A competency in a group: the number assessed, the mean level (2 decimals), the distribution over levels 1–5, the
/// share meeting their own standard (4 decimals) and the mean gap, level − standard (2 decimals).
/// </summary>
public sealed record CompetencyStats(string Competency, long Assessed, decimal MeanLevel, IReadOnlyList<long> Distribution, decimal ShareMeetingStandard, decimal MeanGap);

/// <summary>A group's competencies, ordered by code (ordinal).</summary>
public sealed record GroupStats(string Group, IReadOnlyList<CompetencyStats> Competencies);

/// <summary>A competency's national rank, 1 the weakest (the lowest mean gap).</summary>
public sealed record RankedCompetency(int Rank, string Competency, long Assessed, decimal MeanGap);

/// <summary>The map per group (ordered ordinally) and the national ranking of competencies.</summary>
public sealed record CompetencyMapResult(IReadOnlyList<GroupStats> Groups, IReadOnlyList<RankedCompetency> NationalRanking);

/// <summary>The national competency map (docs/domain/analytics.md#competency-map) over counted cells of current, non-stale levels.</summary>
public static class CompetencyMap
{
    private const int Levels = 5;

    /// <summary>
    /// Statistics per group and competency, and the national ranking from weakest to strongest by exact mean gap over
    /// all groups (ties by code, ordinal). Cells counting nobody add nothing.
    /// </summary>
    public static CompetencyMapResult Build(IEnumerable<MapCell> cells)
    {
        // Hashed while adding up (a national map adds some hundred thousand cells), ordered once at the end.
        var groups = new Dictionary<string, Dictionary<string, Tally>>(StringComparer.Ordinal);
        var national = new Dictionary<string, Tally>(StringComparer.Ordinal);
        foreach (var cell in cells)
        {
            if (cell.Level is < 1 or > Levels)
            {
                throw new ArgumentOutOfRangeException(nameof(cells), cell.Level, "A level is 1–5.");
            }

            ArgumentOutOfRangeException.ThrowIfNegative(cell.Count, nameof(cells));
            if (cell.Count == 0)
            {
                continue;
            }

            if (!groups.TryGetValue(cell.Group, out var competencies))
            {
                competencies = new Dictionary<string, Tally>(StringComparer.Ordinal);
                groups[cell.Group] = competencies;
            }

            TallyOf(competencies, cell.Competency).Add(cell);
            TallyOf(national, cell.Competency).Add(cell);
        }

        var groupStats = groups
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new GroupStats(g.Key, [.. g.Value.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => c.Value.Stats(c.Key))]))
            .ToList();
        var ranking = national
            .OrderBy(c => c.Value, Comparer<Tally>.Create((a, b) => a.CompareMeanGap(b)))
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select((c, i) => new RankedCompetency(i + 1, c.Key, c.Value.Assessed, HalfUp.ToHundredths((decimal)c.Value.GapSum / c.Value.Assessed)))
            .ToList();
        return new CompetencyMapResult(groupStats, ranking);
    }

    private static Tally TallyOf(Dictionary<string, Tally> tallies, string competency)
    {
        if (!tallies.TryGetValue(competency, out var tally))
        {
            tally = new Tally();
            tallies[competency] = tally;
        }

        return tally;
    }


    private sealed class Tally
    {
        private readonly long[] _distribution = new long[Levels];
        private long _levelSum;
        private long _meeting;

        public long Assessed { get; private set; }

        public long GapSum { get; private set; }

        public void Add(MapCell cell)
        {
            Assessed += cell.Count;
            _distribution[cell.Level - 1] += cell.Count;
            _levelSum += cell.Level * cell.Count;
            GapSum += (cell.Level - cell.StandardLevel) * cell.Count;
            if (cell.Level >= cell.StandardLevel)
            {
                _meeting += cell.Count;
            }
        }

        /// <summary>Compares GapSum/Assessed exactly, by cross-multiplication.</summary>
        public int CompareMeanGap(Tally other) => ((Int128)GapSum * other.Assessed).CompareTo((Int128)other.GapSum * Assessed);

        public CompetencyStats Stats(string competency) => new(
            competency,
            Assessed,
            HalfUp.ToHundredths((decimal)_levelSum / Assessed),
            [.. _distribution],
            HalfUp.ToTenThousandths((decimal)_meeting / Assessed),
            HalfUp.ToHundredths((decimal)GapSum / Assessed));
    }
}
