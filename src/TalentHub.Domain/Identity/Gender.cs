namespace TalentHub.Domain.Identity;

/// <summary>Gender as the record carries it (docs/domain/records.md#fields): <c>M</c> or <c>F</c>; the members are the wire spelling.</summary>
public enum Gender
{
    M,
    F,
}
