using TalentHub.Domain.Time;

namespace TalentHub.Domain.Reconciliation;

/// <summary>
/// What the calendar alone changes in a profile (04-reconciliation.md, Jobs: daily refresh): an assessment turns stale on
/// its anniversary (<see cref="Selection.IsStale"/>), and the performance window moves on 1 January.
/// </summary>
public static class CalendarDue
{
    /// <summary>The performance window: the latest two rated years among the three before the evaluation year.</summary>
    public const int PerformanceWindowYears = 3;

    /// <summary>
    /// The assessment dates that turn stale on exactly <paramref name="day"/> for a method valid <paramref name="validYears"/>
    /// calendar years: a date whose anniversary is that day (29 February's is 28 February in a common year).
    /// </summary>
    public static IEnumerable<DateOnly> AssessedDatesTurningStaleOn(DateOnly day, int validYears)
    {
        var year = day.Year - validYears;
        if (year < DateOnly.MinValue.Year)
        {
            yield break;
        }

        DateOnly[] candidates = day is { Month: 2, Day: 28 } && DateTime.IsLeapYear(year)
            ? [new DateOnly(year, 2, 28), new DateOnly(year, 2, 29)]
            : [new DateOnly(year, day.Month, Math.Min(day.Day, DateTime.DaysInMonth(year, day.Month)))];
        foreach (var assessedAt in candidates)
        {
            if (JakartaCalendar.YearsAfter(assessedAt, validYears) == day)
            {
                yield return assessedAt;
            }
        }
    }

    /// <summary>
    /// The rated years whose presence makes a profile's performance window move when the evaluation date passes from
    /// <paramref name="coveredThrough"/> to <paramref name="day"/>: for each 1 January passed, the years leaving and
    /// entering the window and those in it. Empty within one year.
    /// </summary>
    public static IReadOnlyList<int> RatedYearsMovedBetween(DateOnly coveredThrough, DateOnly day)
    {
        if (day.Year <= coveredThrough.Year)
        {
            return [];
        }

        var first = coveredThrough.Year + 1 - PerformanceWindowYears - 1;
        return [.. Enumerable.Range(first, day.Year - 1 - first + 1)];
    }
}
