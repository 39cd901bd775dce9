using Dapper;
using Npgsql;
using TalentHub.Api.ReadRouting;
using TalentHub.Api.Http;
using TalentHub.Domain.Analytics;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Records;
using TalentHub.Domain.Stewardship;
using TalentHub.Domain.Time;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Analytics;

/// <summary>
/// Per-agency data-quality scorecards (05-api.md, Analytics) for a page of agencies: the figures of every agency of the
/// page in one set-based statement, and their calibration flags (03-normalization.md, Calibration) in one more.
/// </summary>
public sealed class DataQualityQueries(ReadRoute reads, TimeProvider clock)
{
    public const string ListName = "data-quality";

    private const string ScorecardsSql =
        """
        WITH candidates AS (
            SELECT code FROM agencies
            WHERE (@agency::text IS NULL OR code = @agency) AND (@after::text IS NULL OR code > @after) ORDER BY code LIMIT @limit + 1),
        page AS (SELECT code FROM candidates ORDER BY code LIMIT @limit),
        received AS (
            SELECT agency_code AS code, sum(received)::bigint AS received, sum(accepted)::bigint AS accepted,
                   sum(pending_mapping)::bigint AS pending, sum(rejected)::bigint AS rejected
            FROM submissions WHERE agency_code IN (SELECT code FROM page) GROUP BY agency_code),
        people AS (
            SELECT employing_agency AS code, count(*) AS active, count(*) FILTER (WHERE complete) AS complete
            FROM profiles WHERE employing_agency IN (SELECT code FROM page) AND status = @active AND merged_into IS NULL
            GROUP BY employing_agency),
        freshness AS (
            SELECT code, percentile_cont(0.5) WITHIN GROUP (ORDER BY age) AS median FROM (
                SELECT p.employing_agency AS code, @today::date - max(s.received_at AT TIME ZONE 'Asia/Jakarta')::date AS age
                FROM profiles p JOIN normalized_records n ON n.nip = p.nip JOIN submissions s ON s.id = n.submission_id
                WHERE p.employing_agency IN (SELECT code FROM page) AND p.status = @active AND p.merged_into IS NULL
                GROUP BY p.employing_agency, p.nip) ages
            GROUP BY code),
        conflicts AS (
            SELECT p.employing_agency AS code, count(*) AS open_count FROM conflicts c JOIN profiles p ON p.nip = c.nip
            WHERE p.employing_agency IN (SELECT code FROM page) AND c.status = @open GROUP BY p.employing_agency),
        unmapped AS (
            SELECT agency_code AS code, count(*) AS items FROM (
                SELECT DISTINCT agency_code, kind, scale_code, canonical_value FROM pending_mappings WHERE agency_code IN (SELECT code FROM page)) items
            GROUP BY agency_code)
        SELECT page.code, coalesce(r.received, 0) AS received, coalesce(r.accepted, 0) AS accepted, coalesce(r.pending, 0) AS pending,
               coalesce(r.rejected, 0) AS rejected, coalesce(p.active, 0) AS active, coalesce(p.complete, 0) AS complete,
               f.median AS freshness, coalesce(c.open_count, 0) AS openconflicts, coalesce(u.items, 0) AS unmapped,
               (SELECT count(*) FROM candidates) > @limit AS more
        FROM page
        LEFT JOIN received r USING (code) LEFT JOIN people p USING (code) LEFT JOIN freshness f USING (code)
        LEFT JOIN conflicts c USING (code) LEFT JOIN unmapped u USING (code)
        ORDER BY page.code
        """;

    /// <summary>
    /// Every (method, position level, competency) cell with at least @minimum of an agency's people, with the agency's
    /// people and everyone else's per level: the nation's (from the per-method rollup) less the agency's.
    /// </summary>
    private const string CalibrationSql =
        """
        WITH agency AS (
            SELECT agency_code, method, position_level, competency_code, level, sum(people)::bigint AS people
            FROM competency_level_counts WHERE agency_code = ANY(@codes) GROUP BY 1, 2, 3, 4, 5),
        cells AS (
            SELECT agency_code, method, position_level, competency_code FROM agency GROUP BY 1, 2, 3, 4 HAVING sum(people) >= @minimum),
        nation AS (
            SELECT group_code AS method, position_level, competency_code, sum(level1)::bigint AS level1, sum(level2)::bigint AS level2,
                   sum(level3)::bigint AS level3, sum(level4)::bigint AS level4, sum(level5)::bigint AS level5
            FROM competency_rollup_counts WHERE rollup = @rollup GROUP BY 1, 2, 3)
        SELECT c.agency_code AS agency, c.method, c.position_level AS positionlevel, c.competency_code AS competency, l.level,
               coalesce(a.people, 0) AS agencypeople, l.people - coalesce(a.people, 0) AS otherpeople
        FROM cells c
        JOIN nation n ON n.method = c.method AND n.position_level = c.position_level AND n.competency_code = c.competency_code
        CROSS JOIN LATERAL (VALUES (1, n.level1), (2, n.level2), (3, n.level3), (4, n.level4), (5, n.level5)) AS l(level, people)
        LEFT JOIN agency a ON a.agency_code = c.agency_code AND a.method = c.method AND a.position_level = c.position_level
                          AND a.competency_code = c.competency_code AND a.level = l.level
        """;

