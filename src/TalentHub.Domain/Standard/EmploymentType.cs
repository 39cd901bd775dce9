namespace TalentHub.Domain.Standard;

/// <summary>PNS: permanent civil servant; PPPK: civil servant on a work agreement.</summary>
public enum EmploymentType
{
    Pns,
    Pppk,
}
