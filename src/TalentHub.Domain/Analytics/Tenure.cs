using TalentHub.Domain.Time;

namespace TalentHub.Domain.Analytics;

/// <summary>Calendar durations (docs/domain/analytics.md#tenure): n years are reached on the n-th anniversary.</summary>
public static class Tenure
{
    /// <summary>Whether <paramref name="years"/> years have passed from <paramref name="since"/> on <paramref name="asOf"/> (29 February's anniversary is 28 February).</summary>
    public static bool Reached(DateOnly since, DateOnly asOf, int years) => asOf >= JakartaCalendar.YearsAfter(since, years);

    /// <summary>The largest n ≥ 0 with <see cref="Reached"/>; 0 when <paramref name="asOf"/> is before <paramref name="since"/>.</summary>
    public static int CompletedYears(DateOnly since, DateOnly asOf)
    {
        if (asOf < since)
        {
            return 0;
        }

        // The (asOf.Year − since.Year)-th anniversary falls in asOf's year: reached, or else the one before is.
        var years = asOf.Year - since.Year;
        return Reached(since, asOf, years) ? years : years - 1;
    }

    /// <summary>The days from <paramref name="since"/> to <paramref name="asOf"/>; 0 when asOf is not after since.</summary>
    public static int Days(DateOnly since, DateOnly asOf) => Math.Max(0, asOf.DayNumber - since.DayNumber);
}
