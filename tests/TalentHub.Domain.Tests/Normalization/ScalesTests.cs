using System.Globalization;
using TalentHub.Domain.Normalization;

namespace TalentHub.Domain.Tests.Normalization;

public class ScalesTests
{
    private static readonly LinearScale Percent = new(0, 100, HigherIsBetter: true);
    private static readonly LinearScale ReversedTen = new(0, 10, HigherIsBetter: false);

    private static readonly BandsScale FiveBands = new(
    [
        new Band(0, 60, 1),
        new Band(60, 70, 2),
        new Band(70, 80, 3),
        new Band(80, 90, 4),
        new Band(90, 100, 5),
    ]);

    private static readonly LabelsScale Letters = new(new Dictionary<string, int> { ["A"] = 5, ["B"] = 4, ["C"] = 3, ["D"] = 2, ["E"] = 1 });

    private static ScoreOutcome Read(ScaleDefinition scale, string json) => Scales.Normalize(scale, Json.Of(json));

    private static void AssertScore(ScoreOutcome outcome, decimal score, int level)
    {
        Assert.Equal(ScoreFailure.None, outcome.Failure);
        Assert.Equal(new NormalizedScore(score, level), outcome.Normalized);
    }

    private static void AssertFailure(ScoreOutcome outcome, ScoreFailure failure)
    {
        Assert.Equal(failure, outcome.Failure);
        Assert.Null(outcome.Normalized);
    }

    [Theory]
    [InlineData("62.4", "3.50", 4)]
    [InlineData("12.49", "1.50", 2)]
    [InlineData("37.5", "2.50", 3)]
    [InlineData("0", "1.00", 1)]
    [InlineData("100", "5.00", 5)]
    [InlineData("50", "3.00", 3)]
    [InlineData("87.4375", "4.50", 5)]
    [InlineData("87.4", "4.50", 5)]
    [InlineData("87.3", "4.49", 4)]
    [InlineData("12.375", "1.50", 2)]
    [InlineData("12.374", "1.49", 1)]
    public void Linear_zero_to_hundred_gives_the_spec_vectors(string raw, string score, int level) =>
        AssertScore(Read(Percent, raw), decimal.Parse(score, CultureInfo.InvariantCulture), level);

