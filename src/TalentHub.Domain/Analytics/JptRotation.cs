using TalentHub.Domain.Normalization;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Analytics;

/// <summary>The status of a JPT rotation candidate (wire form DUE, ELIGIBLE).</summary>
public enum RotationStatus
{
    Due,
    Eligible,
}

/// <summary>The kind of an open position; declared vacancies rank before the positions of DUE holders.</summary>
public enum DestinationKind
{
    Vacancy,
    DueHolderPosition,
}

/// <summary>An open position of a JPT level, with the technical competencies (code → level) it requires.</summary>
public sealed record Destination(
    DestinationKind Kind,
    string Id,
    string AgencyCode,
    string? Province,
    PositionLevel Level,
    IReadOnlyDictionary<string, int> RequiredTechnical);

/// <summary>
/// A destination for one candidate: the share of required competencies met (rounded half up to 4 decimals), the
/// counts it comes from, and whether it lies in another province than the candidate's work province.
/// </summary>
public sealed record RankedDestination(Destination Destination, decimal FitShare, int RequiredMet, int RequiredCount, bool DifferentProvince);

/// <summary>National JPT rotation (docs/domain/analytics.md#jpt-rotation): DUE and ELIGIBLE holders, and their destinations.</summary>
public static class JptRotation
{
    /// <summary>Years in the same position from which a holder is DUE.</summary>
    public const int DueYears = 5;

    /// <summary>Years in the same position from which a holder may be ELIGIBLE.</summary>
    public const int EligibleYears = 2;

    public static bool IsJpt(PositionLevel level) => level is PositionLevel.JptUtama or PositionLevel.JptMadya or PositionLevel.JptPratama;

    /// <summary>
    /// DUE from 5 years in the position whatever the performance and JPM; otherwise ELIGIBLE from 2 years with
    /// performance SESUAI or DI_ATAS and JPM category OPTIMAL or CUKUP_OPTIMAL; null for anyone else, or when the
    /// person is not an ACTIVE JPT holder with a known position start.
    /// </summary>
    public static RotationStatus? StatusOf(bool active, PositionLevel? level, DateOnly? positionSince, PerformanceClass? performance, JpmCategory? jpmCategory, DateOnly asOf)
    {
        if (!active || level is not { } jpt || !IsJpt(jpt) || positionSince is not { } since)
        {
            return null;
        }

        if (Tenure.Reached(since, asOf, DueYears))
        {
            return RotationStatus.Due;
        }

        return Tenure.Reached(since, asOf, EligibleYears)
            && performance is PerformanceClass.Sesuai or PerformanceClass.DiAtas
            && jpmCategory is JpmCategory.Optimal or JpmCategory.CukupOptimal
            ? RotationStatus.Eligible
            : null;
    }

    /// <summary>
    /// Destinations of the candidate's level in other agencies (agency codes compared ordinally), ranked by the exact
    /// share of required technical competencies met (1 when none are required), another province before the same one
    /// (an unknown province on either side counts as the same), vacancies before DUE holders' positions, then agency
    /// code and id (ordinal); the first <paramref name="limit"/>.
    /// </summary>
    public static IReadOnlyList<RankedDestination> RankDestinations(
        string candidateAgency,
        string? candidateProvince,
        PositionLevel candidateLevel,
        IReadOnlyDictionary<string, int> candidateLevels,
        IEnumerable<Destination> destinations,
        int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return
        [
            .. destinations
                .Where(d => d.Level == candidateLevel && !string.Equals(d.AgencyCode, candidateAgency, StringComparison.Ordinal))
                .Select(d => Score(d, candidateProvince, candidateLevels))
                .OrderBy(r => r, Comparer<RankedDestination>.Create(Compare))
                .Take(limit),
        ];
    }

    private static RankedDestination Score(Destination destination, string? candidateProvince, IReadOnlyDictionary<string, int> candidateLevels)
    {
        var required = destination.RequiredTechnical.Count;
        var met = destination.RequiredTechnical.Count(r => candidateLevels.TryGetValue(r.Key, out var level) && level >= r.Value);
        var share = required == 0 ? 1m : HalfUp.ToTenThousandths((decimal)met / required);
        var differentProvince = candidateProvince is not null && destination.Province is not null
            && !string.Equals(candidateProvince, destination.Province, StringComparison.Ordinal);
        return new RankedDestination(destination, share, met, required, differentProvince);
    }

    /// <summary>Negative when a ranks first. The share is compared exactly (met₁·required₂ against met₂·required₁), not rounded.</summary>
    private static int Compare(RankedDestination a, RankedDestination b)
    {
        var (metA, requiredA) = a.RequiredCount == 0 ? (1L, 1L) : (a.RequiredMet, a.RequiredCount);
        var (metB, requiredB) = b.RequiredCount == 0 ? (1L, 1L) : (b.RequiredMet, b.RequiredCount);
        var byShare = (metB * requiredA).CompareTo(metA * requiredB);
        if (byShare != 0)
        {
            return byShare;
        }

        var byProvince = b.DifferentProvince.CompareTo(a.DifferentProvince);
        if (byProvince != 0)
        {
            return byProvince;
        }

        var byKind = a.Destination.Kind.CompareTo(b.Destination.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byAgency = string.CompareOrdinal(a.Destination.AgencyCode, b.Destination.AgencyCode);
        return byAgency != 0 ? byAgency : string.CompareOrdinal(a.Destination.Id, b.Destination.Id);
    }
}
