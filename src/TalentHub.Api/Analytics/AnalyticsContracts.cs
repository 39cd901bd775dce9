using TalentHub.Domain.Analytics;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Standard;

namespace TalentHub.Api.Analytics;

public sealed record NineBoxCell(int Box, long People, string Recommendation, string Members);

public sealed record UnplacedCell(long People, IReadOnlyDictionary<string, long> ByReason, string Members);

public sealed record NineBoxResponse(string? AgencyCode, string? PositionLevel, string? Province, long ActivePeople, IReadOnlyList<NineBoxCell> Boxes, UnplacedCell Unplaced);

public sealed record GapsResponse(decimal Value, string Category, IReadOnlyDictionary<string, int> Gaps, int GapCount, bool Incomplete)
{
    public static GapsResponse Of(JpmResult jpm) => new(jpm.Value, UpperSnakeCase.Of(jpm.Category), jpm.Gaps, jpm.GapCount, jpm.Incomplete);
}

public sealed record PoolMemberResponse(
    int Rank, string Nip, string Name, string? AgencyCode, string? WorkProvince, string PositionLevel, int Box, DateOnly LevelSince, int YearsAtLevel,
    string PredikatLastYear, GapsResponse JpmAgainstTarget);

public sealed record PoolResponse(string TargetLevel, DateOnly EvaluationDate, IReadOnlyList<string> FeederLevels, string? AgencyCode, IReadOnlyList<PoolMemberResponse> Items, string? NextCursor);

public sealed record DestinationResponse(
    string Kind, Guid? VacancyId, string? HolderNip, string AgencyCode, string? ProvinceCode, string PositionLevel, string? Title, string? Unit,
    decimal FitShare, int RequiredMet, int RequiredCount, bool DifferentProvince);

public sealed record RotationCandidateResponse(
    string Nip, string Name, string AgencyCode, string? WorkProvince, string PositionLevel, string Status, DateOnly PositionSince,
    int TenureYears, int TenureDays, int? Box, string? PerformanceClass, GapsResponse? Jpm, IReadOnlyList<DestinationResponse> Destinations);

public sealed record RotationResponse(DateOnly AsOf, string? Level, string? AgencyCode, IReadOnlyList<RotationCandidateResponse> Items, string? NextCursor);

public sealed record CompetencyMapResponse(string GroupBy, string? AgencyCode, string? Competency, IReadOnlyList<GroupStats> Groups, IReadOnlyList<RankedCompetency> NationalRanking);

public sealed record CalibrationFlag(
    string Method, string PositionLevel, string Competency, int AgencyPeople, int OtherPeople, decimal AgencyMean, decimal OthersMean,
    decimal MeanDifference, decimal D, decimal PValue, bool Flagged);

public sealed record Scorecard(
    string AgencyCode, long RecordsReceived, decimal ShareAccepted, decimal SharePendingMapping, decimal ShareRejected, long ActivePeople,
    decimal Completeness, decimal? FreshnessMedianDays, long OpenConflicts, long UnmappedItems, IReadOnlyList<CalibrationFlag> Calibration);

/// <summary>The groupings of the competency map (05-api.md, Analytics).</summary>
public enum MapGrouping
{
    Agency,
    Province,
    AgencyType,
    PositionLevel,
}