    [Fact]
    public void The_score_always_has_two_decimals()
    {
        Assert.Equal("3.00", Read(Percent, "50").Normalized!.Value.Score.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("2.00", Read(FiveBands, "65").Normalized!.Value.Score.ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("0", "5.00", 5)]
    [InlineData("10", "1.00", 1)]
    [InlineData("2.5", "4.00", 4)]
    [InlineData("6.25", "2.50", 3)]
    [InlineData("6.26", "2.50", 3)]
    [InlineData("6.27", "2.49", 2)]
    public void A_reversed_linear_scale_gives_the_top_level_to_its_minimum(string raw, string score, int level) =>
        AssertScore(Read(ReversedTen, raw), decimal.Parse(score, CultureInfo.InvariantCulture), level);

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100.01")]
    [InlineData("100.0000001")]
    [InlineData("-1")]
    [InlineData("1e300")]
    public void A_number_outside_a_linear_scale_is_out_of_scale_never_clamped(string raw) =>
        AssertFailure(Read(Percent, raw), ScoreFailure.OutOfScale);

    [Fact]
    public void A_reversed_linear_scale_rejects_values_just_outside_both_ends()
    {
        AssertFailure(Read(ReversedTen, "-0.001"), ScoreFailure.OutOfScale);
        AssertFailure(Read(ReversedTen, "10.001"), ScoreFailure.OutOfScale);
    }

    [Theory]
    [InlineData("'62.4'", "3.50", 4)]
    [InlineData("' 62.4 '", "3.50", 4)]
    [InlineData("'100'", "5.00", 5)]
    public void A_linear_scale_reads_a_plain_decimal_string(string raw, string score, int level) =>
        AssertScore(Read(Percent, raw), decimal.Parse(score, CultureInfo.InvariantCulture), level);

    [Theory]
    [InlineData("'B'")]
    [InlineData("'62,4'")]
    [InlineData("'6e1'")]
    [InlineData("''")]
    public void A_linear_scale_does_not_read_other_strings(string raw) =>
        AssertFailure(Read(Percent, raw), ScoreFailure.NotANumber);

    [Fact]
    public void A_string_number_outside_the_scale_is_out_of_scale() =>
        AssertFailure(Read(Percent, "'100.5'"), ScoreFailure.OutOfScale);

    [Theory]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("{}")]
    public void Neither_a_number_nor_a_string_is_not_a_number_on_numeric_scales_and_not_a_label_on_labels(string raw)
    {
        AssertFailure(Read(Percent, raw), ScoreFailure.NotANumber);
        AssertFailure(Read(FiveBands, raw), ScoreFailure.NotANumber);
        AssertFailure(Read(Letters, raw), ScoreFailure.NotALabel);
    }

    [Theory]
    [InlineData("0", 1)]
    [InlineData("59.99", 1)]
    [InlineData("60", 2)]
    [InlineData("69.999", 2)]
    [InlineData("70", 3)]
    [InlineData("79.99", 3)]
    [InlineData("80", 4)]
    [InlineData("89.99", 4)]
    [InlineData("90", 5)]
    [InlineData("100", 5)]
    [InlineData("'60'", 2)]
    public void Bands_include_their_from_exclude_their_to_and_the_last_includes_its_to(string raw, int level) =>
        AssertScore(Read(FiveBands, raw), level, level);

    [Theory]
    [InlineData("-0.001")]
    [InlineData("100.001")]
    [InlineData("1000")]
    public void A_number_outside_all_bands_is_out_of_scale(string raw) =>
        AssertFailure(Read(FiveBands, raw), ScoreFailure.OutOfScale);

    [Fact]
    public void A_single_band_includes_both_ends()
    {
        var single = new BandsScale([new Band(1, 2, 3)]);

        AssertScore(Read(single, "1"), 3, 3);
        AssertScore(Read(single, "2"), 3, 3);
        AssertFailure(Read(single, "2.01"), ScoreFailure.OutOfScale);
    }

    [Fact]
    public void Bands_may_repeat_a_level()
    {
        var repeated = new BandsScale([new Band(0, 50, 2), new Band(50, 75, 2), new Band(75, 100, 4)]);

        AssertScore(Read(repeated, "49"), 2, 2);
        AssertScore(Read(repeated, "50"), 2, 2);
        AssertScore(Read(repeated, "75"), 4, 4);
    }

    [Theory]
    [InlineData("'A'", 5)]
    [InlineData("'b'", 4)]
    [InlineData("'  c  '", 3)]
    [InlineData("'\\tD\\n'", 2)]
    [InlineData("'e'", 1)]
    public void Labels_are_compared_trimmed_and_case_folded(string raw, int level) =>
        AssertScore(Read(Letters, raw), level, level);

    [Fact]
    public void Labels_with_inner_spaces_match_whatever_the_spacing_and_case()
    {
        var words = new LabelsScale(new Dictionary<string, int> { ["Sangat  Baik"] = 5, ["tidak memenuhi"] = 2 });

        AssertScore(Read(words, "'SANGAT BAIK'"), 5, 5);
        AssertScore(Read(words, "' sangat\\t\\tbaik '"), 5, 5);
        AssertScore(Read(words, "'Tidak   Memenuhi'"), 2, 2);
        AssertFailure(Read(words, "'SANGATBAIK'"), ScoreFailure.UnknownLabel);
    }

    [Theory]
    [InlineData("'F'")]
    [InlineData("'AA'")]
    [InlineData("''")]
    [InlineData("'A+'")]
    [InlineData("5")]
    public void A_label_the_scale_does_not_list_is_unknown(string raw) =>
        AssertFailure(Read(Letters, raw), ScoreFailure.UnknownLabel);

    [Fact]
    public void A_number_on_a_labels_scale_is_read_by_its_json_text()
    {
        var digits = new LabelsScale(new Dictionary<string, int> { ["1"] = 1, ["2"] = 2, ["3"] = 3, ["4"] = 4, ["5"] = 5 });

        AssertScore(Read(digits, "4"), 4, 4);
        AssertScore(Read(digits, "'4'"), 4, 4);
        AssertFailure(Read(digits, "4.0"), ScoreFailure.UnknownLabel);
    }

    [Fact]
    public void Labels_that_collide_once_canonical_cannot_make_a_scale() =>
        Assert.Throws<ArgumentException>(() => new LabelsScale(new Dictionary<string, int> { ["b"] = 4, [" B "] = 3 }));
}
