using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using TalentHub.Domain.Analytics;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Tests.Analytics;

public sealed class JptRotationTests
{
    private static readonly DateOnly AsOf = new(2026, 3, 1);
    private static readonly Dictionary<string, int> Levels = new(StringComparer.Ordinal) { ["T1"] = 4, ["T2"] = 3, ["T3"] = 2 };

    private static RotationStatus? Status(
        DateOnly since,
        PerformanceClass? performance = PerformanceClass.Sesuai,
        JpmCategory? category = JpmCategory.CukupOptimal,
        bool active = true,
        PositionLevel? level = PositionLevel.JptPratama,
        DateOnly? asOf = null) =>
        JptRotation.StatusOf(active, level, since, performance, category, asOf ?? AsOf);

    [Theory]
    [InlineData(PositionLevel.JptUtama, true)]
    [InlineData(PositionLevel.JptMadya, true)]
    [InlineData(PositionLevel.JptPratama, true)]
    [InlineData(PositionLevel.Administrator, false)]
    [InlineData(PositionLevel.Pengawas, false)]
    [InlineData(PositionLevel.Pelaksana, false)]
    [InlineData(PositionLevel.FungsionalAhliUtama, false)]
    [InlineData(PositionLevel.FungsionalPemula, false)]
    public void Jpt_levels_are_utama_madya_and_pratama(PositionLevel level, bool jpt) =>
        Assert.Equal(jpt, JptRotation.IsJpt(level));

    [Fact]
    public void Due_on_the_fifth_anniversary_and_not_the_day_before()
    {
        Assert.Equal(RotationStatus.Due, Status(new DateOnly(2021, 3, 1)));
        Assert.Equal(RotationStatus.Eligible, Status(new DateOnly(2021, 3, 2)));
        Assert.Null(Status(new DateOnly(2021, 3, 2), performance: PerformanceClass.DiBawah));
    }

    [Fact]
    public void Due_from_29_February_on_28_February_five_years_later()
    {
        var since = new DateOnly(2020, 2, 29);

        Assert.Equal(RotationStatus.Due, Status(since, PerformanceClass.DiBawah, JpmCategory.KurangOptimal, asOf: new DateOnly(2025, 2, 28)));
        Assert.Null(Status(since, PerformanceClass.DiBawah, JpmCategory.KurangOptimal, asOf: new DateOnly(2025, 2, 27)));
    }

    [Theory]
    [InlineData(PerformanceClass.DiBawah, JpmCategory.KurangOptimal)]
    [InlineData(PerformanceClass.DiBawah, JpmCategory.Optimal)]
    [InlineData(PerformanceClass.DiAtas, JpmCategory.KurangOptimal)]
    [InlineData(null, null)]
    [InlineData(PerformanceClass.DiAtas, JpmCategory.Optimal)]
    public void Due_whatever_the_performance_and_jpm(PerformanceClass? performance, JpmCategory? category) =>
        Assert.Equal(RotationStatus.Due, Status(new DateOnly(2010, 1, 1), performance, category));

    [Theory]
    [InlineData(PerformanceClass.Sesuai, JpmCategory.Optimal)]
    [InlineData(PerformanceClass.Sesuai, JpmCategory.CukupOptimal)]
    [InlineData(PerformanceClass.DiAtas, JpmCategory.Optimal)]
    [InlineData(PerformanceClass.DiAtas, JpmCategory.CukupOptimal)]
    public void Eligible_from_two_years_with_good_performance_and_jpm(PerformanceClass performance, JpmCategory category) =>
        Assert.Equal(RotationStatus.Eligible, Status(new DateOnly(2024, 3, 1), performance, category));

    [Fact]
    public void Eligible_fails_one_day_short_of_two_years() => Assert.Null(Status(new DateOnly(2024, 3, 2)));

    [Fact]
    public void Eligible_fails_with_performance_below_expectation_alone() => Assert.Null(Status(new DateOnly(2023, 1, 1), performance: PerformanceClass.DiBawah));

