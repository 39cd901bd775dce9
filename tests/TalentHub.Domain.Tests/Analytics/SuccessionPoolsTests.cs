using FsCheck;
using FsCheck.Fluent;
using TalentHub.Domain.Analytics;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Tests.Analytics;

public sealed class SuccessionPoolsTests
{
    // Evaluated in 2026: the two years before are 2025 and 2024.
    private static readonly DateOnly Evaluation = new(2026, 6, 30);
    private static readonly HashSet<PositionLevel> Feeders = [PositionLevel.Administrator];
    private static readonly Dictionary<string, int> Target = new(StringComparer.Ordinal) { ["M1"] = 4, ["M2"] = 4, ["SK1"] = 2 };

    private static PoolCandidate Candidate(
        string nip = "198001012005011001",
        bool active = true,
        PositionLevel? level = PositionLevel.Administrator,
        int? box = 9,
        DateOnly? levelSince = null,
        Predikat? y2025 = Predikat.Baik,
        Predikat? y2024 = Predikat.Baik,
        int m1 = 4,
        int m2 = 4,
        int sk1 = 2)
    {
        var predikat = new Dictionary<int, Predikat>();
        if (y2025 is { } p2025)
        {
            predikat[2025] = p2025;
        }

        if (y2024 is { } p2024)
        {
            predikat[2024] = p2024;
        }

        var levels = new Dictionary<string, int>(StringComparer.Ordinal) { ["M1"] = m1, ["M2"] = m2, ["SK1"] = sk1 };
        return new PoolCandidate(nip, active, level, box, levelSince ?? new DateOnly(2020, 1, 1), predikat, levels);
    }

    private static IReadOnlyList<PoolMember> Rank(params PoolCandidate[] candidates) =>
        SuccessionPools.Rank(candidates, Feeders, Target, 90, 78, Evaluation);

