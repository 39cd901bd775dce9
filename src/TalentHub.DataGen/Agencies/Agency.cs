using TalentHub.Domain.Agencies;

namespace TalentHub.DataGen.Agencies;

/// <summary>
/// One agency of the dataset. <see cref="ProvinceCode"/> is its seat (central agencies: DKI Jakarta, 31);
/// <see cref="RegionNumber"/> is the two-digit regency or city number inside the province (0 for others).
/// </summary>
public sealed record Agency(string Code, string Name, AgencyKind Kind, string ProvinceCode, int RegionNumber, double Weight)
{
    /// <summary>The code without dashes, as agencies prefix their own scale codes (e.g. KAB3501-AC5).</summary>
    public string ShortCode => Code.Replace("-", string.Empty, StringComparison.Ordinal);
}

/// <summary>A selected agency with its share of the people and the agencies its people move to or also work for.</summary>
public sealed record PlannedAgency(int Index, Agency Agency, int FirstPerson, int People, IReadOnlyList<int> Partners);
