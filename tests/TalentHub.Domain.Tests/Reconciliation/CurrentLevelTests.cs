using System.Text.Json;
using TalentHub.Domain.Reconciliation;

namespace TalentHub.Domain.Tests.Reconciliation;

public class CurrentLevelTests
{
    private static JsonElement M1(ConsolidatedProfile profile) =>
        Obs.Content(profile).GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "M1");

    private static string Chosen(ConsolidatedProfile profile) =>
        M1(profile).GetProperty("agencyCode").GetString() + "/" + M1(profile).GetProperty("assessmentId").GetString();

    [Fact]
    public void The_lowest_method_rank_wins_over_recency()
    {
        var profile = Obs.Build(Obs.Of("AAA")
            .Assessment("AC", "ASSESSMENT_CENTER", "2024-01-01", 3)
            .Assessment("MR", "MULTI_RATER", "2026-06-01", 5));

        Assert.Equal("AAA/AC", Chosen(profile));
        Assert.Equal("METHOD_RANK", Obs.Provenance(profile, "competencies.M1").GetProperty("rule").GetString());
    }

    [Fact]
    public void Same_rank_the_latest_assessed_at_wins()
    {
        var profile = Obs.Build(Obs.Of("AAA")
            .Assessment("C1", "CACT", "2025-01-01", 5)
            .Assessment("C2", "CACT", "2025-01-02", 2));

        Assert.Equal("AAA/C2", Chosen(profile));
    }

    [Fact]
    public void Same_rank_and_date_the_higher_score_wins()
    {
        var profile = Obs.Build(Obs.Of("AAA")
            .Assessment("C1", "CACT", "2025-01-01", 3, 3.40m)
            .Assessment("C2", "CACT", "2025-01-01", 3, 3.20m));

        Assert.Equal("AAA/C1", Chosen(profile));
    }

    [Fact]
    public void Same_rank_date_and_score_the_lower_agency_code_wins()
    {
        var profile = Obs.Build(
            Obs.Of("BBB").Assessment("A", "CACT", "2025-01-01", 3),
            Obs.Of("AAA").Status("TRANSFERRED_OUT").NoPosition().Assessment("Z", "CACT", "2025-01-01", 3));

        Assert.Equal("AAA/Z", Chosen(profile));
    }

    [Fact]
    public void Same_agency_rank_date_and_score_the_lower_assessment_id_wins()
    {
        var profile = Obs.Build(Obs.Of("AAA")
            .Assessment("B", "CACT", "2025-01-01", 3)
            .Assessment("A", "CACT", "2025-01-01", 3));

        Assert.Equal("AAA/A", Chosen(profile));
    }

    [Fact]
    public void A_stale_result_of_a_better_method_loses_to_a_fresh_one()
    {
        var profile = Obs.Build(Obs.Of("AAA")
            .Assessment("AC", "ASSESSMENT_CENTER", "2023-11-01", 5)
            .Assessment("MR", "MULTI_RATER", "2026-01-01", 2));

        Assert.Equal("AAA/MR", Chosen(profile));
        Assert.False(M1(profile).GetProperty("stale").GetBoolean());
    }

    [Fact]
    public void With_only_stale_results_the_latest_is_shown_stale_and_not_counted()
    {
        var profile = Obs.Build(Obs.Of("AAA")
            .Assessment("AC", "ASSESSMENT_CENTER", "2022-01-01", 5)
            .Assessment("MR", "MULTI_RATER", "2025-06-01", 2));

        Assert.Equal("AAA/MR", Chosen(profile));
        Assert.True(M1(profile).GetProperty("stale").GetBoolean());
        Assert.Equal("LATEST_STALE", Obs.Provenance(profile, "competencies.M1").GetProperty("rule").GetString());
        var content = Obs.Content(profile);
        Assert.Equal(0m, content.GetProperty("jpm").GetProperty("value").GetDecimal());
        Assert.True(content.GetProperty("jpm").GetProperty("insufficient").GetBoolean());
        Assert.True(content.GetProperty("dataQuality").GetProperty("stale").GetBoolean());
    }

    [Fact]
    public void A_self_assessment_is_never_current_and_is_shown_apart()
    {
        var profile = Obs.Build(Obs.Of("AAA").Assessment("SA", "SELF_ASSESSMENT", "2026-06-01", 5));

        var content = Obs.Content(profile);
        Assert.Empty(content.GetProperty("competencies").EnumerateArray());
        Assert.Equal(9, content.GetProperty("otherResults").GetArrayLength());
        Assert.Equal("SELF_ASSESSMENT", content.GetProperty("otherResults")[0].GetProperty("method").GetString());
    }

    [Theory]
    // assessedAt + validYears (3 for CACT) is 2025-05-10: stale from that day on.
    [InlineData("2025-05-10", true)]
    [InlineData("2025-05-09", false)]
    public void Staleness_starts_exactly_on_assessed_at_plus_valid_years(string evaluation, bool stale)
    {
        var date = DateOnly.Parse(evaluation, System.Globalization.CultureInfo.InvariantCulture);
        var profile = Obs.Build(date, Obs.Of("AAA").Position("ADMINISTRATOR", "2019-01-02").Assessment("C", "CACT", "2022-05-10", 3));

        Assert.Equal(stale, M1(profile).GetProperty("stale").GetBoolean());
        Assert.Equal(stale ? 0m : 100m, profile.Summary.Jpm);
    }

    [Theory]
    // 29 February plus one year is 28 February.
    [InlineData("2025-02-28", true)]
    [InlineData("2025-02-27", false)]
    public void An_assessment_of_29_february_turns_stale_on_28_february(string evaluation, bool stale)
    {
        var date = DateOnly.Parse(evaluation, System.Globalization.CultureInfo.InvariantCulture);
        var profile = Obs.Build(date, Obs.Of("AAA").Position("ADMINISTRATOR", "2019-01-02").Assessment("M", "MULTI_RATER", "2024-02-29", 3));

        Assert.Equal(stale, M1(profile).GetProperty("stale").GetBoolean());
    }

    [Fact]
    public void An_explicit_potential_wins_over_the_jpm_class()
    {
        var profile = Obs.Build(Obs.Of("AAA").Assessment("AC", "ASSESSMENT_CENTER", "2025-01-01", 3).Potential("AC", "ASSESSMENT_CENTER", "2025-01-01", 2).Rating(2025, "BAIK"));

        var potential = Obs.Content(profile).GetProperty("potential");
        Assert.Equal("RENDAH", potential.GetProperty("class").GetString());
        Assert.Equal("EXPLICIT", potential.GetProperty("basis").GetString());
        Assert.Equal(2, profile.Summary.Box);
    }

    [Fact]
    public void Explicit_potentials_follow_method_rank_then_recency()
    {
        var profile = Obs.Build(Obs.Of("AAA")
            .Potential("AC", "ASSESSMENT_CENTER", "2024-01-01", 5)
            .Potential("CA", "CACT", "2026-01-01", 3)
            .Potential("SA", "SELF_ASSESSMENT", "2026-06-01", 1));

        Assert.Equal("TINGGI", Obs.Content(profile).GetProperty("potential").GetProperty("class").GetString());
    }

    [Fact]
    public void A_stale_explicit_potential_gives_way_to_the_jpm_class()
    {
        var profile = Obs.Build(Obs.Of("AAA")
            .Assessment("C", "CACT", "2025-01-01", 3)
            .Potential("M", "MULTI_RATER", "2025-01-01", 1));

        var potential = Obs.Content(profile).GetProperty("potential");
        Assert.Equal("TINGGI", potential.GetProperty("class").GetString());
        Assert.Equal("JPM", potential.GetProperty("basis").GetString());
        Assert.True(potential.GetProperty("explicit").GetProperty("stale").GetBoolean());
    }

    [Fact]
    public void An_insufficient_jpm_and_no_explicit_potential_leave_the_person_unplaced()
    {
        var profile = Obs.Build(Obs.Of("AAA").Assessment("C", "CACT", "2025-01-01", 3, null, "M1", "M2", "M3", "M4", "M5", "M6").Rating(2025, "BAIK"));

        var content = Obs.Content(profile);
        Assert.Equal(JsonValueKind.Null, content.GetProperty("potential").GetProperty("class").ValueKind);
        Assert.Null(profile.Summary.Box);
        Assert.Equal(["INSUFFICIENT_JPM"], content.GetProperty("nineBox").GetProperty("unplacedReasons").EnumerateArray().Select(r => r.GetString()));
    }
}
