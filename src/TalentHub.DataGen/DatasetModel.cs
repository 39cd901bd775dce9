using TalentHub.DataGen.Agencies;
using TalentHub.DataGen.Difficulties;
using TalentHub.DataGen.Mappings;
using TalentHub.DataGen.People;
using TalentHub.DataGen.Records;
using TalentHub.DataGen.Reference;

namespace TalentHub.DataGen;

/// <summary>
/// What a dataset is made from, given its seed, size and reference date: the agencies, who carries which difficulty,
/// each agency's assessment profile (by agency index), and the factories of people and of their records.
/// </summary>
public sealed record DatasetModel(AgencyPlan Plan, PersonRoles Roles, IReadOnlyList<AgencyAssessmentProfile> Profiles, PersonFactory People, RecordBuilder Records)
{
    public static DatasetModel Create(ulong seed, int people, DateOnly asOf)
    {
        var reference = ReferenceData.Instance;
        var plan = AgencyPlan.Create(AgencyCatalog.All(reference, seed), people);
        var roles = new PersonRoles(seed, plan.TotalPeople);
        var profiles = plan.Agencies.Select(a => AssessmentProfileFactory.Create(seed, a, reference)).ToList();
        return new DatasetModel(plan, roles, profiles, new PersonFactory(seed, plan, roles, reference, asOf, profiles), new RecordBuilder(plan, asOf));
    }
}
