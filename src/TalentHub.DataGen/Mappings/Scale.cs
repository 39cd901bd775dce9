namespace TalentHub.DataGen.Mappings;

public enum ScaleKind
{
    Linear,
    Bands,
    Labels,
}

public sealed record Band(decimal From, decimal To, int Level);

/// <summary>
/// An agency scale as it registers it (docs/domain/normalization.md#scales), and how the generator writes a national
/// level on it. <see cref="Labels"/> are in the agency's order; <see cref="UnlistedLabel"/> is a label its assessors
/// use but the registered scale leaves out (the record then waits as PENDING_MAPPING).
/// </summary>
public sealed record Scale(
    string Code,
    ScaleKind Kind,
    decimal Min,
    decimal Max,
    int Decimals,
    IReadOnlyList<Band> Bands,
    IReadOnlyList<KeyValuePair<string, int>> Labels,
    string? UnlistedLabel)
{
    public bool IsNumeric => Kind != ScaleKind.Labels;

    public static Scale Linear(string code, decimal min, decimal max, int decimals) =>
        new(code, ScaleKind.Linear, min, max, decimals, [], [], null);

    public static Scale Banded(string code, IReadOnlyList<Band> bands) =>
        new(code, ScaleKind.Bands, bands[0].From, bands[^1].To, 1, bands, [], null);

    public static Scale Labelled(string code, IReadOnlyList<KeyValuePair<string, int>> labels, string? unlisted = null) =>
        new(code, ScaleKind.Labels, 0, 0, 0, [], labels, unlisted);

    /// <summary>The raw value (a decimal or a label) an assessor would give for a true level 1–5 and a jitter in [0, 1).</summary>
    public object RawFor(int level, double jitter)
    {
        switch (Kind)
        {
            case ScaleKind.Linear:
                var normalized = Math.Clamp(level - 0.45 + (0.9 * jitter), 1.0, 5.0);
                var raw = Min + ((Max - Min) * (decimal)((normalized - 1) / 4));
                return Math.Clamp(Math.Round(raw, Decimals, MidpointRounding.AwayFromZero), Min, Max);
            case ScaleKind.Bands:
                var band = Bands.First(b => b.Level == level);
                var upper = band == Bands[^1] ? band.To : band.To - 0.1m;
                return Math.Round(band.From + ((upper - band.From) * (decimal)jitter), 1, MidpointRounding.ToZero);
            default:
                var best = Labels.OrderBy(l => Math.Abs(l.Value - level)).ThenByDescending(l => l.Value).First();
                return best.Key;
        }
    }
}
