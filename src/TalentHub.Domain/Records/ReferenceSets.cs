namespace TalentHub.Domain.Records;

/// <summary>The reference data the record rules need, loaded from the database by the caller.</summary>
public sealed class ReferenceSets
{
    /// <summary>PNS grades, <c>I/a</c> … <c>IV/e</c>.</summary>
    public required IReadOnlySet<string> PnsGrades { get; init; }

    /// <summary>PPPK grades, <c>I</c> … <c>XVII</c>.</summary>
    public required IReadOnlySet<string> PppkGrades { get; init; }

    /// <summary>Assessment method codes (<c>ASSESSMENT_CENTER</c>, <c>CACT</c>, …).</summary>
    public required IReadOnlySet<string> Methods { get; init; }

    /// <summary>Province codes <c>11</c> … <c>96</c>: the NIK's first two digits and <c>position.province</c>.</summary>
    public required IReadOnlySet<string> ProvinceCodes { get; init; }

    /// <summary>Registered agencies, for <c>positionHistory[].agencyCode</c>.</summary>
    public required IReadOnlySet<string> AgencyCodes { get; init; }
}
