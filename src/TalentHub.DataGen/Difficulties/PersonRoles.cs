using TalentHub.DataGen.Agencies;
using TalentHub.DataGen.People;

namespace TalentHub.DataGen.Difficulties;

/// <summary>
/// Which difficulty each person carries, decided from (seed, person) alone, cheaply, so that an agency can find the
/// people of its partners who also appear in its own file without generating anyone else.
/// Invalid records are every <see cref="InvalidPeriod"/>-th person (1 %, or more in a dataset too small to hold one
/// record of each kind), their kinds taken in turn so that every error code occurs.
/// </summary>
public sealed class PersonRoles(ulong seed, int totalPeople)
{
    public const double InvalidRate = 0.01;
    public const double MoverRate = 0.03;
    public const double ConcurrentRate = 0.006;
    public const double DuplicateRate = 0.003;
    public const double FormerPppkRate = 0.01;

    private static readonly int KindCount = Enum.GetValues<DefectKind>().Length;

    public int InvalidPeriod { get; } = Math.Clamp(totalPeople / (KindCount + 1), 2, (int)Math.Round(1 / InvalidRate));

    public PersonRole RoleOf(int person)
    {
        if (person % InvalidPeriod == InvalidPeriod / 2)
        {
            return PersonRole.Invalid;
        }

        // The other rates are shares of all people, so they are scaled up to the people left after the invalid ones.
        var u = Prng.Uniform(seed, Purpose.PersonRole, person) * (1 - (1.0 / InvalidPeriod));
        return u switch
        {
            < MoverRate => PersonRole.Mover,
            < MoverRate + ConcurrentRate => PersonRole.Concurrent,
            < MoverRate + ConcurrentRate + DuplicateRate => PersonRole.Duplicate,
            < MoverRate + ConcurrentRate + DuplicateRate + FormerPppkRate => PersonRole.FormerPppk,
            _ => PersonRole.Regular,
        };
    }

    public DefectKind DefectOf(int person) => (DefectKind)(person / InvalidPeriod % KindCount);

    public static bool HasPartner(PersonRole role) => role is PersonRole.Mover or PersonRole.Concurrent or PersonRole.Duplicate;

    public int PartnerOf(int person, PlannedAgency home) =>
        home.Partners[(int)(Prng.Hash(seed, Purpose.PersonPartner, person) % (ulong)home.Partners.Count)];
}
