namespace TalentHub.DataGen.Tests;

/// <summary>
/// The shares of the dataset (src/TalentHub.DataGen/README.md) on 20,000 people. Tolerances are about three binomial
/// standard deviations (sqrt(p(1-p)/n)), so a correct generator passes and a wrong rate fails.
/// </summary>
public class DistributionTests(DatasetFixture dataset) : IClassFixture<DatasetFixture>
{
    [Theory]
    [InlineData("JPT", 0.005, 0.0025)]
    [InlineData("ADMINISTRATOR", 0.03, 0.006)]
    [InlineData("PENGAWAS", 0.08, 0.01)]
    [InlineData("PELAKSANA", 0.40, 0.015)]
    [InlineData("FUNGSIONAL", 0.485, 0.015)]
    public void Position_levels_follow_the_national_mix(string levelPrefix, double share, double tolerance)
    {
        var people = dataset.Lines("people.ndjson").Select(p => p.GetProperty("positionLevel").GetString()!).ToList();

        var actual = people.Count(l => l.StartsWith(levelPrefix, StringComparison.Ordinal)) / (double)people.Count;

        Assert.Equal(DatasetFixture.People, people.Count);
        Assert.InRange(actual, share - tolerance, share + tolerance);
    }

    [Fact]
    public void About_3_percent_of_people_moved_between_agencies()
    {
        var movers = dataset.Lines("people.ndjson").Count(p => p.GetProperty("moves").GetArrayLength() > 0);

        Assert.InRange(movers / (double)DatasetFixture.People, 0.025, 0.035);
    }

    [Fact]
    public void About_1_percent_of_records_are_invalid()
    {
        var outcomes = dataset.Lines("expected.ndjson")
            .Where(e => e.GetProperty("format").GetString() == "NDJSON")
            .Select(e => e.GetProperty("outcome").GetString())
            .ToList();

        Assert.InRange(outcomes.Count(o => o == "REJECTED") / (double)outcomes.Count, 0.008, 0.0125);
    }

    [Fact]
    public void About_half_a_percent_of_people_carry_an_identity_mismatch_between_agencies()
    {
        var mismatches = dataset.Lines("people.ndjson")
            .Count(p => p.GetProperty("plantedConflicts").EnumerateArray().Any(c => c.GetProperty("kind").GetString() == "IDENTITY_MISMATCH"));

        Assert.InRange(mismatches / (double)DatasetFixture.People, 0.0025, 0.0075);
    }

    [Fact]
    public void Some_records_wait_for_mappings_and_most_are_accepted()
    {
        var outcomes = dataset.Lines("expected.ndjson").Select(e => e.GetProperty("outcome").GetString()).ToList();

        Assert.InRange(outcomes.Count(o => o == "PENDING_MAPPING") / (double)outcomes.Count, 0.005, 0.2);
        Assert.True(outcomes.Count(o => o == "ACCEPTED") > outcomes.Count * 0.8);
    }
}
