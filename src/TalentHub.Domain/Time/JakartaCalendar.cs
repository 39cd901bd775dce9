namespace TalentHub.Domain.Time;

/// <summary>
/// "Today" is the date in Asia/Jakarta (docs/domain/standard.md#dates-and-time). Western Indonesia Time is UTC+7 with
/// no daylight saving, so a fixed offset is exact and needs no time-zone database on the host.
/// </summary>
public static class JakartaCalendar
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>n calendar years after a date: the same day n years later, 29 February becoming 28 February.</summary>
    public static DateOnly YearsAfter(DateOnly date, int years) => date.AddYears(years);
}
