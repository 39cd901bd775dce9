using System.Globalization;
using FsCheck;
using FsCheck.Xunit;
using TalentHub.Domain.Time;

namespace TalentHub.Domain.Tests.Time;

/// <summary>The direct path must read exactly what the framework's exact parser reads, and refuse what it refuses.</summary>
public class IsoDateTests
{
    private static bool SameAsFramework(string text)
    {
        var expected = DateOnly.TryParseExact(text, IsoDate.Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var expectedDate);
        var actual = IsoDate.TryParse(text, out var actualDate);
        return actual == expected && actualDate == expectedDate;
    }

    [Theory]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("2026-11-31")]
    [InlineData("0001-01-01")]
    [InlineData("0000-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2026-00-10")]
    [InlineData("2026-13-10")]
    [InlineData("2026-01-00")]
    [InlineData("2026-1-10")]
    [InlineData("2026-01-1")]
    [InlineData("20260110")]
    [InlineData("2026/01/10")]
    [InlineData(" 2026-01-10")]
    [InlineData("2026-01-10 ")]
    [InlineData("2026-01-10T00:00")]
    [InlineData("２０２６-01-10")]
    [InlineData("+026-01-10")]
    [InlineData("")]
    public void Reads_like_the_framework(string text) => Assert.True(SameAsFramework(text));

    [Fact]
    public void Reads_a_canonical_date() =>
        Assert.Equal(new DateOnly(2024, 2, 29), IsoDate.TryParse("2024-02-29", out var date) ? date : default);

    [Property(MaxTest = 5000)]
    public bool Every_day_of_the_calendar_reads_back(NonNegativeInt day)
    {
        var date = DateOnly.MinValue.AddDays(day.Get % (DateOnly.MaxValue.DayNumber + 1));
        return IsoDate.TryParse(date.ToString(IsoDate.Format, CultureInfo.InvariantCulture), out var read) && read == date;
    }

    [Property(MaxTest = 5000)]
    public bool Any_ten_characters_of_digits_and_dashes_read_like_the_framework(NonNegativeInt[] picks)
    {
        const string alphabet = "0123456789-";
        var text = new string([.. Enumerable.Range(0, 10).Select(i => i < picks.Length ? alphabet[picks[i].Get % alphabet.Length] : '0')]);
        return SameAsFramework(text);
    }

    [Property(MaxTest = 2000)]
    public bool Any_string_reads_like_the_framework(string? text) => SameAsFramework(text ?? string.Empty);
}
