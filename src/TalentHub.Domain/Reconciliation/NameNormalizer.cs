using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace TalentHub.Domain.Reconciliation;

/// <summary>
/// Names as they are compared (docs/domain/reconciliation.md#name-comparison): NFC, case-folded (lower case, invariant), the titles
/// of <c>titles.json</c> (docs/domain/standard.md#titles) stripped with or without their dots, and the remaining words joined by one space.
/// Commas separate words too ("Siti, S.E." → "siti").
/// </summary>
public static class NameNormalizer
{
    public static string Normalize(string name, IReadOnlyList<string> titles) => Normalize(name, TitleKeys(titles));

    private static readonly ConditionalWeakTable<IReadOnlyList<string>, HashSet<string>> TitleKeysOf = new();

    /// <summary>The comparison keys of titles: lower case, dots removed (computed once per list of titles).</summary>
    internal static HashSet<string> TitleKeys(IReadOnlyList<string> titles) => TitleKeysOf.GetValue(titles, ComputeTitleKeys);

    private static HashSet<string> ComputeTitleKeys(IReadOnlyList<string> titles)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var title in titles)
        {
            var key = Key(title.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture));
            if (key.Length > 0)
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    internal static string Normalize(string name, HashSet<string> titleKeys)
    {
        var folded = name.Normalize(NormalizationForm.FormC).ToLower(CultureInfo.InvariantCulture);
        var builder = new StringBuilder(folded.Length);
        foreach (var word in folded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var part in word.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                if (titleKeys.Contains(Key(part)))
                {
                    continue;
                }

                if (builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(part);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    private static string Key(string word) => word.Replace(".", string.Empty, StringComparison.Ordinal);
}