    [Fact]
    public void Eligible_fails_without_a_performance_class() => Assert.Null(Status(new DateOnly(2023, 1, 1), performance: null));

    [Fact]
    public void Eligible_fails_with_kurang_optimal_alone() => Assert.Null(Status(new DateOnly(2023, 1, 1), category: JpmCategory.KurangOptimal));

    [Fact]
    public void Eligible_fails_without_a_jpm_category() => Assert.Null(Status(new DateOnly(2023, 1, 1), category: null));

    [Theory]
    [InlineData(PositionLevel.JptUtama)]
    [InlineData(PositionLevel.JptMadya)]
    [InlineData(PositionLevel.JptPratama)]
    public void Every_jpt_level_can_rotate(PositionLevel level) =>
        Assert.Equal(RotationStatus.Due, Status(new DateOnly(2015, 1, 1), level: level));

    [Fact]
    public void Only_active_jpt_holders_with_a_known_position_start_have_a_status()
    {
        var since = new DateOnly(2015, 1, 1);

        Assert.Null(Status(since, active: false));
        Assert.Null(Status(since, level: PositionLevel.Administrator));
        Assert.Null(Status(since, level: null));
        Assert.Null(JptRotation.StatusOf(true, PositionLevel.JptMadya, null, PerformanceClass.DiAtas, JpmCategory.Optimal, AsOf));
    }

    [Fact]
    public void A_position_start_after_the_evaluation_date_has_no_status() => Assert.Null(Status(new DateOnly(2026, 3, 2)));

    private static Destination Vacancy(string id, string agency, string? province = "31", PositionLevel level = PositionLevel.JptPratama, params (string Code, int Level)[] required) =>
        new(DestinationKind.Vacancy, id, agency, province, level, required.ToDictionary(r => r.Code, r => r.Level, StringComparer.Ordinal));

    private static Destination DueHolder(string id, string agency, string? province = "31", params (string Code, int Level)[] required) =>
        new(DestinationKind.DueHolderPosition, id, agency, province, PositionLevel.JptPratama, required.ToDictionary(r => r.Code, r => r.Level, StringComparer.Ordinal));

    private static IReadOnlyList<RankedDestination> Rank(IEnumerable<Destination> destinations, string? province = "31", int limit = 10) =>
        JptRotation.RankDestinations("KEMENKEU", province, PositionLevel.JptPratama, Levels, destinations, limit);

    private static string[] Ids(IReadOnlyList<RankedDestination> ranked) => [.. ranked.Select(r => r.Destination.Id)];

    [Fact]
    public void The_candidates_own_agency_is_never_suggested_even_with_a_perfect_fit()
    {
        var ranked = Rank([Vacancy("own", "KEMENKEU", "35"), DueHolder("other", "KEMENDAG", "31", ("T9", 5))]);

        Assert.Equal(["other"], Ids(ranked));
    }

    [Fact]
    public void The_agency_code_is_compared_ordinally()
    {
        var ranked = Rank([Vacancy("lower", "kemenkeu")]);

        Assert.Equal(["lower"], Ids(ranked));
    }

    [Fact]
    public void Only_positions_of_the_candidates_level_are_destinations()
    {
        var ranked = Rank([Vacancy("madya", "KEMENDAG", level: PositionLevel.JptMadya), Vacancy("pratama", "KEMENDAG")]);

        Assert.Equal(["pratama"], Ids(ranked));
    }

    [Fact]
    public void A_required_level_is_met_at_or_above_it_and_not_below_or_without_a_level()
    {
        // T1 4 ≥ 4 met, T2 3 < 4 not met, T3 2 ≥ 1 met, T4 absent not met: 2 of 4.
        var ranked = Rank([Vacancy("v", "KEMENDAG", required: [("T1", 4), ("T2", 4), ("T3", 1), ("T4", 1)])]);

        var only = Assert.Single(ranked);
        Assert.Equal(2, only.RequiredMet);
        Assert.Equal(4, only.RequiredCount);
        Assert.Equal(0.5000m, only.FitShare);
    }

