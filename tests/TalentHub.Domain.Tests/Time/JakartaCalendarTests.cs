using FsCheck;
using FsCheck.Fluent;
using TalentHub.Domain.Time;

namespace TalentHub.Domain.Tests.Time;

public sealed class JakartaCalendarTests
{
    [Fact]
    public void The_Jakarta_date_turns_at_17_00_UTC()
    {
        Assert.Equal(new DateOnly(2026, 11, 22), JakartaCalendar.DateOf(new DateTimeOffset(2026, 11, 22, 16, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 23), JakartaCalendar.DateOf(new DateTimeOffset(2026, 11, 22, 17, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void New_years_eve_in_UTC_is_already_new_year_in_Jakarta()
    {
        Assert.Equal(new DateOnly(2026, 1, 1), JakartaCalendar.DateOf(new DateTimeOffset(2025, 12, 31, 18, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void The_date_does_not_depend_on_the_offset_an_instant_is_written_in()
    {
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(-14 * 60, 14 * 60)), (seconds, offsetMinutes) =>
            {
                var instant = DateTimeOffset.UnixEpoch.AddSeconds(seconds);
                return JakartaCalendar.DateOf(instant) == JakartaCalendar.DateOf(instant.ToOffset(TimeSpan.FromMinutes(offsetMinutes)));
            })
            .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Years_after_29_February_land_on_28_February_unless_that_year_is_leap()
    {
        Assert.Equal(new DateOnly(2025, 2, 28), JakartaCalendar.YearsAfter(new DateOnly(2024, 2, 29), 1));
        Assert.Equal(new DateOnly(2028, 2, 29), JakartaCalendar.YearsAfter(new DateOnly(2024, 2, 29), 4));
        Assert.Equal(new DateOnly(2026, 3, 1), JakartaCalendar.YearsAfter(new DateOnly(2021, 3, 1), 5));
    }
}
