namespace TalentHub.Domain.Records;

/// <summary>The record's <c>status</c> of a serving civil servant: the only status analytics place, count and map (02-records.md).</summary>
public static class PersonStatuses
{
    public const string Active = "ACTIVE";
}
