using System.Globalization;
using TalentHub.Domain.Normalization;

namespace TalentHub.Domain.Tests.Normalization;

/// <summary>
/// Raw results on different agency scales, each worked out by hand from docs/domain/normalization.md: LINEAR
/// 1 + 4 × (v − min) / (max − min) (or (max − v) when lower is better), rounded half up to 2 decimals, then the level
/// is that score rounded half up; BANDS and LABELS give the level as the score.
/// </summary>
public class HandCheckedTableTests
{
    [Theory]
    // 0–100: 1 + 4 × 62.4 / 100 = 1 + 2.496 = 3.496 → 3.50 → level 4 (rounding 3.496 once would give 3).
    [InlineData("{'kind':'LINEAR','min':0,'max':100}", "62.4", "3.50", 4)]
    // 0–100: 1 + 4 × 12.49 / 100 = 1.4996 → 1.50 → level 2.
    [InlineData("{'kind':'LINEAR','min':0,'max':100}", "12.49", "1.50", 2)]
    // 0–100: 1 + 4 × 37.5 / 100 = 2.5 → 2.50 → level 3 (half up, not to even).
    [InlineData("{'kind':'LINEAR','min':0,'max':100}", "37.5", "2.50", 3)]
    // 0–100: 1 + 4 × 87.4375 / 100 = 1 + 3.4975 = 4.4975 → 4.50 (the .005 goes up) → level 5.
    [InlineData("{'kind':'LINEAR','min':0,'max':100}", "87.4375", "4.50", 5)]
    // 1–5 (an AC rubric): 1 + 4 × (3.7 − 1) / 4 = 1 + 2.7 = 3.70 → level 4.
    [InlineData("{'kind':'LINEAR','min':1,'max':5}", "3.7", "3.70", 4)]
    // 1–4 (four-point rubric): 1 + 4 × (2 − 1) / 3 = 1 + 1.3333… = 2.3333… → 2.33 → level 2.
    [InlineData("{'kind':'LINEAR','min':1,'max':4}", "2", "2.33", 2)]
    // 40–90 (test with a floor): 1 + 4 × (52.3 − 40) / 50 = 1 + 4 × 12.3 / 50 = 1 + 0.984 = 1.984 → 1.98 → level 2.
    [InlineData("{'kind':'LINEAR','min':40,'max':90}", "52.3", "1.98", 2)]
    // 0–1000 (CACT points): 1 + 4 × 687.5 / 1000 = 1 + 2.75 = 3.75 → level 4.
    [InlineData("{'kind':'LINEAR','min':0,'max':1000}", "687.5", "3.75", 4)]
    // −3–3 (standardized): 1 + 4 × (0.75 + 3) / 6 = 1 + 15 / 6 = 3.5 → 3.50 → level 4.
    [InlineData("{'kind':'LINEAR','min':-3,'max':3}", "0.75", "3.50", 4)]
    // 0–10 ranking, lower is better: 1 + 4 × (10 − 2.5) / 10 = 1 + 3 = 4.00 → level 4.
    [InlineData("{'kind':'LINEAR','min':0,'max':10,'higherIsBetter':false}", "2.5", "4.00", 4)]
    // 1–7 errors count, lower is better: 1 + 4 × (7 − 6.3) / 6 = 1 + 2.8 / 6 = 1.4666… → 1.47 → level 1.
    [InlineData("{'kind':'LINEAR','min':1,'max':7,'higherIsBetter':false}", "6.3", "1.47", 1)]
    // Bands 0|60|70|80|90|100: 70 is the from of [70, 80) → level 3 → 3.00.
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':60,'level':1},{'from':60,'to':70,'level':2},{'from':70,'to':80,'level':3},{'from':80,'to':90,'level':4},{'from':90,'to':100,'level':5}]}", "70", "3.00", 3)]
    // Same bands: 69.99 is below the to of [60, 70) → level 2 → 2.00.
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':60,'level':1},{'from':60,'to':70,'level':2},{'from':70,'to':80,'level':3},{'from':80,'to':90,'level':4},{'from':90,'to':100,'level':5}]}", "69.99", "2.00", 2)]
    // Same bands: 100 is the last band's to, which is inclusive → level 5 → 5.00.
    [InlineData("{'kind':'BANDS','bands':[{'from':0,'to':60,'level':1},{'from':60,'to':70,'level':2},{'from':70,'to':80,'level':3},{'from':80,'to':90,'level':4},{'from':90,'to':100,'level':5}]}", "100", "5.00", 5)]
    // Letters A–E: ' b ' trimmed and case-folded is B → level 4 → 4.00.
    [InlineData("{'kind':'LABELS','labels':{'A':5,'B':4,'C':3,'D':2,'E':1}}", "' b '", "4.00", 4)]
    // Pass/fail words: 'memenuhi' case-folded is MEMENUHI → level 3 → 3.00.
    [InlineData("{'kind':'LABELS','labels':{'MEMENUHI':3,'TIDAK_MEMENUHI':2}}", "'memenuhi'", "3.00", 3)]
    public void Raw_results_on_agency_scales_give_the_hand_computed_national_score_and_level(string scale, string raw, string score, int level)
    {
        var definition = ScaleDefinitions.Parse(Json.Of(scale)).Definition!;

        var outcome = Scales.Normalize(definition, Json.Of(raw));

        Assert.Equal(ScoreFailure.None, outcome.Failure);
        Assert.Equal(score, outcome.Normalized!.Value.Score.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(level, outcome.Normalized.Value.Level);
    }
}
