namespace TalentHub.Domain.Analytics;

/// <summary>The recommendations served with each box, as the annex of Peraturan Menteri PANRB 3/2020 words them (docs/domain/analytics.md#9-box-counts).</summary>
public static class NineBoxGuidance
{
    /// <summary>The recommendation of box 1–9.</summary>
    public static string RecommendationOf(int box) => box switch
    {
        9 => "promote and retain, national/agency succession pool, recognition",
        8 => "retain, agency succession pool, rotation or job enlargement, performance guidance",
        7 => "retain, agency succession pool, rotation or job enrichment, competency development, study assignment",
        6 => "suitable placement, performance guidance and counselling",
        5 => "suitable placement, performance guidance, competency development",
        4 => "rotation, competency development",
        3 => "performance guidance and counselling, competency development, suitable placement",
        2 => "performance guidance, competency development, suitable placement",
        1 => "handled under the disciplinary and performance regulations",
        _ => throw new ArgumentOutOfRangeException(nameof(box), box, "A box is 1–9."),
    };
}
