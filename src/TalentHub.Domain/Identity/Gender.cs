namespace TalentHub.Domain.Identity;

/// <summary>Gender as the record carries it (02-records.md): <c>M</c> or <c>F</c>; the members are the wire spelling.</summary>
public enum Gender
{
    M,
    F,
}
