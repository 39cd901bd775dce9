using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using TalentHub.Domain.Normalization;

namespace TalentHub.Domain.Tests.Normalization;

/// <summary>Invariants of the scales over generated scales and values; integer inputs are folded into valid ranges.</summary>
public class NormalizationPropertyTests
{
    private const int MaxCents = 100_000_000;

    private static LinearScale Linear(int minSeed, PositiveInt widthSeed, bool higherIsBetter, out int widthCents)
    {
        widthCents = 1 + (widthSeed.Get % MaxCents);
        var min = (minSeed % MaxCents) / 100m;
        return new LinearScale(min, min + (widthCents / 100m), higherIsBetter);
    }

    private static bool IsNational(NormalizedScore score) =>
        score.Score is >= 1 and <= 5
        && decimal.Round(score.Score, 2) == score.Score
        && score.Level is >= 1 and <= 5
        && score.Level == HalfUp.ToLevel(score.Score);

    private static NormalizedScore Read(ScaleDefinition scale, decimal value) =>
        Scales.Normalize(scale, Json.Of(value.ToString(CultureInfo.InvariantCulture))).Normalized!.Value;

    [Property(MaxTest = 2000)]
    public bool A_linear_scale_is_monotone_in_score_and_level_and_stays_within_one_to_five(
        int minSeed, PositiveInt widthSeed, NonNegativeInt first, NonNegativeInt second, bool higherIsBetter)
    {
        var scale = Linear(minSeed, widthSeed, higherIsBetter, out var widthCents);
        var a = scale.Min + ((first.Get % (widthCents + 1)) / 100m);
        var b = scale.Min + ((second.Get % (widthCents + 1)) / 100m);
        var (low, high) = a <= b ? (Read(scale, a), Read(scale, b)) : (Read(scale, b), Read(scale, a));
        var (worse, better) = higherIsBetter ? (low, high) : (high, low);

        return IsNational(low) && IsNational(high) && worse.Score <= better.Score && worse.Level <= better.Level;
    }

    [Property(MaxTest = 1000)]
    public bool A_linear_scale_maps_its_ends_to_one_and_five(int minSeed, PositiveInt widthSeed, bool higherIsBetter)
    {
        var scale = Linear(minSeed, widthSeed, higherIsBetter, out _);
        var (atMin, atMax) = higherIsBetter ? (1m, 5m) : (5m, 1m);

        return Read(scale, scale.Min).Score == atMin && Read(scale, scale.Max).Score == atMax;
    }

    [Property(MaxTest = 1000)]
    public bool A_value_outside_a_linear_scale_is_never_clamped(int minSeed, PositiveInt widthSeed, PositiveInt beyondSeed, bool above)
    {
        var scale = Linear(minSeed, widthSeed, higherIsBetter: true, out _);
        var beyond = (1 + (beyondSeed.Get % MaxCents)) / 10_000m;
        var value = above ? scale.Max + beyond : scale.Min - beyond;

        return Scales.Normalize(scale, Json.Of(value.ToString(CultureInfo.InvariantCulture))).Failure == ScoreFailure.OutOfScale;
    }

    [Property(MaxTest = 1000)]
    public bool Bands_are_monotone_and_give_their_level_as_the_score(NonEmptyArray<PositiveInt> widths, NonNegativeInt levelSeed, NonNegativeInt first, NonNegativeInt second)
    {
        var bands = new List<Band>();
        var from = 0m;
        var level = 1 + (levelSeed.Get % 5);
        foreach (var width in widths.Get.Take(20))
        {
            var to = from + (1 + (width.Get % 1000)) / 10m;
            bands.Add(new Band(from, to, level));
            from = to;
            level = Math.Min(5, level + ((width.Get / 7) % 2));
        }

        var scale = new BandsScale(bands);
        var steps = (int)(from * 10);
        var a = (first.Get % (steps + 1)) / 10m;
        var b = (second.Get % (steps + 1)) / 10m;
        var (low, high) = a <= b ? (Read(scale, a), Read(scale, b)) : (Read(scale, b), Read(scale, a));

        return IsNational(low) && IsNational(high) && low.Level <= high.Level && low.Score == low.Level && high.Score == high.Level;
    }

    [Property(MaxTest = 1000)]
    public bool Half_up_never_rounds_to_even(NonNegativeInt hundredths, NonNegativeInt whole, bool negative)
    {
        var sign = negative ? -1 : 1;
        var atHalfHundredth = sign * ((hundredths.Get / 100m) + 0.005m);
        var awayFromZero = sign * ((hundredths.Get + 1) / 100m);

        return HalfUp.ToHundredths(atHalfHundredth) == awayFromZero && HalfUp.ToLevel(whole.Get + 0.50m) == whole.Get + 1;
    }

    [Property(MaxTest = 1000)]
    public bool A_label_matches_whatever_its_case_and_spacing(NonEmptyArray<NonNegativeInt> letters, NonNegativeInt variantSeed, NonNegativeInt levelSeed)
    {
        var label = new StringBuilder();
        foreach (var letter in letters.Get.Take(30))
        {
            label.Append(letter.Get % 7 == 0 && label.Length > 0 ? ' ' : (char)('A' + (letter.Get % 26)));
        }

        var written = label.ToString().Trim();
        if (written.Length == 0)
        {
            return true;
        }

        var level = 1 + (levelSeed.Get % 5);
        var scale = new LabelsScale(new Dictionary<string, int> { [written] = level });
        var variant = new StringBuilder(variantSeed.Get % 2 == 0 ? " \t" : string.Empty);
        var seed = variantSeed.Get;
        foreach (var c in written)
        {
            variant.Append(c == ' ' ? (seed % 3 == 0 ? "  " : "\t ") : (seed % 2 == 0 ? char.ToLowerInvariant(c) : c));
            seed = (seed / 2) + 7;
        }

        variant.Append(variantSeed.Get % 3 == 0 ? "\n" : " ");
        return scale.TryGetLevel(variant.ToString(), out var found) && found == level;
    }

    [Property(MaxTest = 1000)]
    public bool Canonical_names_are_a_fixed_point(string? name)
    {
        var canonical = CompetencyNames.Canonical(name ?? string.Empty);

        return CompetencyNames.Canonical(canonical) == canonical && canonical.Trim() == canonical && !canonical.Contains("  ", StringComparison.Ordinal);
    }

    [Property(MaxTest = 500)]
    public bool Canonical_json_reads_back_to_the_same_linear_scale(int minSeed, PositiveInt widthSeed, bool higherIsBetter)
    {
        var scale = Linear(minSeed, widthSeed, higherIsBetter, out _);

        return ScaleDefinitions.FromCanonicalJson(ScaleDefinitions.ToCanonicalJson(scale)) == scale;
    }
}