    public async Task<Page<Scorecard>> ReadAsync(string? agencyCode, string? after, int limit, CancellationToken cancellationToken)
    {
        var today = JakartaCalendar.DateOf(clock.GetUtcNow());
        await using var connection = await reads.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ScorecardRow>(new CommandDefinition(
            ScorecardsSql,
            new { agency = agencyCode, after, limit, today = today.ToDateTime(TimeOnly.MinValue), active = PersonStatuses.Active, open = ConflictStatuses.Open },
            cancellationToken: cancellationToken))).ToList();
        var calibration = await CalibrationAsync(connection, [.. rows.Select(r => r.Code)], cancellationToken);
        var cards = rows.Select(r => new Scorecard(
            r.Code, r.Received, Share(r.Accepted, r.Received), Share(r.Pending, r.Received), Share(r.Rejected, r.Received), r.Active,
            Share(r.Complete, r.Active), r.Freshness is { } days ? HalfUp.ToHundredths((decimal)days) : null, r.OpenConflicts, r.Unmapped,
            calibration.GetValueOrDefault(r.Code) ?? [])).ToList();
        var next = rows is [.., { More: true } last] ? PageRequest.Encode(ListName, [last.Code]) : null;
        return new Page<Scorecard>(cards, next);
    }

    private static async Task<Dictionary<string, IReadOnlyList<CalibrationFlag>>> CalibrationAsync(
        NpgsqlConnection connection, string[] agencyCodes, CancellationToken cancellationToken)
    {
        if (agencyCodes.Length == 0)
        {
            return [];
        }

        var rows = await connection.QueryAsync<CalibrationRow>(new CommandDefinition(
            CalibrationSql, new { codes = agencyCodes, minimum = Calibration.MinimumPeople, rollup = CompetencyRollups.Method }, cancellationToken: cancellationToken));
        return rows
            .GroupBy(r => r.Agency, StringComparer.Ordinal)
            .ToDictionary(agency => agency.Key, agency => Flags(agency), StringComparer.Ordinal);
    }

    /// <summary>An agency's flags in (method, position level, competency) order, for the cells the test can compare.</summary>
    private static IReadOnlyList<CalibrationFlag> Flags(IEnumerable<CalibrationRow> rows)
    {
        var counts = new SortedDictionary<(string Method, string Level, string Competency), (long[] Agency, long[] Others)>();
        foreach (var row in rows)
        {
            var key = (row.Method, row.PositionLevel, row.Competency);
            if (!counts.TryGetValue(key, out var cell))
            {
                counts[key] = cell = (new long[5], new long[5]);
            }

            cell.Agency[row.Level - 1] = row.AgencyPeople;
            cell.Others[row.Level - 1] = row.OtherPeople;
        }

        return [.. counts
            .Select(c => (c.Key, Result: Calibration.Compare(c.Value.Agency, c.Value.Others)))
            .Where(c => c.Result is not null)
            .Select(c => new CalibrationFlag(
                c.Key.Method, c.Key.Level, c.Key.Competency, c.Result!.AgencyCount, c.Result.OthersCount, c.Result.AgencyMean, c.Result.OthersMean,
                c.Result.MeanDifference, c.Result.D, c.Result.PValue, c.Result.Flagged))];
    }

    private static decimal Share(long part, long whole) => whole == 0 ? 0 : HalfUp.ToTenThousandths((decimal)part / whole);

    private sealed record ScorecardRow(
        string Code, long Received, long Accepted, long Pending, long Rejected, long Active, long Complete, double? Freshness, long OpenConflicts,
        long Unmapped, bool More);

    private sealed record CalibrationRow(string Agency, string Method, string PositionLevel, string Competency, int Level, long AgencyPeople, long OtherPeople);
}
