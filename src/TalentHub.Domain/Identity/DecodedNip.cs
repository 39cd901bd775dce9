using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Identity;

/// <summary>
/// A structurally valid NIP, decoded. <see cref="MiddleCode"/> is the two digits after the service-start year:
/// the TMT CPNS month for PNS, an appointment code for PPPK.
/// </summary>
public sealed record DecodedNip(
    DateOnly BirthDate,
    int ServiceStartYear,
    int MiddleCode,
    Gender Gender,
    int Sequence,
    EmploymentType EmploymentType)
{
    /// <summary>The day on which the person must already be 18: the first day of the TMT month (PNS) or 1 January (PPPK).</summary>
    public DateOnly AgeReferenceDate =>
        EmploymentType == EmploymentType.Pns
            ? new DateOnly(ServiceStartYear, MiddleCode, 1)
            : new DateOnly(ServiceStartYear, 1, 1);
}
