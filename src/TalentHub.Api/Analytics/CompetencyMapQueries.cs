using System.Data;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Api.ReadRouting;
using TalentHub.Domain.Analytics;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Analytics;

/// <summary>
/// The competency map (01-standard.md) from counted levels, against the standard of each position level (a technical
/// competency's standard is the level's technical default). National groupings read the rollups the profile triggers
/// keep per agency, province and method (a few hundred thousand rows at national size); only an agency's map by
/// province needs the full cells, and reads that agency's alone. The rows are read as stored and added up here, per
/// group, competency and standard level: grouping them in SQL (joined to the standard per row) cost seconds at national
/// size, while the standard and the agencies' kinds are a few hundred rows read in the same snapshot.
/// </summary>
public sealed class CompetencyMapQueries(ReadRoute reads)
{
    private const string StandardSql =
        """
        SELECT pl.position_level, pl.technical_default, s.competency_code, s.level
        FROM position_levels pl LEFT JOIN standard_levels s ON s.position_level = pl.position_level
        """;

    private const string AgencyKindsSql = "SELECT code, coalesce(kind, '') FROM agencies";

    private const string RollupRowsSql =
        """
        SELECT group_code, position_level, competency_code, level1, level2, level3, level4, level5
        FROM competency_rollup_counts
        WHERE rollup = @rollup AND (@agency::text IS NULL OR group_code = @agency)
          AND (@competency::text IS NULL OR competency_code = @competency)
        """;

    private const string AgencyCellsByProvinceSql =
        """
        SELECT province_code, position_level, competency_code,
               coalesce(sum(people) FILTER (WHERE level = 1), 0)::bigint, coalesce(sum(people) FILTER (WHERE level = 2), 0)::bigint,
               coalesce(sum(people) FILTER (WHERE level = 3), 0)::bigint, coalesce(sum(people) FILTER (WHERE level = 4), 0)::bigint,
               coalesce(sum(people) FILTER (WHERE level = 5), 0)::bigint
        FROM competency_level_counts
        WHERE agency_code = @agency AND (@competency::text IS NULL OR competency_code = @competency)
        GROUP BY 1, 2, 3
        """;

    private const int Levels = 5;

    public async Task<CompetencyMapResponse> ReadAsync(MapGrouping grouping, string? agencyCode, string? competency, CancellationToken cancellationToken)
    {
        await using var connection = await reads.DataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for the standard, the agencies' kinds and the counts. No JIT: compiling a scan of a few hundred
        // thousand rows cost about as much as running it. No sequential scan: once a national load is folded, most of
        // the rollup table is free space, which the index of the rollup skips (the planner, costing pages, did not).
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var settings = new NpgsqlCommand("SET LOCAL jit = off; SET LOCAL enable_seqscan = off", connection, transaction))
        {
            await settings.ExecuteNonQueryAsync(cancellationToken);
        }

        var standard = await StandardAsync(connection, transaction, cancellationToken);
        var kinds = grouping == MapGrouping.AgencyType ? await AgencyKindsAsync(connection, transaction, cancellationToken) : null;

        var byProvinceOfAgency = grouping == MapGrouping.Province && agencyCode is not null;
        await using var command = new NpgsqlCommand(byProvinceOfAgency ? AgencyCellsByProvinceSql : RollupRowsSql, connection, transaction);
        command.Parameters.AddWithValue("rollup", RollupOf(grouping, agencyCode is not null));
        command.Parameters.Add(new NpgsqlParameter("agency", NpgsqlDbType.Text) { Value = (object?)agencyCode ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("competency", NpgsqlDbType.Text) { Value = (object?)competency ?? DBNull.Value });

        // Per group, competency and standard level: the people at each level 1–5, summed over the rows (and shards).
        var sums = new Dictionary<(string Group, string Competency, int StandardLevel), long[]>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var positionLevel = reader.GetString(1);
                var competencyCode = reader.GetString(2);
                if (!standard.TryGetValue(positionLevel, out var ofLevel))
                {
                    continue;
                }

                var group = grouping switch
                {
                    MapGrouping.AgencyType => kinds!.GetValueOrDefault(reader.GetString(0), ""),
                    MapGrouping.PositionLevel => positionLevel,
                    _ => reader.GetString(0),
                };
                var key = (group, competencyCode, ofLevel.LevelOf(competencyCode));
                if (!sums.TryGetValue(key, out var counts))
                {
                    sums[key] = counts = new long[Levels];
                }

                for (var level = 0; level < Levels; level++)
                {
                    counts[level] += reader.GetInt64(3 + level);
                }
            }
        }

        await transaction.CommitAsync(cancellationToken);
        var map = CompetencyMap.Build(sums.SelectMany(sum => Enumerable.Range(1, Levels)
            .Where(level => sum.Value[level - 1] > 0)
            .Select(level => new MapCell(sum.Key.Group, sum.Key.Competency, level, sum.Key.StandardLevel, sum.Value[level - 1]))));
        return new CompetencyMapResponse(UpperSnakeCase.Of(grouping), agencyCode, competency, map.Groups, map.NationalRanking);
    }

    /// <summary>An agency's own figures come from its rows of the agency rollup; national ones by province or position level from the smaller rollups.</summary>
    private static string RollupOf(MapGrouping grouping, bool oneAgency) => grouping switch
    {
        MapGrouping.Province => CompetencyRollups.Province,
        MapGrouping.PositionLevel when !oneAgency => CompetencyRollups.Method,
        _ => CompetencyRollups.Agency,
    };

    /// <summary>Each position level's standard: per competency where the standard names one, else the level's technical default.</summary>
    private static async Task<Dictionary<string, LevelStandard>> StandardAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var standard = new Dictionary<string, LevelStandard>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(StandardSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var positionLevel = reader.GetString(0);
            if (!standard.TryGetValue(positionLevel, out var ofLevel))
            {
                standard[positionLevel] = ofLevel = new LevelStandard(reader.GetInt32(1), new Dictionary<string, int>(StringComparer.Ordinal));
            }

            if (!reader.IsDBNull(2))
            {
                ofLevel.PerCompetency[reader.GetString(2)] = reader.GetInt32(3);
            }
        }

        return standard;
    }

    private static async Task<Dictionary<string, string>> AgencyKindsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var kinds = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(AgencyKindsSql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            kinds[reader.GetString(0)] = reader.GetString(1);
        }

        return kinds;
    }

    private sealed record LevelStandard(int TechnicalDefault, Dictionary<string, int> PerCompetency)
    {
        public int LevelOf(string competency) => PerCompetency.GetValueOrDefault(competency, TechnicalDefault);
    }
}
