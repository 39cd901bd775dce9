namespace TalentHub.Domain.Normalization;

/// <summary>Rounding half up, away from zero (never banker's), as docs/domain/normalization.md#rounding requires twice.</summary>
public static class HalfUp
{
    /// <summary>Rounded to 2 decimals and always written with 2 (1.5 → 1.50), as scores are published.</summary>
    public static decimal ToHundredths(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero) + 0.00m;

    /// <summary>Rounded to 4 decimals and always written with 4 (0.5 → 0.5000), as shares and statistics are published.</summary>
    public static decimal ToTenThousandths(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero) + 0.0000m;

    /// <summary>The national level of a published 2-decimal score: 3.50 → 4, 2.49 → 2.</summary>
    public static int ToLevel(decimal twoDecimalScore) => (int)Math.Round(twoDecimalScore, 0, MidpointRounding.AwayFromZero);
}
