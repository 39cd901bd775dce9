using System.Globalization;
using Dapper;
using TalentHub.Api.ReadRouting;
using TalentHub.Api.Http;
using TalentHub.Domain.Analytics;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Records;
using TalentHub.Domain.Standard;
using TalentHub.Domain.Time;
using TalentHub.Infrastructure.Reconciliation;

namespace TalentHub.Api.Analytics;

/// <summary>The ranked succession pool (KRS) of a target level from the profiles' analytics columns: boxes 7–9 of its feeder levels.</summary>
public sealed class SuccessionPoolQueries(ReadRoute reads, StandardStore standards, TimeProvider clock)
{
    public const string ListName = "succession-pool";

    private const string FeedersSql = "SELECT feeders FROM position_levels WHERE position_level = @level";

    private const string CandidatesSql =
        """
        SELECT nip, name, employing_agency AS agency, work_province AS province, position_level AS positionlevel, box,
               level_since AS levelsince, analytics::text AS analytics
        FROM profiles
        WHERE merged_into IS NULL AND status = @active AND box IN (7, 8, 9) AND position_level = ANY(@feeders)
          AND (@agency::text IS NULL OR employing_agency = @agency)
        """;

    public async Task<PoolResponse> ReadAsync(PositionLevel target, string? agencyCode, PoolRankKey? after, int limit, CancellationToken cancellationToken)
    {
        var standard = await standards.LoadAsync(cancellationToken);
        var today = JakartaCalendar.DateOf(clock.GetUtcNow());
        await using var connection = await reads.DataSource.OpenConnectionAsync(cancellationToken);
        var feederCodes = await connection.ExecuteScalarAsync<string[]?>(new CommandDefinition(
            FeedersSql, new { level = UpperSnakeCase.Of(target) }, cancellationToken: cancellationToken)) ?? [];
        var feeders = feederCodes.Select(f => UpperSnakeCase.TryParse<PositionLevel>(f, out var level) ? level : (PositionLevel?)null).OfType<PositionLevel>().ToHashSet();
        var rows = (await connection.QueryAsync<CandidateRow>(new CommandDefinition(
                CandidatesSql,
                new { active = PersonStatuses.Active, feeders = feeders.Select(UpperSnakeCase.Of).ToArray(), agency = agencyCode },
                cancellationToken: cancellationToken)))
            .ToDictionary(r => r.Nip, StringComparer.Ordinal);
        var candidates = rows.Values.Select(r =>
        {
            var (levels, predikatByYear) = AnalyticsFactsJson.Read(r.Analytics);
            return new PoolCandidate(
                r.Nip, true, UpperSnakeCase.TryParse<PositionLevel>(r.PositionLevel, out var level) ? level : null, r.Box,
                r.LevelSince, predikatByYear, levels);
        }).ToList();

        var required = standard.StandardLevels.GetValueOrDefault(target) ?? new Dictionary<string, int>();
        var ranked = SuccessionPools.Rank(candidates, feeders, required, standard.OptimalThreshold, standard.CukupOptimalThreshold, today);
        var start = after is { } afterKey ? ranked.TakeWhile(m => m.RankKey.CompareTo(afterKey) <= 0).Count() : 0;
        var members = ranked.Skip(start).Take(limit).Select((m, i) =>
        {
            var row = rows[m.Candidate.Nip];
            var since = m.Candidate.LevelSince!.Value;
            return new PoolMemberResponse(
                start + i + 1, m.Candidate.Nip, row.Name, row.Agency, row.Province, UpperSnakeCase.Of(m.Candidate.PositionLevel!.Value), m.Candidate.Box!.Value,
                since, Tenure.CompletedYears(since, today), UpperSnakeCase.Of(m.PredikatLastYear), GapsResponse.Of(m.JpmAgainstTarget));
        }).ToList();
        string? next = null;
        if (start + limit < ranked.Count)
        {
            var last = ranked[start + limit - 1].RankKey;
            next = PageRequest.Encode(ListName, [
                last.Box.ToString(CultureInfo.InvariantCulture), last.Jpm.ToString(CultureInfo.InvariantCulture),
                ((int)last.PredikatLastYear).ToString(CultureInfo.InvariantCulture), last.Nip]);
        }

        return new PoolResponse(UpperSnakeCase.Of(target), today, [.. feeders.Select(UpperSnakeCase.Of).Order(StringComparer.Ordinal)], agencyCode, members, next);
    }

    /// <summary>The pool's cursor: the last member's rank key (box, JPM, predikat of last year, NIP); null when it is not one this list issued.</summary>
    public static PoolRankKey? ParseCursor(IReadOnlyList<string> key) =>
        key is [var box, var jpm, var predikat, var nip]
        && int.TryParse(box, NumberStyles.None, CultureInfo.InvariantCulture, out var afterBox)
        && decimal.TryParse(jpm, NumberStyles.Number, CultureInfo.InvariantCulture, out var afterJpm)
        && int.TryParse(predikat, NumberStyles.None, CultureInfo.InvariantCulture, out var afterPredikat)
        && Enum.IsDefined((Predikat)afterPredikat)
            ? new PoolRankKey(afterBox, afterJpm, (Predikat)afterPredikat, nip)
            : null;

    /// <summary>Mapped by property: Dapper then converts the date column to <see cref="DateOnly"/> whichever type the driver reads it as.</summary>
    private sealed class CandidateRow
    {
        public string Nip { get; init; } = "";
        public string Name { get; init; } = "";
        public string? Agency { get; init; }
        public string? Province { get; init; }
        public string PositionLevel { get; init; } = "";
        public int Box { get; init; }
        public DateOnly? LevelSince { get; init; }
        public string? Analytics { get; init; }
    }
}
