namespace TalentHub.Domain.Normalization;

/// <summary>One version of an agency scale: a correction when AppliesFrom is null, else a rubric for results from that date.</summary>
public sealed record ScaleVersion(int Version, DateOnly? AppliesFrom, ScaleDefinition Definition);

public static class ScaleVersions
{
    /// <summary>
    /// The version that reads a result assessed on <paramref name="assessedAt"/>: the newest (highest number) whose
    /// AppliesFrom is null or on or before that date; null when every version starts later. The list may be in any order.
    /// </summary>
    public static ScaleVersion? For(IReadOnlyList<ScaleVersion> versions, DateOnly assessedAt)
    {
        ScaleVersion? chosen = null;
        for (var i = 0; i < versions.Count; i++)
        {
            var version = versions[i];
            if ((version.AppliesFrom is null || version.AppliesFrom <= assessedAt) && (chosen is null || version.Version > chosen.Version))
            {
                chosen = version;
            }
        }

        return chosen;
    }
}
