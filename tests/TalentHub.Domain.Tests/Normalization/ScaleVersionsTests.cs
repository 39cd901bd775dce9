using TalentHub.Domain.Normalization;

namespace TalentHub.Domain.Tests.Normalization;

public class ScaleVersionsTests
{
    private static readonly ScaleDefinition Any = new LinearScale(0, 100, HigherIsBetter: true);
    private static readonly DateOnly NewYear2026 = new(2026, 1, 1);

    private static ScaleVersion Version(int number, DateOnly? appliesFrom = null) => new(number, appliesFrom, Any);

    [Fact]
    public void A_single_version_without_applies_from_covers_every_date() =>
        Assert.Equal(1, ScaleVersions.For([Version(1)], new DateOnly(1990, 1, 1))?.Version);

    [Fact]
    public void A_new_rubric_covers_results_from_its_date_and_older_results_keep_the_earlier_version()
    {
        ScaleVersion[] versions = [Version(1), Version(2, NewYear2026)];

        Assert.Equal(1, ScaleVersions.For(versions, new DateOnly(2025, 12, 31))?.Version);
        Assert.Equal(2, ScaleVersions.For(versions, NewYear2026)?.Version);
        Assert.Equal(2, ScaleVersions.For(versions, new DateOnly(2026, 6, 1))?.Version);
    }

    [Fact]
    public void A_correction_replaces_every_earlier_version_on_every_date()
    {
        ScaleVersion[] versions = [Version(1), Version(2, NewYear2026), Version(3)];

        Assert.Equal(3, ScaleVersions.For(versions, new DateOnly(2025, 12, 31))?.Version);
        Assert.Equal(3, ScaleVersions.For(versions, new DateOnly(2026, 6, 1))?.Version);
    }

    [Fact]
    public void A_rubric_after_a_correction_still_leaves_older_results_to_the_correction()
    {
        ScaleVersion[] versions = [Version(1), Version(2), Version(3, NewYear2026)];

        Assert.Equal(2, ScaleVersions.For(versions, new DateOnly(2025, 12, 31))?.Version);
        Assert.Equal(3, ScaleVersions.For(versions, NewYear2026)?.Version);
    }

    [Fact]
    public void The_order_of_the_list_does_not_matter()
    {
        ScaleVersion[] versions = [Version(3, NewYear2026), Version(1), Version(2, new DateOnly(2024, 1, 1))];

        Assert.Equal(1, ScaleVersions.For(versions, new DateOnly(2023, 12, 31))?.Version);
        Assert.Equal(2, ScaleVersions.For(versions, new DateOnly(2025, 1, 1))?.Version);
        Assert.Equal(3, ScaleVersions.For(versions, new DateOnly(2026, 1, 2))?.Version);
    }

    [Fact]
    public void No_version_covers_a_date_before_every_rubric()
    {
        ScaleVersion[] versions = [Version(1, new DateOnly(2020, 1, 1)), Version(2, NewYear2026)];

        Assert.Null(ScaleVersions.For(versions, new DateOnly(2019, 12, 31)));
        Assert.Null(ScaleVersions.For([], NewYear2026));
    }
}
