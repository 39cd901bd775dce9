using System.Globalization;
using System.Text.Json;

namespace TalentHub.Domain.Normalization;

/// <summary>
/// Reads one raw score on a scale (docs/domain/normalization.md#scales). LINEAR and BANDS take JSON numbers, and also strings
/// that are plain invariant decimals such as <c>"62.4"</c> (no exponent, no thousands separator); any other string is
/// <see cref="ScoreFailure.NotANumber"/>. LABELS take strings, and numbers by their JSON text, so that a label scale
/// whose labels are digits (<c>"4"</c>) reads a CSV cell <c>4</c>, which arrives as a number.
/// </summary>
public static class Scales
{
    private const NumberStyles PlainDecimal =
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>Reads a JSON number or string as sent.</summary>
    public static ScoreOutcome Normalize(ScaleDefinition scale, JsonElement raw) => raw.ValueKind switch
    {
        JsonValueKind.Number => Normalize(scale, raw.GetRawText(), isJsonNumber: true),
        JsonValueKind.String => Normalize(scale, raw.GetString()!, isJsonNumber: false),
        _ => ScoreOutcome.Failed(scale is LabelsScale ? ScoreFailure.NotALabel : ScoreFailure.NotANumber),
    };

    /// <summary>Reads a string as sent, or the JSON text of a number.</summary>
    internal static ScoreOutcome Normalize(ScaleDefinition scale, string text, bool isJsonNumber)
    {
        if (scale is LabelsScale labels)
        {
            return labels.TryGetLevel(text, out var level)
                ? ScoreOutcome.Of(NormalizedScore.FromLevel(level))
                : ScoreOutcome.Failed(ScoreFailure.UnknownLabel);
        }

        if (!decimal.TryParse(text, isJsonNumber ? NumberStyles.Float : PlainDecimal, CultureInfo.InvariantCulture, out var value))
        {
            // A JSON number that does not fit a decimal is far outside any scale.
            return ScoreOutcome.Failed(isJsonNumber ? ScoreFailure.OutOfScale : ScoreFailure.NotANumber);
        }

        return scale switch
        {
            LinearScale linear => Linear(linear, value),
            BandsScale bands => Bands(bands, value),
            _ => throw new ArgumentException($"Unknown scale definition {scale.GetType().Name}.", nameof(scale)),
        };
    }

    private static ScoreOutcome Linear(LinearScale scale, decimal value)
    {
        if (value < scale.Min || value > scale.Max)
        {
            return ScoreOutcome.Failed(ScoreFailure.OutOfScale);
        }

        // Multiplying before dividing keeps the quotient exact whenever it is a finite decimal, so that a true x.xx5 stays one.
        var distance = scale.HigherIsBetter ? value - scale.Min : scale.Max - value;
        return ScoreOutcome.Of(NormalizedScore.FromUnrounded(1 + (4 * distance / (scale.Max - scale.Min))));
    }

    private static ScoreOutcome Bands(BandsScale scale, decimal value)
    {
        var bands = scale.Bands;
        if (bands.Count == 0 || value < bands[0].From || value > bands[^1].To)
        {
            return ScoreOutcome.Failed(ScoreFailure.OutOfScale);
        }

        // The bands are contiguous and ascending: the band is the last one whose From ≤ value.
        int low = 0, high = bands.Count - 1;
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            if (bands[middle].From <= value)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ScoreOutcome.Of(NormalizedScore.FromLevel(bands[low].Level));
    }
}
