namespace TalentHub.Domain.Agencies;

/// <summary>Central ministries and bodies, and the three kinds of regional government.</summary>
public enum AgencyKind
{
    Central,
    Province,
    Regency,
    City,
}
