using System.Globalization;
using TalentHub.Domain.Normalization;

namespace TalentHub.Domain.Tests.Normalization;

public class HalfUpTests
{
    [Theory]
    [InlineData("3.496", "3.50")]
    [InlineData("1.4996", "1.50")]
    [InlineData("2.5", "2.50")]
    [InlineData("2.125", "2.13")]
    [InlineData("2.135", "2.14")]
    [InlineData("2.0049999", "2.00")]
    [InlineData("4.995", "5.00")]
    [InlineData("1.005", "1.01")]
    [InlineData("-1.005", "-1.01")]
    public void ToHundredths_rounds_half_away_from_zero(string value, string expected)
    {
        var rounded = HalfUp.ToHundredths(decimal.Parse(value, CultureInfo.InvariantCulture));

        Assert.Equal(expected, rounded.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("1.49", 1)]
    [InlineData("1.50", 2)]
    [InlineData("2.50", 3)]
    [InlineData("3.49", 3)]
    [InlineData("3.50", 4)]
    [InlineData("4.50", 5)]
    [InlineData("1.00", 1)]
    [InlineData("5.00", 5)]
    public void ToLevel_rounds_the_two_decimal_score_half_up(string score, int level) =>
        Assert.Equal(level, HalfUp.ToLevel(decimal.Parse(score, CultureInfo.InvariantCulture)));

    [Fact]
    public void The_rounding_is_done_twice_so_3_496_is_level_4_not_3()
    {
        var score = HalfUp.ToHundredths(3.496m);

        Assert.Equal(3.50m, score);
        Assert.Equal(4, HalfUp.ToLevel(score));
        Assert.Equal(3, (int)Math.Round(3.496m, MidpointRounding.AwayFromZero));
    }
}
