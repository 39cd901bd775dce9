namespace TalentHub.Domain.Access;

/// <summary>The OAuth scopes and who may hold them (docs/domain/README.md#access).</summary>
public static class Scopes
{
    public const string SubmissionsWrite = "submissions.write";
    public const string MappingsWrite = "mappings.write";
    public const string ProfilesRead = "profiles.read";
    public const string Pii = "pii";
    public const string AnalyticsRead = "analytics.read";
    public const string ChangesRead = "changes.read";
    public const string Stewardship = "stewardship";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All =
    [
        SubmissionsWrite, MappingsWrite, ProfilesRead, Pii, AnalyticsRead, ChangesRead, Stewardship, Admin,
    ];

    /// <summary>What each scope grants (docs/domain/README.md#access), in the order of <see cref="All"/>.</summary>
    public static readonly IReadOnlyList<(string Scope, string Grants)> Grants =
    [
        (SubmissionsWrite, "Agency: push records of its own agency; declare vacancies."),
        (MappingsWrite, "Agency: define its own scales and dictionary."),
        (ProfilesRead, "Agency, BKN: read profiles (an agency only the people it currently employs) and mappings."),
        (Pii, "Agency, BKN: see NIK and birth place unmasked; every such read is logged."),
        (AnalyticsRead, "Agency, BKN: analytics (an agency its own; BKN all, with national aggregates)."),
        (ChangesRead, "BKN: the change feed and bulk exports."),
        (Stewardship, "BKN: conflicts, duplicate decisions, merges."),
        (Admin, "BKN: clients, agencies, the standard, rebuilds, the access log, the Hangfire dashboard."),
    ];

    /// <summary>National powers that an agency client can never hold.</summary>
    public static readonly IReadOnlyList<string> BknOnly = [ChangesRead, Stewardship, Admin];

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);

    /// <summary>Why a client of this kind cannot hold these scopes; empty when it can.</summary>
    public static IReadOnlyList<string> Problems(IEnumerable<string> scopes, bool isAgencyClient)
    {
        var problems = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            if (!IsKnown(scope))
            {
                problems.Add($"Unknown scope '{scope}'.");
            }
            else if (!seen.Add(scope))
            {
                problems.Add($"Scope '{scope}' is listed twice.");
            }
            else if (isAgencyClient && BknOnly.Contains(scope, StringComparer.Ordinal))
            {
                problems.Add($"An agency client can never hold '{scope}'.");
            }
        }

        if (seen.Count == 0 && problems.Count == 0)
        {
            problems.Add("A client needs at least one scope.");
        }

        return problems;
    }

    /// <summary>
    /// The scopes a token request grants (RFC 6749 §3.3): all of the client's allowed scopes when none are
    /// asked for, else exactly the ones asked for; null when any asked scope is not allowed to the client.
    /// </summary>
    public static IReadOnlyList<string>? Grant(IReadOnlyCollection<string> allowed, string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return [.. allowed.Order(StringComparer.Ordinal)];
        }

        var asked = requested.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        return asked.All(scope => allowed.Contains(scope, StringComparer.Ordinal))
            ? [.. asked.Order(StringComparer.Ordinal)]
            : null;
    }
}
