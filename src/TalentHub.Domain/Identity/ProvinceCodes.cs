namespace TalentHub.Domain.Identity;

/// <summary>
/// The Ministry of Home Affairs province codes of <c>provinces.json</c> (the first two NIK digits;
/// docs/domain/standard.md#provinces). Kept here as a small static list so that the NIK rule stays pure; the list
/// changes only when a province is created (by law). Record validation passes the database's list to
/// <see cref="NikRules.Validate"/> instead; this copy serves where no database is at hand (a NIK a steward types).
/// </summary>
public static class ProvinceCodes
{
    public static readonly IReadOnlySet<string> Reference = new HashSet<string>(StringComparer.Ordinal)
    {
        "11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
        "31", "32", "33", "34", "35", "36",
        "51", "52", "53",
        "61", "62", "63", "64", "65",
        "71", "72", "73", "74", "75", "76",
        "81", "82",
        "91", "92", "93", "94", "95", "96",
    };
}
