using System.Globalization;
using TalentHub.Domain.Reconciliation;

namespace TalentHub.Domain.Tests.Reconciliation;

public class PerformanceTests
{
    private static string? Class(ConsolidatedProfile profile) =>
        Obs.Content(profile).GetProperty("performance").GetProperty("class").GetString();

    private static string Year(ConsolidatedProfile profile, int year, string property = "predikat") =>
        Obs.Content(profile).GetProperty("performance").GetProperty("years").EnumerateArray()
            .Single(y => y.GetProperty("year").GetInt32() == year).GetProperty(property).GetString()!;

    private static DateOnly Date(string text) => DateOnly.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void The_agency_employing_on_31_december_wins_if_it_rated_the_year()
    {
        // BBB employs from 2024-03-01; on 31 December 2023 AAA did. BBB is later but AAA's rating of 2023 wins.
        var profile = Obs.Build(
            Obs.Of("BBB").Position("ADMINISTRATOR", "2024-03-01").History("PENGAWAS", "2015-01-01", "2024-02-29", agencyCode: "AAA").Rating(2023, "SANGAT_BAIK").Updated("2025-06-01T00:00:00+07:00"),
            Obs.Of("AAA").Status("TRANSFERRED_OUT").NoPosition().History("PENGAWAS", "2015-01-01", "2024-02-29").Rating(2023, "BAIK").Updated("2024-03-05T00:00:00+07:00"));

        Assert.Equal("BAIK", Year(profile, 2023));
        Assert.Equal("AAA", Year(profile, 2023, "agencyCode"));
        Assert.Equal("EMPLOYER_ON_31_DEC", Obs.Provenance(profile, "performance.2023").GetProperty("rule").GetString());
    }

    [Fact]
    public void When_the_employer_did_not_rate_the_year_the_latest_rater_wins()
    {
        var profile = Obs.Build(
            Obs.Of("BBB").Position("ADMINISTRATOR", "2024-03-01").Updated("2025-06-01T00:00:00+07:00"),
            Obs.Of("AAA").Status("TRANSFERRED_OUT").NoPosition().Rating(2024, "BAIK").Updated("2024-03-05T00:00:00+07:00"),
            Obs.Of("CCC").Status("TRANSFERRED_OUT").NoPosition().Rating(2024, "KURANG").Updated("2024-03-06T00:00:00+07:00"));

        Assert.Equal("KURANG", Year(profile, 2024));
        Assert.Equal("LATEST_RATER", Obs.Provenance(profile, "performance.2024").GetProperty("rule").GetString());
    }

    [Fact]
    public void Latest_raters_with_equal_source_updated_at_go_to_the_lower_agency_code()
    {
        var profile = Obs.Build(
            Obs.Of("CCC").Status("RETIRED").NoPosition().Rating(2024, "KURANG"),
            Obs.Of("BBB").Status("RETIRED").NoPosition().Rating(2024, "BAIK"));

        Assert.Equal("BAIK", Year(profile, 2024));
    }

    [Fact]
    public void Of_two_entries_covering_31_december_the_later_from_wins()
    {
        // Concurrent: AAA since 2015, BBB since 2024-06-01; both cover 31 December 2024.
        var profile = Obs.Build(
            Obs.Of("AAA").Position("PENGAWAS", "2015-01-01").Rating(2024, "BAIK").Updated("2025-06-01T00:00:00+07:00"),
            Obs.Of("BBB").Position("ADMINISTRATOR", "2024-06-01").Rating(2024, "SANGAT_BAIK").Updated("2025-01-01T00:00:00+07:00"));

        Assert.Equal("SANGAT_BAIK", Year(profile, 2024));
    }

    [Fact]
    public void Of_two_entries_covering_31_december_from_the_same_day_the_lower_agency_code_wins()
    {
        var profile = Obs.Build(
            Obs.Of("BBB").Position("PENGAWAS", "2024-06-01").Rating(2024, "SANGAT_BAIK").Updated("2025-06-01T00:00:00+07:00"),
            Obs.Of("AAA").Position("ADMINISTRATOR", "2024-06-01").Rating(2024, "KURANG").Updated("2025-01-01T00:00:00+07:00"));

        Assert.Equal("KURANG", Year(profile, 2024));
    }

    [Theory]
    // Class values: SANGAT_BAIK 3, BAIK 2, KURANG 1.
    [InlineData("SANGAT_BAIK", "BAIK", "DI_ATAS")]   // (3 + 2) / 2 = 2.5 → 3
    [InlineData("BAIK", "KURANG", "SESUAI")]         // (2 + 1) / 2 = 1.5 → 2
    [InlineData("SANGAT_BAIK", "KURANG", "SESUAI")]  // (3 + 1) / 2 = 2
    [InlineData("KURANG", "KURANG", "DI_BAWAH")]
    public void The_class_is_the_rounded_half_up_mean_of_the_two_most_recent_rated_years(string y2025, string y2024, string expected)
    {
        var profile = Obs.Build(Obs.Of("AAA").Rating(2025, y2025).Rating(2024, y2024).Rating(2023, "SANGAT_KURANG"));

        Assert.Equal(expected, Class(profile));
    }

    [Fact]
    public void The_evaluation_year_itself_is_ignored()
    {
        var profile = Obs.Build(Obs.Of("AAA").Rating(2026, "KURANG").Rating(2025, "SANGAT_BAIK"));

        Assert.Equal("DI_ATAS", Class(profile));
        Assert.Equal([2025], Obs.Content(profile).GetProperty("performance").GetProperty("basedOnYears").EnumerateArray().Select(y => y.GetInt32()));
    }

    [Fact]
    public void Years_before_the_three_year_window_are_ignored()
    {
        var profile = Obs.Build(Obs.Of("AAA").Rating(2022, "SANGAT_BAIK").Rating(2026, "SANGAT_BAIK"));

        Assert.Null(Class(profile));
        Assert.Equal(["INSUFFICIENT_JPM", "NO_PERFORMANCE"], Obs.Content(profile).GetProperty("nineBox").GetProperty("unplacedReasons").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public void The_two_most_recent_rated_years_skip_a_gap_within_the_window()
    {
        var profile = Obs.Build(Obs.Of("AAA").Rating(2025, "KURANG").Rating(2023, "BAIK").Score(2021, 99));

        Assert.Equal("SESUAI", Class(profile));
    }

    [Theory]
    // On 1 January 2026 the window is 2023–2025; on 31 December 2025 it is still 2022–2024.
    [InlineData("2026-01-01", "DI_ATAS")]
    [InlineData("2025-12-31", "SESUAI")]
    public void The_window_moves_on_1_january(string evaluation, string expected)
    {
        var profile = Obs.Build(Date(evaluation), Obs.Of("AAA").Rating(2025, "SANGAT_BAIK").Rating(2024, "SANGAT_BAIK").Rating(2023, "KURANG").Rating(2022, "KURANG"));

        // 2026-01-01: 2025 and 2024 → 3; 2025-12-31: 2024 and 2023 → (3 + 1) / 2 = 2 (2025 is the evaluation year).
        Assert.Equal(expected, Class(profile));
    }

    [Fact]
    public void Predikat_comes_from_rating_pair_or_legacy_score()
    {
        var profile = Obs.Build(Obs.Of("AAA").Pair(2025, "DI_BAWAH", "DI_ATAS").Score(2021, 91).Rating(2024, "SANGAT_KURANG"));

        Assert.Equal("BUTUH_PERBAIKAN", Year(profile, 2025));
        Assert.Equal("SANGAT_BAIK", Year(profile, 2021));
        Assert.Equal("DI_BAWAH", Class(profile));
    }
}