    [Fact]
    public void Two_thirds_ranks_before_a_half_whatever_the_province_or_kind()
    {
        var half = Vacancy("half", "AAA", "35", required: [("T1", 4), ("T2", 5)]);
        var twoThirds = DueHolder("two-thirds", "ZZZ", "31", ("T1", 4), ("T2", 3), ("T3", 3));

        var ranked = Rank([half, twoThirds]);

        Assert.Equal(["two-thirds", "half"], Ids(ranked));
        Assert.Equal("0.6667", ranked[0].FitShare.ToString(CultureInfo.InvariantCulture));
        Assert.Equal((2, 3), (ranked[0].RequiredMet, ranked[0].RequiredCount));
        Assert.Equal(0.5m, ranked[1].FitShare);
    }

    [Fact]
    public void No_required_competencies_is_a_share_of_1_ahead_of_any_partial_fit()
    {
        var none = DueHolder("none", "ZZZ", "31");
        var partial = Vacancy("partial", "AAA", "35", required: [("T1", 4), ("T2", 3), ("T3", 3)]);

        var ranked = Rank([partial, none]);

        Assert.Equal(["none", "partial"], Ids(ranked));
        Assert.Equal(1m, ranked[0].FitShare);
        Assert.Equal((0, 0), (ranked[0].RequiredMet, ranked[0].RequiredCount));
    }

    [Fact]
    public void A_full_fit_ties_with_no_requirement()
    {
        var ranked = Rank([DueHolder("full", "AAA", "31", ("T1", 4)), DueHolder("none", "BBB", "31")]);

        Assert.Equal(["full", "none"], Ids(ranked));
        Assert.All(ranked, r => Assert.Equal(1m, r.FitShare));
    }

    [Fact]
    public void Shares_equal_after_rounding_are_still_ranked_exactly()
    {
        // 1000/1001 = 0.999000… and 999/1000 both show 0.9990, but 1000/1001 is the larger: 1000 × 1000 > 999 × 1001.
        var levels = Enumerable.Range(0, 1001).ToDictionary(i => $"T{i:D4}", _ => 3, StringComparer.Ordinal);
        var larger = new Destination(DestinationKind.DueHolderPosition, "larger", "ZZZ", "31", PositionLevel.JptPratama,
            Enumerable.Range(0, 1001).ToDictionary(i => $"T{i:D4}", i => i == 0 ? 4 : 3, StringComparer.Ordinal));
        var smaller = new Destination(DestinationKind.Vacancy, "smaller", "AAA", "35", PositionLevel.JptPratama,
            Enumerable.Range(0, 1000).ToDictionary(i => $"T{i:D4}", i => i == 0 ? 4 : 3, StringComparer.Ordinal));

        var ranked = JptRotation.RankDestinations("KEMENKEU", "31", PositionLevel.JptPratama, levels, [smaller, larger], 10);

        Assert.Equal(["larger", "smaller"], Ids(ranked));
        Assert.All(ranked, r => Assert.Equal(0.9990m, r.FitShare));
    }

    [Fact]
    public void At_equal_fit_another_province_ranks_before_the_candidates_own()
    {
        var ranked = Rank([Vacancy("same", "AAA", "31"), Vacancy("other", "ZZZ", "35")]);

        Assert.Equal(["other", "same"], Ids(ranked));
        Assert.Equal([true, false], ranked.Select(r => r.DifferentProvince));
    }

    [Fact]
    public void An_unknown_province_on_either_side_counts_as_the_same_province()
    {
        var ranked = Rank([Vacancy("unknown", "AAA", null), Vacancy("other", "ZZZ", "35")]);
        Assert.Equal(["other", "unknown"], Ids(ranked));
        Assert.False(ranked[1].DifferentProvince);

        var candidateUnknown = Rank([Vacancy("a", "AAA", "31"), Vacancy("b", "BBB", "35")], province: null);
        Assert.Equal(["a", "b"], Ids(candidateUnknown));
        Assert.All(candidateUnknown, r => Assert.False(r.DifferentProvince));
    }

