namespace TalentHub.Domain.Normalization;

/// <summary>A national normalized score in [1, 5] with 2 decimals, and its level 1–5.</summary>
public readonly record struct NormalizedScore(decimal Score, int Level)
{
    /// <summary>A score from its unrounded value: rounded half up to 2 decimals, then to the level.</summary>
    public static NormalizedScore FromUnrounded(decimal value)
    {
        var score = HalfUp.ToHundredths(value);
        return new(score, HalfUp.ToLevel(score));
    }

    /// <summary>BANDS and LABELS give the level itself as the score (e.g. 2.00).</summary>
    public static NormalizedScore FromLevel(int level) => new(level * 1.00m, level);
}

/// <summary>Why a raw score could not be normalized.</summary>
public enum ScoreFailure
{
    None,

    /// <summary>A number outside a LINEAR or BANDS scale's range: an error (score_out_of_scale), never clamped.</summary>
    OutOfScale,

    /// <summary>A label the LABELS scale does not list: the record waits (PENDING_MAPPING).</summary>
    UnknownLabel,

    /// <summary>A string that is not a number, read on a LINEAR or BANDS scale.</summary>
    NotANumber,

    /// <summary>A raw value that is neither a string nor a number, read on a LABELS scale.</summary>
    NotALabel,
}

/// <summary>Either a normalized score or the reason there is none.</summary>
public readonly record struct ScoreOutcome(NormalizedScore? Normalized, ScoreFailure Failure)
{
    public static ScoreOutcome Of(NormalizedScore normalized) => new(normalized, ScoreFailure.None);

    public static ScoreOutcome Failed(ScoreFailure failure) => new(null, failure);
}
