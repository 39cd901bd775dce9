using System.Globalization;
using TalentHub.Domain.Reconciliation;

namespace TalentHub.Domain.Tests.Reconciliation;

/// <summary>The daily refresh recomputes exactly the profiles the calendar changes: these say which ones.</summary>
public class CalendarDueTests
{
    private static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string? Class(ConsolidatedProfile profile) =>
        Obs.Content(profile).GetProperty("performance").GetProperty("class").GetString();

    [Fact]
    public void Every_assessment_date_is_due_on_exactly_its_anniversary_after_its_validity()
    {
        foreach (var validYears in new[] { 1, 2, 3, 4 })
        {
            var listed = new Dictionary<DateOnly, List<DateOnly>>();
            for (var day = Date("2025-01-01"); day < Date("2033-01-01"); day = day.AddDays(1))
            {
                foreach (var assessedAt in CalendarDue.AssessedDatesTurningStaleOn(day, validYears))
                {
                    listed.TryAdd(assessedAt, []);
                    listed[assessedAt].Add(day);
                }
            }

            // Five years of assessment dates, two leap days among them.
            for (var assessedAt = Date("2024-01-01"); assessedAt < Date("2029-01-01"); assessedAt = assessedAt.AddDays(1))
            {
                Assert.Equal([TalentHub.Domain.Time.JakartaCalendar.YearsAfter(assessedAt, validYears)], listed[assessedAt]);
            }
        }
    }

    [Fact]
    public void An_assessment_is_shown_stale_from_the_day_it_is_listed_and_not_the_day_before()
    {
        foreach (var (assessedAt, method, validYears) in new[] { ("2024-02-29", "ASSESSMENT_CENTER", 3), ("2024-03-01", "BEHAVIORAL_INTERVIEW", 2), ("2025-12-31", "MULTI_RATER", 1) })
        {
            var due = Enumerable.Range(0, 4 * 366).Select(d => Date("2025-01-01").AddDays(d))
                .Single(day => CalendarDue.AssessedDatesTurningStaleOn(day, validYears).Contains(Date(assessedAt)));
            var observation = Obs.Of("AAA").Position("PENGAWAS", "2010-01-01").Assessment("A1", method, assessedAt, 3);

            Assert.False(M1(Obs.Build(due.AddDays(-1), observation)).GetProperty("stale").GetBoolean(), $"{assessedAt} stale before {due:yyyy-MM-dd}");
            Assert.True(M1(Obs.Build(due, observation)).GetProperty("stale").GetBoolean(), $"{assessedAt} not stale on {due:yyyy-MM-dd}");
        }
    }

    [Fact]
    public void The_leap_day_turns_stale_on_28_February_of_a_common_year()
    {
        Assert.Equal([Date("2024-02-28"), Date("2024-02-29")], CalendarDue.AssessedDatesTurningStaleOn(Date("2027-02-28"), 3));
        Assert.Equal([Date("2024-02-29")], CalendarDue.AssessedDatesTurningStaleOn(Date("2028-02-29"), 4));
        Assert.Empty(CalendarDue.AssessedDatesTurningStaleOn(Date("2028-02-29"), 3));
    }

    [Fact]
    public void The_window_moves_on_1_January_for_the_years_leaving_entering_and_in_it()
    {
        Assert.Empty(CalendarDue.RatedYearsMovedBetween(Date("2026-01-01"), Date("2026-12-31")));
        Assert.Equal([2022, 2023, 2024, 2025], CalendarDue.RatedYearsMovedBetween(Date("2025-12-31"), Date("2026-01-01")));
        // A skipped New Year's night is caught up: both turns of the year.
        Assert.Equal([2021, 2022, 2023, 2024, 2025], CalendarDue.RatedYearsMovedBetween(Date("2024-12-30"), Date("2026-01-02")));
    }

    [Fact]
    public void A_profile_rated_only_outside_the_moved_years_keeps_its_content_across_1_January_and_one_inside_changes()
    {
        var moved = CalendarDue.RatedYearsMovedBetween(Date("2025-12-31"), Date("2026-01-01"));
        var outside = Obs.Of("AAA").Position("PENGAWAS", "2010-01-01").Rating(2020, "BAIK").Rating(2021, "SANGAT_BAIK");
        var inside = Obs.Of("AAA").Position("PENGAWAS", "2010-01-01").Rating(2022, "KURANG").Rating(2023, "BAIK").Rating(2025, "SANGAT_BAIK");

        Assert.DoesNotContain(2020, moved);
        Assert.DoesNotContain(2021, moved);
        Assert.Equal(Obs.Build(Date("2025-12-31"), outside).ContentJson, Obs.Build(Date("2026-01-01"), outside).ContentJson);
        Assert.Contains(2025, moved);
        Assert.NotEqual(Class(Obs.Build(Date("2025-12-31"), inside)), Class(Obs.Build(Date("2026-01-01"), inside)));
    }

    private static System.Text.Json.JsonElement M1(ConsolidatedProfile profile) =>
        Obs.Content(profile).GetProperty("competencies").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "M1");
}