    [Fact]
    public void At_equal_fit_and_province_a_vacancy_ranks_before_a_due_holders_position()
    {
        var ranked = Rank([DueHolder("due", "AAA", "35"), Vacancy("vacancy", "ZZZ", "35")]);

        Assert.Equal(["vacancy", "due"], Ids(ranked));
    }

    [Fact]
    public void Province_ranks_before_kind()
    {
        var ranked = Rank([Vacancy("vacancy-same", "AAA", "31"), DueHolder("due-other", "ZZZ", "35")]);

        Assert.Equal(["due-other", "vacancy-same"], Ids(ranked));
    }

    [Fact]
    public void Full_ties_fall_to_agency_code_then_id_in_ordinal_order()
    {
        var ranked = Rank([Vacancy("2", "KEMENDAG"), Vacancy("10", "KEMENDAG"), Vacancy("1", "kab-3501"), Vacancy("9", "KAB-3501")]);

        Assert.Equal(["9", "10", "2", "1"], Ids(ranked));
    }

    [Fact]
    public void The_limit_is_respected_and_keeps_the_best()
    {
        var destinations = Enumerable.Range(0, 15).Select(i => Vacancy($"V{i:D2}", "AAA", required: i < 5 ? [] : [("T1", 5)])).ToList();

        var ranked = Rank(destinations, limit: 10);

        Assert.Equal(10, ranked.Count);
        Assert.Equal(["V00", "V01", "V02", "V03", "V04", "V05", "V06", "V07", "V08", "V09"], Ids(ranked));
        Assert.Equal(3, Rank(destinations, limit: 3).Count);
        Assert.Equal(15, Rank(destinations, limit: 50).Count);
        Assert.Empty(Rank(destinations, limit: 0));
    }

    [Fact]
    public void A_negative_limit_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Rank([Vacancy("v", "AAA")], limit: -1));

    [Fact]
    public void The_ranking_does_not_depend_on_the_input_order()
    {
        var cases = Gen.Choose(0, 1_000_000).SelectMany(seed =>
        {
            var scenario = Destinations(seed);
            return Gen.Shuffle(scenario).Select(shuffled => (Original: scenario, Shuffled: shuffled));
        });

        Prop.ForAll(Arb.From(cases), c =>
            {
                var expected = Rank(c.Original, limit: 50);
                var actual = Rank(c.Shuffled, limit: 50);
                var ranked = expected.Select(r => r.Destination).ToList();
                return ranked.SequenceEqual(actual.Select(r => r.Destination))
                    && ranked.All(d => d.AgencyCode != "KEMENKEU" && d.Level == PositionLevel.JptPratama)
                    && ranked.Count == c.Original.Count(d => d.AgencyCode != "KEMENKEU" && d.Level == PositionLevel.JptPratama)
                    && expected.Zip(expected.Skip(1)).All(p => p.First.FitShare >= p.Second.FitShare);
            })
            .QuickCheckThrowOnFailure();
    }

    private static Destination[] Destinations(int seed)
    {
        var random = new Random(seed);
        string[] agencies = ["KEMENKEU", "KEMENDAG", "AAA", "PROV-35"];
        string?[] provinces = ["31", "35", null];
        (string, int)[] requirements = [("T1", 4), ("T1", 5), ("T2", 3), ("T3", 3), ("T4", 1)];
        return
        [
            .. Enumerable.Range(0, random.Next(20)).Select(i => new Destination(
                random.Next(2) == 0 ? DestinationKind.Vacancy : DestinationKind.DueHolderPosition,
                $"D{random.Next(4)}-{i}",
                agencies[random.Next(agencies.Length)],
                provinces[random.Next(provinces.Length)],
                random.Next(6) == 0 ? PositionLevel.JptMadya : PositionLevel.JptPratama,
                requirements.Where(_ => random.Next(3) == 0).DistinctBy(r => r.Item1).ToDictionary(r => r.Item1, r => r.Item2, StringComparer.Ordinal))),
        ];
    }
}
