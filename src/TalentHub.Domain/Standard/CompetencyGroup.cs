namespace TalentHub.Domain.Standard;

public enum CompetencyGroup
{
    Managerial,
    SocioCultural,
    Technical,
}
