using System.Globalization;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Tests.Reconciliation;

public class JpmAndNineBoxTests
{
    private static Dictionary<string, int> Standard(params int[] required) =>
        Obs.Codes.Select((c, i) => (c, i)).ToDictionary(e => e.c, e => required[e.i], StringComparer.Ordinal);

    private static Dictionary<string, int?> Actual(params int?[] levels) =>
        Obs.Codes.Select((c, i) => (c, i)).Where(e => e.i < levels.Length).ToDictionary(e => e.c, e => levels[e.i], StringComparer.Ordinal);

    [Theory]
    [InlineData("89.99", JpmCategory.CukupOptimal)]
    [InlineData("90", JpmCategory.Optimal)]
    [InlineData("90.00", JpmCategory.Optimal)]
    [InlineData("90.01", JpmCategory.Optimal)]
    [InlineData("77.99", JpmCategory.KurangOptimal)]
    [InlineData("78", JpmCategory.CukupOptimal)]
    [InlineData("78.01", JpmCategory.CukupOptimal)]
    [InlineData("0", JpmCategory.KurangOptimal)]
    [InlineData("100", JpmCategory.Optimal)]
    public void Categories_at_and_around_the_thresholds(string jpm, JpmCategory expected) =>
        Assert.Equal(expected, Jpm.CategoryOf(decimal.Parse(jpm, CultureInfo.InvariantCulture), 90, 78));

    [Fact]
    public void Exactly_90_from_levels_is_optimal()
    {
        // ΣS = 10, ΣA = 9.
        var result = Jpm.Compute(Actual(1, 1, 1, 1, 1, 1, 1, 1, 1), Standard(1, 1, 1, 1, 1, 1, 1, 1, 2), 90, 78);

        Assert.Equal(90.00m, result.Value);
        Assert.Equal(JpmCategory.Optimal, result.Category);
        Assert.Equal(1, result.GapCount);
        Assert.Equal(-1, result.Gaps["SK1"]);
        Assert.False(result.Incomplete);
    }

    [Fact]
    public void Just_below_90_from_levels_is_cukup_optimal()
    {
        // 100 × 40 / 45 = 88.888… → 88.89.
        var result = Jpm.Compute(Actual(5, 5, 5, 5, 4, 4, 4, 4, 4), Standard(5, 5, 5, 5, 5, 5, 5, 5, 5), 90, 78);

        Assert.Equal(88.89m, result.Value);
        Assert.Equal(JpmCategory.CukupOptimal, result.Category);
        Assert.Equal(5, result.GapCount);
    }

    [Fact]
    public void Thresholds_are_configurable_and_compared_inclusively()
    {
        var levels = Actual(5, 5, 5, 5, 4, 4, 4, 4, 4);
        var standard = Standard(5, 5, 5, 5, 5, 5, 5, 5, 5);

        Assert.Equal(JpmCategory.Optimal, Jpm.Compute(levels, standard, 88.89m, 78).Category);
        Assert.Equal(JpmCategory.CukupOptimal, Jpm.Compute(levels, standard, 88.90m, 88.89m).Category);
        Assert.Equal(JpmCategory.KurangOptimal, Jpm.Compute(levels, standard, 95, 88.90m).Category);
    }

