using TalentHub.Domain.Analytics;

namespace TalentHub.Domain.Tests.Analytics;

public sealed class NineBoxGuidanceTests
{
    [Theory]
    [InlineData(9, "promote and retain, national/agency succession pool, recognition")]
    [InlineData(8, "retain, agency succession pool, rotation or job enlargement, performance guidance")]
    [InlineData(7, "retain, agency succession pool, rotation or job enrichment, competency development, study assignment")]
    [InlineData(6, "suitable placement, performance guidance and counselling")]
    [InlineData(5, "suitable placement, performance guidance, competency development")]
    [InlineData(4, "rotation, competency development")]
    [InlineData(3, "performance guidance and counselling, competency development, suitable placement")]
    [InlineData(2, "performance guidance, competency development, suitable placement")]
    [InlineData(1, "handled under the disciplinary and performance regulations")]
    public void Each_box_has_the_annex_wording(int box, string recommendation) =>
        Assert.Equal(recommendation, NineBoxGuidance.RecommendationOf(box));

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(-1)]
    public void There_is_no_box_outside_1_to_9(int box) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NineBoxGuidance.RecommendationOf(box));
}
