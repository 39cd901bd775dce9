using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using TalentHub.Domain.Analytics;

namespace TalentHub.Domain.Tests.Analytics;

public sealed class CompetencyMapTests
{
    private static MapCell Cell(string group, string competency, int level, int standard, long count) => new(group, competency, level, standard, count);

    // AAA / M1:  2 people at 2 (standard 3), 3 at 3 (standard 3), 1 at 4 (standard 3)
    //   assessed 6, mean 17/6 = 2.83, meeting 4/6 = 0.6667, gaps −2 + 0 + 1 = −1 → −1/6 = −0.17
    // AAA / SK1: 4 at 3 (standard 4), 1 at 4 (standard 4)
    //   assessed 5, mean 16/5 = 3.20, meeting 1/5 = 0.2000, gaps −4 → −0.80
    // BBB / M1:  1 at 5 (standard 3), 1 at 1 (standard 2)
    //   assessed 2, mean 3.00, meeting 1/2 = 0.5000, gaps +2 − 1 = 1 → 0.50
    // BBB / M2:  3 at 3 (standard 3): mean 3.00, meeting 1.0000, gap 0.00
    // National:  M1 8 assessed, gaps −1 + 1 = 0 → 0; M2 3 assessed, 0; SK1 5 assessed, −4/5 = −0.8.
    //   Weakest first: SK1 (−0.8), then M1 and M2 tied at 0, by code.
    private static readonly MapCell[] Example =
    [
        Cell("BBB", "M2", 3, 3, 3),
        Cell("AAA", "SK1", 3, 4, 4),
        Cell("AAA", "M1", 2, 3, 2),
        Cell("BBB", "M1", 5, 3, 1),
        Cell("AAA", "M1", 3, 3, 1),
        Cell("AAA", "M1", 4, 3, 1),
        Cell("AAA", "SK1", 4, 4, 1),
        Cell("BBB", "M1", 1, 2, 1),
        Cell("AAA", "M1", 3, 3, 2),
        Cell("CCC", "M1", 3, 3, 0),
    ];

    [Fact]
    public void The_hand_worked_map_per_group()
    {
        var result = CompetencyMap.Build(Example);

        Assert.Equal(["AAA", "BBB"], result.Groups.Select(g => g.Group));
        var aaa = result.Groups[0].Competencies;
        Assert.Equal(["M1", "SK1"], aaa.Select(c => c.Competency));
        Assert.Equal(new CompetencyStats("M1", 6, 2.83m, aaa[0].Distribution, 0.6667m, -0.17m), aaa[0]);
        Assert.Equal([0L, 2, 3, 1, 0], aaa[0].Distribution);
        Assert.Equal(new CompetencyStats("SK1", 5, 3.20m, aaa[1].Distribution, 0.2m, -0.8m), aaa[1]);
        Assert.Equal([0L, 0, 4, 1, 0], aaa[1].Distribution);

        var bbb = result.Groups[1].Competencies;
        Assert.Equal(["M1", "M2"], bbb.Select(c => c.Competency));
        Assert.Equal(new CompetencyStats("M1", 2, 3m, bbb[0].Distribution, 0.5m, 0.5m), bbb[0]);
        Assert.Equal([1L, 0, 0, 0, 1], bbb[0].Distribution);
        Assert.Equal(new CompetencyStats("M2", 3, 3m, bbb[1].Distribution, 1m, 0m), bbb[1]);
        Assert.Equal([0L, 0, 3, 0, 0], bbb[1].Distribution);
    }

    [Fact]
    public void The_hand_worked_national_ranking()
    {
        var ranking = CompetencyMap.Build(Example).NationalRanking;

        Assert.Equal(
            [
                new RankedCompetency(1, "SK1", 5, -0.8m),
                new RankedCompetency(2, "M1", 8, 0m),
                new RankedCompetency(3, "M2", 3, 0m),
            ],
            ranking);
    }

