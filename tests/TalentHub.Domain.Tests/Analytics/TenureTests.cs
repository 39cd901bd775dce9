using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using TalentHub.Domain.Analytics;

namespace TalentHub.Domain.Tests.Analytics;

public sealed class TenureTests
{
    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Five_years_are_reached_on_the_fifth_anniversary_not_the_day_before()
    {
        Assert.True(Tenure.Reached(D(2021, 3, 1), D(2026, 3, 1), 5));
        Assert.False(Tenure.Reached(D(2021, 3, 1), D(2026, 2, 28), 5));
        Assert.True(Tenure.Reached(D(2021, 3, 1), D(2030, 1, 1), 5));
    }

    [Fact]
    public void Since_29_February_the_anniversary_in_a_common_year_is_28_February()
    {
        Assert.True(Tenure.Reached(D(2020, 2, 29), D(2025, 2, 28), 5));
        Assert.False(Tenure.Reached(D(2020, 2, 29), D(2025, 2, 27), 5));
        Assert.True(Tenure.Reached(D(2024, 2, 29), D(2026, 2, 28), 2));
        Assert.False(Tenure.Reached(D(2024, 2, 29), D(2026, 2, 27), 2));
    }

    [Fact]
    public void Since_29_February_the_anniversary_in_a_leap_year_is_29_February()
    {
        Assert.False(Tenure.Reached(D(2020, 2, 29), D(2024, 2, 28), 4));
        Assert.True(Tenure.Reached(D(2020, 2, 29), D(2024, 2, 29), 4));
    }

    [Fact]
    public void Zero_years_are_reached_from_the_since_date_on()
    {
        Assert.True(Tenure.Reached(D(2025, 5, 5), D(2025, 5, 5), 0));
        Assert.False(Tenure.Reached(D(2025, 5, 5), D(2025, 5, 4), 0));
    }

    [Theory]
    [InlineData("2021-03-01", "2026-03-01", 5)]
    [InlineData("2021-03-01", "2026-02-28", 4)]
    [InlineData("2020-02-29", "2025-02-28", 5)]
    [InlineData("2020-02-29", "2025-02-27", 4)]
    [InlineData("2024-02-29", "2028-02-28", 3)]
    [InlineData("2024-02-29", "2028-02-29", 4)]
    [InlineData("2023-02-28", "2024-02-28", 1)]
    [InlineData("2023-02-28", "2024-02-27", 0)]
    [InlineData("2025-05-05", "2025-05-05", 0)]
    [InlineData("2025-05-05", "2025-12-31", 0)]
    [InlineData("2025-05-05", "2020-01-01", 0)]
    [InlineData("1990-12-31", "2026-01-01", 35)]
    public void Completed_years(string since, string asOf, int years) =>
        Assert.Equal(years, Tenure.CompletedYears(DateOnly.Parse(since, CultureInfo.InvariantCulture), DateOnly.Parse(asOf, CultureInfo.InvariantCulture)));

    [Fact]
    public void Days_count_calendar_days_and_never_go_negative()
    {
        Assert.Equal(2, Tenure.Days(D(2024, 2, 28), D(2024, 3, 1)));
        Assert.Equal(1, Tenure.Days(D(2025, 2, 28), D(2025, 3, 1)));
        Assert.Equal(366, Tenure.Days(D(2024, 1, 1), D(2025, 1, 1)));
        Assert.Equal(0, Tenure.Days(D(2025, 1, 1), D(2025, 1, 1)));
        Assert.Equal(0, Tenure.Days(D(2025, 1, 2), D(2025, 1, 1)));
    }

    [Fact]
    public void Completed_years_are_reached_and_one_more_is_not()
    {
        var days = Gen.Choose(0, 60 * 366);
        Prop.ForAll(Arb.From(days), Arb.From(days), (start, length) =>
            {
                var since = D(1970, 1, 1).AddDays(start);
                var asOf = since.AddDays(length);
                var years = Tenure.CompletedYears(since, asOf);
                return years >= 0 && Tenure.Reached(since, asOf, years) && !Tenure.Reached(since, asOf, years + 1);
            })
            .QuickCheckThrowOnFailure();
    }
}
