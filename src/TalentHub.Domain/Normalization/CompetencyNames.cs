namespace TalentHub.Domain.Normalization;

/// <summary>The dictionary (crosswalk, docs/domain/normalization.md#dictionary): how agency competency names are matched.</summary>
public static class CompetencyNames
{
    /// <summary>The dictionary target of an agency-only competency: its results are kept raw, never normalized.</summary>
    public const string Ignore = "IGNORE";

    /// <summary>Trimmed, inner white-space runs collapsed to one space, upper-cased (invariant): the dictionary key.</summary>
    public static string Canonical(string agencyName) => CanonicalText.Of(agencyName);
}
