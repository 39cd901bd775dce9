using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Reconciliation;

/// <summary>A method of <c>methods.json</c> (docs/domain/normalization.md#methods): its rank (1 best), validity in calendar years, and whether it counts for talent decisions.</summary>
public sealed record MethodRule(int Rank, int ValidYears, bool UsedForTalentDecisions);

/// <summary>
/// The part of the national standard that reconciliation reads: methods, standard levels per position level (M1…M8,
/// SK1 → required level), the JPM thresholds (90, 78 by default) and the titles stripped before names are compared.
/// </summary>
public sealed record StandardSnapshot(
    IReadOnlyDictionary<string, MethodRule> Methods,
    IReadOnlyDictionary<PositionLevel, IReadOnlyDictionary<string, int>> StandardLevels,
    decimal OptimalThreshold,
    decimal CukupOptimalThreshold,
    IReadOnlyList<string> Titles);
