using TalentHub.DataGen.Agencies;
using TalentHub.DataGen.Reference;
using TalentHub.Domain.Agencies;
using TalentHub.Domain.Identity;

namespace TalentHub.DataGen.Tests;

public class ReferenceTests
{
    [Fact]
    public void The_domain_province_list_is_the_reference_file() =>
        Assert.Equal(
            ReferenceData.Instance.Provinces.Select(p => p.Code).Order(StringComparer.Ordinal),
            ProvinceCodes.Reference.Order(StringComparer.Ordinal));

    [Fact]
    public void The_nation_has_about_630_well_formed_agencies_with_508_regencies_and_cities()
    {
        var agencies = AgencyCatalog.All(ReferenceData.Instance, 7);

        Assert.InRange(agencies.Count, 620, 640);
        Assert.Equal(38, agencies.Count(a => a.Kind == AgencyKind.Province));
        Assert.Equal(508, agencies.Count(a => a.Kind is AgencyKind.Regency or AgencyKind.City));
        Assert.Equal(agencies.Count, agencies.Select(a => a.Code).Distinct().Count());
        Assert.All(agencies, a => Assert.Empty(AgencyCode.Problems(a.Code, a.Kind, a.Kind == AgencyKind.Central ? null : a.ProvinceCode)));
    }

    [Fact]
    public void A_small_dataset_still_has_every_kind_of_agency()
    {
        var plan = AgencyPlan.Create(AgencyCatalog.All(ReferenceData.Instance, 7), 1_000);

        Assert.Equal(1_000, plan.TotalPeople);
        Assert.Equal("BKN", plan.Agencies[0].Agency.Code);
        Assert.All(Enum.GetValues<AgencyKind>(), kind => Assert.Contains(plan.Agencies, a => a.Agency.Kind == kind));
    }
}
