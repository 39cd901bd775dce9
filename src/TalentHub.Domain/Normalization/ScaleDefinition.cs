using System.Collections.Frozen;

namespace TalentHub.Domain.Normalization;

/// <summary>
/// How an agency's raw score reads on the national scale (docs/domain/normalization.md#scales). Build one from a request body
/// with <see cref="ScaleDefinitions.Parse"/>, which enforces every validity rule; the constructors do not.
/// </summary>
public abstract record ScaleDefinition;

/// <summary>v in [Min, Max] becomes 1 + 4 × (v − Min) / (Max − Min), or 1 + 4 × (Max − v) / (Max − Min) when lower is better.</summary>
public sealed record LinearScale(decimal Min, decimal Max, bool HigherIsBetter) : ScaleDefinition;

/// <summary>From inclusive, To exclusive (inclusive for the last band of its scale).</summary>
public sealed record Band(decimal From, decimal To, int Level);

/// <summary>Contiguous bands in ascending order with non-decreasing levels; the level is the score.</summary>
public sealed record BandsScale(IReadOnlyList<Band> Bands) : ScaleDefinition
{
    public bool Equals(BandsScale? other) =>
        other is not null && (ReferenceEquals(Bands, other.Bands) || Bands.SequenceEqual(other.Bands));

    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var band in Bands)
        {
            hash.Add(band);
        }

        return hash.ToHashCode();
    }
}

/// <summary>
/// Each label (as the agency wrote it) gives a level, which is the score. Labels are looked up by their canonical form
/// (<see cref="CompetencyNames.Canonical"/>: trimmed, inner white space collapsed, upper-cased), so two labels may not
/// share one.
/// </summary>
public sealed record LabelsScale : ScaleDefinition
{
    private readonly FrozenDictionary<string, int> _levelByCanonicalLabel;

    /// <exception cref="ArgumentException">Two labels are the same once canonical.</exception>
    public LabelsScale(IReadOnlyDictionary<string, int> labels)
    {
        Labels = labels;
        var byCanonical = new Dictionary<string, int>(labels.Count, StringComparer.Ordinal);
        foreach (var (label, level) in labels)
        {
            if (!byCanonical.TryAdd(CanonicalText.Of(label), level))
            {
                throw new ArgumentException($"The label '{label}' repeats an earlier label once trimmed and case-folded.", nameof(labels));
            }
        }

        _levelByCanonicalLabel = byCanonical.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Label → level 1–5, keys as the agency wrote them.</summary>
    public IReadOnlyDictionary<string, int> Labels { get; }

    public void Deconstruct(out IReadOnlyDictionary<string, int> labels) => labels = Labels;

    /// <summary>The level of a label as sent, compared canonically.</summary>
    public bool TryGetLevel(string label, out int level) =>
        _levelByCanonicalLabel.TryGetValue(CanonicalText.Of(label), out level);

    public bool Equals(LabelsScale? other)
    {
        if (other is null || other._levelByCanonicalLabel.Count != _levelByCanonicalLabel.Count || Labels.Count != other.Labels.Count)
        {
            return false;
        }

        foreach (var (label, level) in Labels)
        {
            if (!other.Labels.TryGetValue(label, out var otherLevel) || otherLevel != level)
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var (label, level) in Labels)
        {
            hash ^= HashCode.Combine(StringComparer.Ordinal.GetHashCode(label), level);
        }

        return hash;
    }
}
