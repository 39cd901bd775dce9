namespace TalentHub.DataGen.Tests;

public class GeneratorOptionsTests
{
    [Theory]
    [InlineData("tiny", 1_000)]
    [InlineData("small", 100_000)]
    [InlineData("national", 5_600_000)]
    [InlineData("5000", 5_000)]
    public void Sizes_are_names_or_counts(string size, int people) =>
        Assert.Equal(people, GeneratorOptions.Parse(["--size", size, "--seed", "7", "--out", "x"]).People);

    [Fact]
    public void The_reference_date_defaults_to_a_fixed_date_and_can_be_given()
    {
        Assert.Equal(new DateOnly(2026, 11, 1), GeneratorOptions.Parse(["--size", "tiny", "--out", "x"]).AsOf);
        Assert.Equal(new DateOnly(2025, 6, 30), GeneratorOptions.Parse(["--size", "tiny", "--out", "x", "--as-of", "2025-06-30"]).AsOf);
    }

    [Theory]
    [InlineData("--size", "huge", "--out", "x")]
    [InlineData("--size", "50", "--out", "x")]
    [InlineData("--size", "tiny")]
    [InlineData("--size", "tiny", "--out", "x", "--seed", "-1")]
    [InlineData("--size", "tiny", "--out", "x", "--as-of", "01-11-2026")]
    [InlineData("--size", "tiny", "--out", "x", "--colour", "red")]
    public void Bad_arguments_are_refused(params string[] args) =>
        Assert.Throws<ArgumentException>(() => GeneratorOptions.Parse(args));
}