    [Fact]
    public void Values_are_published_with_fixed_decimals()
    {
        var m1 = CompetencyMap.Build(Example).Groups[0].Competencies[0];

        Assert.Equal("2.83", m1.MeanLevel.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("-0.17", m1.MeanGap.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.6667", m1.ShareMeetingStandard.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("3.00", CompetencyMap.Build(Example).Groups[1].Competencies[0].MeanLevel.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Rounding_is_half_up_away_from_zero_from_exact_sums()
    {
        // 7 at 2 and 1 at 3: mean 17/8 = 2.125 → 2.13; against standard 3, gaps −7/8 = −0.875 → −0.88, meeting 1/8 = 0.125.
        // 1 in 32 meeting: 0.03125 → 0.0313.
        var result = CompetencyMap.Build(
        [
            Cell("G", "A", 2, 3, 7),
            Cell("G", "A", 3, 3, 1),
            Cell("G", "B", 5, 5, 1),
            Cell("G", "B", 4, 5, 31),
        ]);

        var a = result.Groups[0].Competencies[0];
        Assert.Equal(2.13m, a.MeanLevel);
        Assert.Equal(-0.88m, a.MeanGap);
        Assert.Equal(0.125m, a.ShareMeetingStandard);
        Assert.Equal(0.0313m, result.Groups[0].Competencies[1].ShareMeetingStandard);
    }

    [Fact]
    public void A_share_meeting_counts_each_persons_own_standard()
    {
        // Both at level 3: one meets a standard of 3, the other misses a standard of 4.
        var stats = CompetencyMap.Build([Cell("G", "M1", 3, 3, 1), Cell("G", "M1", 3, 4, 1)]).Groups[0].Competencies[0];

        Assert.Equal(0.5m, stats.ShareMeetingStandard);
        Assert.Equal(-0.5m, stats.MeanGap);
        Assert.Equal([0L, 0, 2, 0, 0], stats.Distribution);
    }

    [Fact]
    public void The_national_ranking_uses_exact_mean_gaps_not_the_rounded_ones()
    {
        // Z1: −1/3 = −0.333…; A1: −33/100. Both show −0.33, but Z1 is weaker and ranks first despite its code.
        var ranking = CompetencyMap.Build(
        [
            Cell("G", "A1", 3, 3, 67),
            Cell("G", "A1", 2, 3, 33),
            Cell("H", "Z1", 3, 3, 2),
            Cell("H", "Z1", 2, 3, 1),
        ]).NationalRanking;

        Assert.Equal(["Z1", "A1"], ranking.Select(r => r.Competency));
        Assert.All(ranking, r => Assert.Equal(-0.33m, r.MeanGap));
    }

    [Fact]
    public void The_national_ranking_pools_every_group()
    {
        // Per group M1 is −1 and +3; nationally (−1 × 3 + 3 × 1) / 4 = 0, which ranks after SK1 at −0.5.
        var ranking = CompetencyMap.Build(
        [
            Cell("G", "M1", 2, 3, 3),
            Cell("H", "M1", 5, 2, 1),
            Cell("G", "SK1", 3, 4, 1),
            Cell("G", "SK1", 3, 3, 1),
        ]).NationalRanking;

        Assert.Equal([new RankedCompetency(1, "SK1", 2, -0.5m), new RankedCompetency(2, "M1", 4, 0m)], ranking);
    }

    [Fact]
    public void Groups_and_competencies_are_in_ordinal_order()
    {
        var result = CompetencyMap.Build([Cell("b", "m1", 3, 3, 1), Cell("B", "M1", 3, 3, 1), Cell("B", "M10", 3, 3, 1), Cell("B", "M2", 3, 3, 1)]);

        Assert.Equal(["B", "b"], result.Groups.Select(g => g.Group));
        Assert.Equal(["M1", "M10", "M2"], result.Groups[0].Competencies.Select(c => c.Competency));
        Assert.Equal(["M1", "M10", "M2", "m1"], result.NationalRanking.Select(r => r.Competency));
    }

    [Fact]
    public void No_cells_give_an_empty_map()
    {
        var result = CompetencyMap.Build([]);

        Assert.Empty(result.Groups);
        Assert.Empty(result.NationalRanking);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(6, 1)]
    [InlineData(3, -1)]
    public void Levels_outside_1_to_5_and_negative_counts_are_refused(int level, long count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CompetencyMap.Build([Cell("G", "M1", level, 3, count)]));

    [Fact]
    public void The_map_does_not_depend_on_cell_order_and_the_ranking_is_a_weakest_first_permutation()
    {
        var cases = Gen.Choose(0, 1_000_000).SelectMany(seed =>
        {
            var cells = Cells(seed);
            return Gen.Shuffle(cells).Select(shuffled => (Original: cells, Shuffled: shuffled));
        });

        Prop.ForAll(Arb.From(cases), c =>
            {
                var expected = CompetencyMap.Build(c.Original);
                var actual = CompetencyMap.Build(c.Shuffled);
                var competencies = c.Original.Where(x => x.Count > 0).Select(x => x.Competency).Distinct().Order(StringComparer.Ordinal);
                var ranking = expected.NationalRanking;
                return Describe(expected) == Describe(actual)
                    && ranking.Select(r => r.Competency).Order(StringComparer.Ordinal).SequenceEqual(competencies)
                    && ranking.Select(r => r.Rank).SequenceEqual(Enumerable.Range(1, ranking.Count))
                    && ranking.Zip(ranking.Skip(1)).All(p => p.First.MeanGap <= p.Second.MeanGap)
                    && expected.Groups.All(g => g.Competencies.All(s => s.Distribution.Sum() == s.Assessed && s.ShareMeetingStandard is >= 0 and <= 1));
            })
            .QuickCheckThrowOnFailure();
    }

    private static string Describe(CompetencyMapResult result) =>
        string.Join(';', result.Groups.SelectMany(g => g.Competencies.Select(s =>
            FormattableString.Invariant($"{g.Group}/{s.Competency}:{s.Assessed},{s.MeanLevel},{string.Join(',', s.Distribution)},{s.ShareMeetingStandard},{s.MeanGap}"))))
        + "|" + string.Join(';', result.NationalRanking.Select(r => FormattableString.Invariant($"{r.Rank}:{r.Competency}:{r.Assessed}:{r.MeanGap}")));

    private static MapCell[] Cells(int seed)
    {
        var random = new Random(seed);
        string[] groups = ["AAA", "BBB", "PROV-35"];
        string[] competencies = ["M1", "M2", "SK1", "SK2"];
        return
        [
            .. Enumerable.Range(0, random.Next(25)).Select(_ => Cell(
                groups[random.Next(groups.Length)],
                competencies[random.Next(competencies.Length)],
                1 + random.Next(5),
                1 + random.Next(5),
                random.Next(4))),
        ];
    }
}
