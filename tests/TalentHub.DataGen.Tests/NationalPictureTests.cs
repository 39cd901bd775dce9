using Xunit.Abstractions;

namespace TalentHub.DataGen.Tests;

/// <summary>The small dataset's national picture, computed once (in memory, without writing files).</summary>
public sealed class SmallPictureFixture
{
    public NationalPicture Picture { get; } = NationalPicture.Of(7, 100_000, GeneratorOptions.DefaultAsOf);
}

/// <summary>
/// The demo data looks like a nation's talent mapping (README, "Assessed levels, potential and SKP"): every box of the
/// 9-box is populated and none holds more than a third of the placed people, the competencies rank as BKN's 2018–2019
/// JPT Pratama mapping found them, and the unplaced are the never assessed, the stale and the unrated, in the stated shares.
/// </summary>
public class NationalPictureTests(SmallPictureFixture small, ITestOutputHelper output) : IClassFixture<SmallPictureFixture>
{
    /// <summary>M7 managing change … M1 integrity: the README's mapping of BKN's findings onto the national codes.</summary>
    private static readonly string[] WeakestToStrongest = ["M7", "M8", "M4", "M6", "M2", "M3", "M5", "SK1", "M1"];

    [Fact]
    public void The_tiny_demo_dataset_fills_every_box_and_no_box_holds_more_than_a_third()
    {
        var tiny = NationalPicture.Of(7, 1_000, GeneratorOptions.DefaultAsOf);

        output.WriteLine(tiny.ToString());
        AssertLooksLikeANation(tiny);
    }

    [Fact]
    public void The_tiny_demo_dataset_ranks_competencies_by_mean_gap_as_BKN_mapped_them() =>
        Assert.Equal(WeakestToStrongest, NationalPicture.Of(7, 1_000, GeneratorOptions.DefaultAsOf).ByMeanGap);

    [Fact]
    public void The_small_dataset_fills_every_box_and_no_box_holds_more_than_a_third()
    {
        output.WriteLine(small.Picture.ToString());
        AssertLooksLikeANation(small.Picture);
    }

    [Fact]
    public void Competencies_rank_weakest_first_as_BKN_mapped_them()
    {
        Assert.Equal(WeakestToStrongest, small.Picture.ByShareMeeting);
        Assert.Equal(WeakestToStrongest, small.Picture.ByMeanGap);
    }

    [Fact]
    public void The_unplaced_are_the_never_assessed_the_stale_and_the_unrated_in_the_stated_shares()
    {
        var picture = small.Picture;

        AssertShare(picture.Unplaced, picture, 0.27, 0.35);
        AssertShare(picture.NeverAssessed, picture, 0.115, 0.155);
        AssertShare(picture.OnlyStale, picture, 0.09, 0.125);
        AssertShare(picture.NoPerformance, picture, 0.08, 0.11);
        Assert.Equal(picture.NeverAssessed + picture.OnlyStale, picture.InsufficientJpm);
    }

    private static void AssertShare(int count, NationalPicture picture, double low, double high)
    {
        var share = (double)count / picture.Active;
        Assert.True(share >= low && share <= high, $"{share:P1} not in [{low:P0}, {high:P0}]: {picture}");
    }

    private static void AssertLooksLikeANation(NationalPicture picture)
    {
        Assert.True(Enumerable.Range(1, 9).All(b => picture.Box(b) > 0), picture.ToString());
        Assert.True(Enumerable.Range(1, 9).All(b => picture.Box(b) * 3 <= picture.Placed), picture.ToString());
    }
}
