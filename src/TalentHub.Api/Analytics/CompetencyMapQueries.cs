using Dapper;
using TalentHub.Api.ReadRouting;
using TalentHub.Domain.Analytics;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Analytics;

/// <summary>
/// The competency map (01-standard.md) from counted levels, against the standard of each position level (a technical
/// competency's standard is the level's technical default). National groupings read the rollups the profile triggers
/// keep per agency, province and method (a few hundred thousand rows at national size); only an agency's map by
/// province needs the full cells, and reads that agency's alone.
/// </summary>
public sealed class CompetencyMapQueries(ReadRoute reads)
{
    public async Task<CompetencyMapResponse> ReadAsync(MapGrouping grouping, string? agencyCode, string? competency, CancellationToken cancellationToken)
    {
        var sql = grouping == MapGrouping.Province && agencyCode is not null ? AgencyCellsByProvinceSql : RollupSql(grouping, agencyCode is not null);
        await using var connection = await reads.DataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LevelsRow>(new CommandDefinition(
            sql, new { rollup = RollupOf(grouping, agencyCode is not null), agency = agencyCode, competency }, cancellationToken: cancellationToken));
        var map = CompetencyMap.Build(rows.SelectMany(row => row.Cells()));
        return new CompetencyMapResponse(UpperSnakeCase.Of(grouping), agencyCode, competency, map.Groups, map.NationalRanking);
    }

    /// <summary>An agency's own figures come from its row of the agency rollup; national ones by province or position level from the smaller rollups.</summary>
    private static string RollupOf(MapGrouping grouping, bool oneAgency) => grouping switch
    {
        MapGrouping.Province => CompetencyRollups.Province,
        MapGrouping.PositionLevel when !oneAgency => CompetencyRollups.Method,
        _ => CompetencyRollups.Agency,
    };

    private const string Standard =
        """
        JOIN position_levels pl ON pl.position_level = c.position_level
        LEFT JOIN standard_levels s ON s.position_level = c.position_level AND s.competency_code = c.competency_code
        """;

    private static string RollupSql(MapGrouping grouping, bool oneAgency)
    {
        // One of three fixed column expressions, never caller text.
        var group = grouping switch
        {
            MapGrouping.AgencyType => "coalesce(a.kind, '')",
            MapGrouping.PositionLevel => "c.position_level",
            _ => "c.group_code",
        };
        return $"""
            SELECT {group} AS "group", c.competency_code AS competency, coalesce(s.level, pl.technical_default)::int AS standardlevel,
                   sum(c.level1)::bigint AS level1, sum(c.level2)::bigint AS level2, sum(c.level3)::bigint AS level3,
                   sum(c.level4)::bigint AS level4, sum(c.level5)::bigint AS level5
            FROM competency_rollup_counts c
            {Standard}
            {(grouping == MapGrouping.AgencyType ? "LEFT JOIN agencies a ON a.code = c.group_code" : "")}
            WHERE c.rollup = @rollup {(oneAgency ? "AND c.group_code = @agency" : "")}
              AND (@competency::text IS NULL OR c.competency_code = @competency)
            GROUP BY 1, 2, 3
            """;
    }

    private const string AgencyCellsByProvinceSql =
        $"""
        SELECT c.province_code AS "group", c.competency_code AS competency, coalesce(s.level, pl.technical_default)::int AS standardlevel,
               coalesce(sum(c.people) FILTER (WHERE c.level = 1), 0)::bigint AS level1, coalesce(sum(c.people) FILTER (WHERE c.level = 2), 0)::bigint AS level2,
               coalesce(sum(c.people) FILTER (WHERE c.level = 3), 0)::bigint AS level3, coalesce(sum(c.people) FILTER (WHERE c.level = 4), 0)::bigint AS level4,
               coalesce(sum(c.people) FILTER (WHERE c.level = 5), 0)::bigint AS level5
        FROM competency_level_counts c
        {Standard}
        WHERE c.agency_code = @agency AND (@competency::text IS NULL OR c.competency_code = @competency)
        GROUP BY 1, 2, 3
        """;

    /// <summary>The people of one group and competency at each level 1–5, all against one standard level.</summary>
    private sealed record LevelsRow(string Group, string Competency, int StandardLevel, long Level1, long Level2, long Level3, long Level4, long Level5)
    {
        public IEnumerable<MapCell> Cells()
        {
            long[] counts = [Level1, Level2, Level3, Level4, Level5];
            for (var level = 1; level <= counts.Length; level++)
            {
                if (counts[level - 1] > 0)
                {
                    yield return new MapCell(Group, Competency, level, StandardLevel, counts[level - 1]);
                }
            }
        }
    }
}