    [Fact]
    public void The_value_is_rounded_half_up_not_to_even()
    {
        // ΣS = 32, ΣA = 1: 3.125 → 3.13.
        var result = Jpm.Compute(Actual(1, null, null, null, null, null, null, null, null), Standard(5, 5, 5, 5, 4, 2, 2, 2, 2), 90, 78);

        Assert.Equal("3.13", result.Value.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_surplus_is_capped_at_100_but_gaps_still_show()
    {
        var result = Jpm.Compute(Actual(5, 5, 5, 5, 5, 5, 5, 5, 1), Standard(3, 3, 3, 3, 3, 3, 3, 3, 3), 90, 78);

        Assert.Equal(100.00m, result.Value);
        Assert.Equal(1, result.GapCount);
        Assert.Equal(2, result.Gaps["M1"]);
        Assert.Equal(-2, result.Gaps["SK1"]);
    }

    [Fact]
    public void A_missing_competency_counts_zero_and_flags_incomplete()
    {
        var result = Jpm.Compute(Actual(3, 3, 3, 3, 3, 3, 3, 3, null), Standard(3, 3, 3, 3, 3, 3, 3, 3, 3), 90, 78);

        Assert.Equal(88.89m, result.Value);
        Assert.True(result.Incomplete);
        Assert.False(result.Insufficient);
        Assert.Equal(-3, result.Gaps["SK1"]);
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(6, true)]
    [InlineData(0, true)]
    public void Fewer_than_7_of_9_present_is_insufficient(int present, bool insufficient)
    {
        var levels = Obs.Codes.Take(present).ToDictionary(c => c, _ => (int?)3, StringComparer.Ordinal);

        var result = Jpm.Compute(levels, Standard(3, 3, 3, 3, 3, 3, 3, 3, 3), 90, 78);

        Assert.Equal(insufficient, result.Insufficient);
        Assert.True(result.Incomplete);
    }

    [Theory]
    [InlineData("TINGGI", PerformanceClass.DiBawah, 6)]
    [InlineData("TINGGI", PerformanceClass.Sesuai, 8)]
    [InlineData("TINGGI", PerformanceClass.DiAtas, 9)]
    [InlineData("MENENGAH", PerformanceClass.DiBawah, 3)]
    [InlineData("MENENGAH", PerformanceClass.Sesuai, 5)]
    [InlineData("MENENGAH", PerformanceClass.DiAtas, 7)]
    [InlineData("RENDAH", PerformanceClass.DiBawah, 1)]
    [InlineData("RENDAH", PerformanceClass.Sesuai, 2)]
    [InlineData("RENDAH", PerformanceClass.DiAtas, 4)]
    public void Every_cell_of_the_9_box(string potential, PerformanceClass performance, int box) =>
        Assert.Equal(box, NineBox.Box(potential, performance));

    [Theory]
    [InlineData(null, PerformanceClass.Sesuai)]
    [InlineData("TINGGI", null)]
    [InlineData("tinggi", PerformanceClass.Sesuai)]
    public void No_box_without_both_classes(string? potential, PerformanceClass? performance) =>
        Assert.Null(NineBox.Box(potential, performance));

    [Theory]
    [InlineData(5, "TINGGI")]
    [InlineData(4, "TINGGI")]
    [InlineData(3, "MENENGAH")]
    [InlineData(2, "RENDAH")]
    [InlineData(1, "RENDAH")]
    public void Explicit_potential_levels_map_to_classes(int level, string potential) =>
        Assert.Equal(potential, NineBox.PotentialOfLevel(level));

    [Theory]
    // Levels 3 against ADMINISTRATOR (3) → 100 OPTIMAL → TINGGI; against JPT_PRATAMA (4) → 75 KURANG → RENDAH;
    // level 4 against JPT_MADYA (5) → 80 CUKUP → MENENGAH.
    [InlineData("ADMINISTRATOR", 3, 9)]
    [InlineData("JPT_MADYA", 4, 7)]
    [InlineData("JPT_PRATAMA", 3, 4)]
    public void The_box_combines_the_jpm_class_of_the_current_level_with_performance(string level, int actual, int box)
    {
        var profile = Obs.Build(Obs.Of("AAA").Position(level, "2019-01-02").Assessment("C", "CACT", "2025-01-01", actual).Rating(2025, "SANGAT_BAIK").Rating(2024, "SANGAT_BAIK"));

        Assert.Equal(box, profile.Summary.Box);
    }

    [Fact]
    public void Only_active_people_are_placed()
    {
        var profile = Obs.Build(Obs.Of("AAA").Status("RETIRED").Assessment("C", "CACT", "2025-01-01", 3).Rating(2025, "BAIK"));

        var nineBox = Obs.Content(profile).GetProperty("nineBox");
        Assert.Null(profile.Summary.Box);
        Assert.False(nineBox.GetProperty("placeable").GetBoolean());
        Assert.Equal(0, nineBox.GetProperty("unplacedReasons").GetArrayLength());
    }

    [Fact]
    public void An_active_person_with_neither_class_is_unplaced_with_both_reasons()
    {
        var profile = Obs.Build(Obs.Of("AAA"));

        var reasons = Obs.Content(profile).GetProperty("nineBox").GetProperty("unplacedReasons").EnumerateArray().Select(r => r.GetString());
        Assert.Equal(["INSUFFICIENT_JPM", "NO_PERFORMANCE"], reasons);
    }

    [Fact]
    public void Name_normalization_folds_case_collapses_spaces_and_strips_titles_with_or_without_dots()
    {
        string[] titles = ["Prof.", "Dr.", "H.", "S.E.", "M.Si.", "Ph.D."];

        Assert.Equal("siti rahmawati", NameNormalizer.Normalize("Prof. Dr. SITI  Rahmawati, S.E., M.Si.", titles));
        Assert.Equal("siti rahmawati", NameNormalizer.Normalize(" Dr Siti\tRahmawati SE MSi PhD ", titles));
        Assert.Equal("andré", NameNormalizer.Normalize("Andre\u0301", titles));
    }
}
