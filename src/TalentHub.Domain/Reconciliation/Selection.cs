namespace TalentHub.Domain.Reconciliation;

/// <summary>
/// One normalized result (a competency level or, with <see cref="PotentialCode"/>, an explicit potential) of one
/// agency's latest observation, with its method rule and staleness on the evaluation date.
/// </summary>
internal sealed record ResultCandidate(
    SourceRecord Source, string AssessmentId, string Method, DateOnly AssessedAt, string Code, decimal Score, int Level, MethodRule? Rule, bool Stale)
{
    public const string PotentialCode = "POTENTIAL";

    public bool ForDecisions => Rule is { UsedForTalentDecisions: true };

    public int Rank => Rule?.Rank ?? int.MaxValue;
}

/// <summary>The current result of a competency (or the potential): the result, whether it is stale, and the rule that chose it.</summary>
internal sealed record CurrentResult(ResultCandidate Result, bool Stale, string Rule);

/// <summary>Survivorship of results (docs/domain/reconciliation.md#current-competency-level): never dependent on the order in which they arrive.</summary>
internal static class Selection
{
    /// <summary>
    /// Stale (docs/domain/reconciliation.md#staleness) when the evaluation date is on or after assessedAt plus the method's
    /// validYears, in calendar years. A method the standard does not list is never stale (and never current).
    /// </summary>
    public static bool IsStale(MethodRule? rule, DateOnly assessedAt, DateOnly evaluationDate) =>
        rule is not null && evaluationDate >= Time.JakartaCalendar.YearsAfter(assessedAt, rule.ValidYears);

    /// <summary>
    /// Among non-stale talent-decision results: the lowest method rank, then the latest assessedAt, the higher score,
    /// the lower agency code, the lower assessment id. With none, the latest stale one (then the same keys), shown stale.
    /// </summary>
    public static CurrentResult? Current(IEnumerable<ResultCandidate> candidates)
    {
        ResultCandidate? fresh = null;
        ResultCandidate? stale = null;
        foreach (var candidate in candidates)
        {
            if (!candidate.ForDecisions)
            {
                continue;
            }

            if (!candidate.Stale)
            {
                fresh = fresh is null || ByRank(candidate, fresh) < 0 ? candidate : fresh;
            }
            else
            {
                stale = stale is null || ByRecency(candidate, stale) < 0 ? candidate : stale;
            }
        }

        return fresh is not null
            ? new CurrentResult(fresh, false, ProvenanceRules.MethodRank)
            : stale is not null ? new CurrentResult(stale, true, ProvenanceRules.LatestStale) : null;
    }

    /// <summary>Negative when a wins: rank, then recency, score, agency code, assessment id, level.</summary>
    public static int ByRank(ResultCandidate a, ResultCandidate b)
    {
        var byRank = a.Rank.CompareTo(b.Rank);
        return byRank != 0 ? byRank : ByRecency(a, b, rankChecked: true);
    }

    /// <summary>Negative when a wins: recency, then rank, score, agency code, assessment id, level.</summary>
    public static int ByRecency(ResultCandidate a, ResultCandidate b) => ByRecency(a, b, rankChecked: false);

    /// <summary>A total order for display: code, then assessedAt descending, agency code, assessment id.</summary>
    public static int ForDisplay(ResultCandidate a, ResultCandidate b)
    {
        var byCode = string.CompareOrdinal(a.Code, b.Code);
        if (byCode != 0)
        {
            return byCode;
        }

        var byDate = b.AssessedAt.CompareTo(a.AssessedAt);
        if (byDate != 0)
        {
            return byDate;
        }

        var byAgency = string.CompareOrdinal(a.Source.Agency, b.Source.Agency);
        return byAgency != 0 ? byAgency : Tail(a, b);
    }

    private static int ByRecency(ResultCandidate a, ResultCandidate b, bool rankChecked)
    {
        var byDate = b.AssessedAt.CompareTo(a.AssessedAt);
        if (byDate != 0)
        {
            return byDate;
        }

        if (!rankChecked)
        {
            var byRank = a.Rank.CompareTo(b.Rank);
            if (byRank != 0)
            {
                return byRank;
            }
        }

        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        var byAgency = string.CompareOrdinal(a.Source.Agency, b.Source.Agency);
        return byAgency != 0 ? byAgency : Tail(a, b);
    }

    private static int Tail(ResultCandidate a, ResultCandidate b)
    {
        var byId = string.CompareOrdinal(a.AssessmentId, b.AssessmentId);
        if (byId != 0)
        {
            return byId;
        }

        var byLevel = b.Level.CompareTo(a.Level);
        if (byLevel != 0)
        {
            return byLevel;
        }

        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : string.CompareOrdinal(a.Method, b.Method);
    }
}
