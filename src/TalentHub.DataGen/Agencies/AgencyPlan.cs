using TalentHub.Domain.Agencies;

namespace TalentHub.DataGen.Agencies;

/// <summary>
/// Which agencies a dataset of a given size has, how many people each employs and which agencies are its partners
/// (where its movers came from, where its people also work). About 6,800 people an agency, as nationally; never fewer
/// than ten agencies, always BKN and all four kinds.
/// </summary>
public sealed class AgencyPlan
{
    public const int PeoplePerAgency = 6_800;
    public const int MinimumAgencies = 10;
    public const int PartnersPerAgency = 3;

    private readonly List<int>[] _reversePartners;

    private AgencyPlan(IReadOnlyList<PlannedAgency> agencies)
    {
        Agencies = agencies;
        _reversePartners = [.. agencies.Select(_ => new List<int>())];
        foreach (var agency in agencies)
        {
            foreach (var partner in agency.Partners)
            {
                _reversePartners[partner].Add(agency.Index);
            }
        }
    }

    public IReadOnlyList<PlannedAgency> Agencies { get; }

    public int TotalPeople => Agencies.Sum(a => a.People);

    /// <summary>The agencies that name this one among their partners, in index order.</summary>
    public IReadOnlyList<int> AgenciesPartneredWith(int index) => _reversePartners[index];

    public static AgencyPlan Create(IReadOnlyList<Agency> all, int people)
    {
        var wanted = Math.Clamp((int)Math.Round(people / (double)PeoplePerAgency), MinimumAgencies, all.Count);
        var selected = Select(all, wanted);
        var counts = Allocate(selected, people);
        var planned = new List<PlannedAgency>(selected.Count);
        var first = 0;
        for (var i = 0; i < selected.Count; i++)
        {
            // Neighbours in the catalogue order are mostly agencies of the same province.
            int[] partners = [(i + 1) % selected.Count, (i + 2) % selected.Count, (i + selected.Count - 1) % selected.Count];
            planned.Add(new PlannedAgency(i, selected[i], first, counts[i], partners));
            first += counts[i];
        }

        return new AgencyPlan(planned);
    }

    private static List<Agency> Select(IReadOnlyList<Agency> all, int wanted)
    {
        if (wanted >= all.Count)
        {
            return [.. all];
        }

        var others = all.Skip(1).ToList();
        var kinds = new[] { AgencyKind.Central, AgencyKind.Province, AgencyKind.Regency, AgencyKind.City };
        var chosen = new HashSet<Agency> { all[0] };
        foreach (var kind in kinds)
        {
            var ofKind = others.Where(a => a.Kind == kind).ToList();
            var share = Math.Max(kind == AgencyKind.City ? 1 : 2, (int)Math.Round((wanted - 1) * ofKind.Count / (double)others.Count));
            for (var k = 0; k < share && k < ofKind.Count; k++)
            {
                chosen.Add(ofKind[(int)((long)k * ofKind.Count / share)]);
            }
        }

        return [.. all.Where(chosen.Contains)];
    }

    /// <summary>Largest-remainder apportionment of the people by agency weight; every agency gets at least one.</summary>
    private static int[] Allocate(IReadOnlyList<Agency> agencies, int people)
    {
        var total = agencies.Sum(a => a.Weight);
        var exact = agencies.Select(a => Math.Max(1.0, people * a.Weight / total)).ToArray();
        var counts = exact.Select(x => (int)Math.Floor(x)).ToArray();
        var remaining = people - counts.Sum();
        var byRemainder = Enumerable.Range(0, agencies.Count).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).ToList();
        for (var k = 0; remaining > 0; k = (k + 1) % byRemainder.Count, remaining--)
        {
            counts[byRemainder[k]]++;
        }

        for (var i = agencies.Count - 1; remaining < 0; i = (i + agencies.Count - 1) % agencies.Count)
        {
            if (counts[i] > 1)
            {
                counts[i]--;
                remaining++;
            }
        }

        return counts;
    }
}