    [Fact]
    public void An_active_feeder_in_box_9_with_two_good_years_is_a_member() =>
        Assert.True(SuccessionPools.IsMember(Candidate(), Feeders, Evaluation));

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(5, false)]
    [InlineData(6, false)]
    [InlineData(7, true)]
    [InlineData(8, true)]
    [InlineData(9, true)]
    public void Only_boxes_7_8_and_9_are_members(int box, bool member) =>
        Assert.Equal(member, SuccessionPools.IsMember(Candidate(box: box), Feeders, Evaluation));

    [Fact]
    public void An_unplaced_person_is_not_a_member() =>
        Assert.False(SuccessionPools.IsMember(Candidate(box: null), Feeders, Evaluation));

    [Theory]
    [InlineData(PositionLevel.Pengawas)]
    [InlineData(PositionLevel.JptPratama)]
    [InlineData(PositionLevel.FungsionalAhliMadya)]
    public void A_level_that_does_not_feed_the_target_is_excluded(PositionLevel level) =>
        Assert.False(SuccessionPools.IsMember(Candidate(level: level), Feeders, Evaluation));

    [Fact]
    public void A_person_without_a_current_position_level_is_excluded() =>
        Assert.False(SuccessionPools.IsMember(Candidate(level: null), Feeders, Evaluation));

    [Fact]
    public void Several_feeder_levels_all_count()
    {
        var feeders = new HashSet<PositionLevel> { PositionLevel.Administrator, PositionLevel.FungsionalAhliMadya };

        Assert.True(SuccessionPools.IsMember(Candidate(level: PositionLevel.FungsionalAhliMadya), feeders, Evaluation));
    }

    [Fact]
    public void An_inactive_person_is_excluded() =>
        Assert.False(SuccessionPools.IsMember(Candidate(active: false), Feeders, Evaluation));

    [Fact]
    public void Exactly_two_years_at_the_level_is_enough_and_one_day_short_is_not()
    {
        Assert.True(SuccessionPools.IsMember(Candidate(levelSince: new DateOnly(2024, 6, 30)), Feeders, Evaluation));
        Assert.False(SuccessionPools.IsMember(Candidate(levelSince: new DateOnly(2024, 7, 1)), Feeders, Evaluation));
    }

    [Fact]
    public void Two_years_from_29_February_are_reached_on_28_February()
    {
        var candidate = Candidate(levelSince: new DateOnly(2024, 2, 29));

        Assert.True(SuccessionPools.IsMember(candidate, Feeders, new DateOnly(2026, 2, 28)));
        Assert.False(SuccessionPools.IsMember(candidate, Feeders, new DateOnly(2026, 2, 27)));
    }

    [Fact]
    public void An_unknown_time_at_level_is_excluded()
    {
        var candidate = Candidate() with { LevelSince = null };

        Assert.False(SuccessionPools.IsMember(candidate, Feeders, Evaluation));
    }

    [Fact]
    public void A_missing_predikat_in_either_of_the_two_years_excludes()
    {
        Assert.False(SuccessionPools.IsMember(Candidate(y2025: null), Feeders, Evaluation));
        Assert.False(SuccessionPools.IsMember(Candidate(y2024: null), Feeders, Evaluation));
    }

    [Theory]
    [InlineData(Predikat.SangatBaik, Predikat.SangatBaik, true)]
    [InlineData(Predikat.SangatBaik, Predikat.Baik, true)]
    [InlineData(Predikat.Baik, Predikat.SangatBaik, true)]
    [InlineData(Predikat.ButuhPerbaikan, Predikat.SangatBaik, false)]
    [InlineData(Predikat.SangatBaik, Predikat.ButuhPerbaikan, false)]
    [InlineData(Predikat.Kurang, Predikat.Baik, false)]
    [InlineData(Predikat.Baik, Predikat.SangatKurang, false)]
    public void Both_years_need_at_least_baik(Predikat y2025, Predikat y2024, bool member) =>
        Assert.Equal(member, SuccessionPools.IsMember(Candidate(y2025: y2025, y2024: y2024), Feeders, Evaluation));

    [Fact]
    public void Only_the_two_years_before_the_evaluation_year_count()
    {
        var candidate = Candidate();
        var predikat = new Dictionary<int, Predikat>(candidate.PredikatByYear) { [2026] = Predikat.SangatKurang, [2023] = Predikat.Kurang };

        Assert.True(SuccessionPools.IsMember(candidate with { PredikatByYear = predikat }, Feeders, Evaluation));
        Assert.False(SuccessionPools.IsMember(candidate, Feeders, new DateOnly(2027, 1, 1)));
    }

    [Fact]
    public void Ranking_leaves_out_non_members_and_carries_the_jpm_and_gaps_against_the_target()
    {
        // ΣS = 10; ΣA = 3 + 4 + 2 = 9: 90.00, OPTIMAL; M1 is one below.
        var ranked = Rank(Candidate(nip: "A", m1: 3), Candidate(nip: "B", box: 6), Candidate(nip: "C", active: false));

        var member = Assert.Single(ranked);
        Assert.Equal("A", member.Candidate.Nip);
        Assert.Equal(90.00m, member.JpmAgainstTarget.Value);
        Assert.Equal(JpmCategory.Optimal, member.JpmAgainstTarget.Category);
        Assert.Equal(-1, member.JpmAgainstTarget.Gaps["M1"]);
        Assert.Equal(0, member.JpmAgainstTarget.Gaps["SK1"]);
        Assert.Equal(1, member.JpmAgainstTarget.GapCount);
        Assert.Equal(Predikat.Baik, member.PredikatLastYear);
    }

    [Fact]
    public void A_competency_outside_the_target_standard_does_not_count_and_a_missing_one_counts_zero()
    {
        var candidate = Candidate() with { CurrentLevels = new Dictionary<string, int>(StringComparer.Ordinal) { ["M1"] = 4, ["SK1"] = 2, ["T-01"] = 5 } };

        var member = Assert.Single(Rank(candidate));

        Assert.Equal(60.00m, member.JpmAgainstTarget.Value);
        Assert.Equal(-4, member.JpmAgainstTarget.Gaps["M2"]);
        Assert.True(member.JpmAgainstTarget.Incomplete);
        Assert.False(member.JpmAgainstTarget.Gaps.ContainsKey("T-01"));
    }

    [Fact]
    public void Box_ranks_before_jpm()
    {
        var ranked = Rank(Candidate(nip: "7", box: 7), Candidate(nip: "8", box: 8, m1: 1), Candidate(nip: "9", box: 9, m1: 1, m2: 1));

        Assert.Equal(["9", "8", "7"], ranked.Select(m => m.Candidate.Nip));
    }

    [Fact]
    public void Within_a_box_a_higher_jpm_ranks_first()
    {
        var ranked = Rank(Candidate(nip: "A", m1: 2), Candidate(nip: "B", m1: 3), Candidate(nip: "C"));

        Assert.Equal(["C", "B", "A"], ranked.Select(m => m.Candidate.Nip));
        Assert.Equal([100.00m, 90.00m, 80.00m], ranked.Select(m => m.JpmAgainstTarget.Value));
    }

    [Fact]
    public void At_equal_box_and_jpm_sangat_baik_in_the_year_before_ranks_first_and_the_year_before_that_does_not_matter()
    {
        var ranked = Rank(
            Candidate(nip: "A", y2025: Predikat.Baik, y2024: Predikat.SangatBaik),
            Candidate(nip: "B", y2025: Predikat.SangatBaik, y2024: Predikat.Baik));

        Assert.Equal(["B", "A"], ranked.Select(m => m.Candidate.Nip));
        Assert.Equal([Predikat.SangatBaik, Predikat.Baik], ranked.Select(m => m.PredikatLastYear));
    }

    [Fact]
    public void Full_ties_fall_to_the_nip_in_ordinal_order()
    {
        var ranked = Rank(
            Candidate(nip: "199001012015031002"),
            Candidate(nip: "198001012005011001"),
            Candidate(nip: "199001012015031001"));

        Assert.Equal(["198001012005011001", "199001012015031001", "199001012015031002"], ranked.Select(m => m.Candidate.Nip));
    }

    [Fact]
    public void No_candidates_give_an_empty_pool() => Assert.Empty(Rank());

    [Fact]
    public void The_ranking_does_not_depend_on_the_input_order_and_keeps_exactly_the_members()
    {
        var cases = Gen.Choose(0, 1_000_000).SelectMany(seed =>
        {
            var scenario = Scenario(seed);
            return Gen.Shuffle(scenario).Select(shuffled => (Original: scenario, Shuffled: shuffled));
        });

        Prop.ForAll(Arb.From(cases), c =>
            {
                var expected = Rank(c.Original).Select(m => m.Candidate).ToList();
                var actual = Rank(c.Shuffled).Select(m => m.Candidate).ToList();
                var members = c.Original.Where(p => SuccessionPools.IsMember(p, Feeders, Evaluation)).ToHashSet();
                return expected.SequenceEqual(actual) && expected.Count == members.Count && members.SetEquals(expected);
            })
            .QuickCheckThrowOnFailure();
    }

    private static PoolCandidate[] Scenario(int seed)
    {
        var random = new Random(seed);
        Predikat?[] predikats = [null, Predikat.SangatBaik, Predikat.Baik, Predikat.Baik, Predikat.ButuhPerbaikan];
        return
        [
            .. Enumerable.Range(0, 1 + random.Next(12)).Select(i => Candidate(
                nip: $"19800101200501{random.Next(3):D3}{i}",
                active: random.Next(6) > 0,
                level: random.Next(5) == 0 ? PositionLevel.Pengawas : PositionLevel.Administrator,
                box: 5 + random.Next(5),
                levelSince: new DateOnly(2024, 6, 28).AddDays(random.Next(5)),
                y2025: predikats[random.Next(predikats.Length)],
                y2024: predikats[random.Next(predikats.Length)],
                m1: 1 + random.Next(5),
                m2: 3 + random.Next(3),
                sk1: 2)),
        ];
    }
}
