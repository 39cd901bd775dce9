using TalentHub.Domain.Normalization;
using TalentHub.Domain.Reconciliation;

namespace TalentHub.Domain.Tests.Reconciliation;

/// <summary>The analytics facts a profile stores (evaluated on 2026-11-01): time at level, current levels, completeness, why unplaced.</summary>
public class AnalyticsFactsTests
{
    [Fact]
    public void The_run_at_a_level_continues_across_a_gap_of_31_days_and_breaks_at_32()
    {
        // Previous ADMINISTRATOR position ended 2018-12-01: 31 days strictly between it and 2019-01-02.
        var joined = Obs.Build(Obs.Of("PROV-35").Position("ADMINISTRATOR", "2019-01-02").History("ADMINISTRATOR", "2015-01-01", "2018-12-01"));
        var broken = Obs.Build(Obs.Of("PROV-35").Position("ADMINISTRATOR", "2019-01-02").History("ADMINISTRATOR", "2015-01-01", "2018-11-30"));

        Assert.Equal(new DateOnly(2015, 1, 1), joined.Analytics.LevelSince);
        Assert.Equal(new DateOnly(2019, 1, 2), broken.Analytics.LevelSince);
        Assert.Equal(new DateOnly(2019, 1, 2), joined.Analytics.PositionSince);
    }

    [Fact]
    public void A_position_at_another_level_in_between_ends_the_run()
    {
        var profile = Obs.Build(Obs.Of("PROV-35")
            .Position("ADMINISTRATOR", "2019-01-02")
            .History("PENGAWAS", "2017-01-01", "2019-01-01")
            .History("ADMINISTRATOR", "2012-01-01", "2016-12-31"));

        Assert.Equal(new DateOnly(2019, 1, 2), profile.Analytics.LevelSince);
    }

    [Fact]
    public void Current_levels_leave_out_stale_results_and_methods_not_used_for_talent_decisions()
    {
        var profile = Obs.Build(Obs.Of("PROV-35")
            .Assessment("AC-1", "ASSESSMENT_CENTER", "2025-06-01", 4, null, "M1", "M2")
            .Assessment("AC-0", "ASSESSMENT_CENTER", "2023-11-01", 3, null, "M3")
            .Assessment("SA-1", "SELF_ASSESSMENT", "2026-06-01", 5, null, "M4"));

        Assert.Equal(["M1", "M2"], profile.Analytics.CurrentLevels.Keys);
        Assert.Equal(new CurrentLevel(4, "ASSESSMENT_CENTER"), profile.Analytics.CurrentLevels["M1"]);
    }

    [Fact]
    public void Complete_needs_every_competency_of_the_standard_and_two_rated_years()
    {
        Obs Person() => Obs.Of("PROV-35").Assessment("AC-1", "ASSESSMENT_CENTER", "2025-06-01", 3, null, Obs.Codes).Rating(2025, "BAIK");

        Assert.True(Obs.Build(Person().Rating(2024, "BAIK")).Analytics.Complete);
        Assert.False(Obs.Build(Person()).Analytics.Complete);
        Assert.False(Obs.Build(Obs.Of("PROV-35").Assessment("AC-1", "ASSESSMENT_CENTER", "2025-06-01", 3, null, Obs.Codes[..8]).Rating(2025, "BAIK").Rating(2024, "BAIK")).Analytics.Complete);
    }

    [Fact]
    public void An_unplaced_person_carries_each_missing_axis_and_the_predikat_of_every_year()
    {
        var none = Obs.Build(Obs.Of("PROV-35"));
        var noPotential = Obs.Build(Obs.Of("PROV-35").Rating(2025, "SANGAT_BAIK").Rating(2021, "KURANG"));

        Assert.Equal([NineBox.InsufficientJpm, NineBox.NoPerformance], none.Analytics.UnplacedReasons);
        Assert.Null(none.Analytics.PerformanceClass);
        Assert.Equal([NineBox.InsufficientJpm], noPotential.Analytics.UnplacedReasons);
        Assert.Equal(PerformanceClass.DiAtas, noPotential.Analytics.PerformanceClass);
        Assert.Equal(new Dictionary<int, Predikat> { [2021] = Predikat.Kurang, [2025] = Predikat.SangatBaik }, noPotential.Analytics.PredikatByYear);
    }
}
