using Dapper;
using TalentHub.Api.ReadRouting;
using TalentHub.Domain.Analytics;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Records;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Analytics;

/// <summary>
/// The 9-box from the counts the profile triggers keep (summed over their shards), never from profiles. The national
/// 9-box adds the fold's national totals of the folded rows to the shard rows not folded yet, in one snapshot: the same
/// sum as over every cell, from a few rows once the fold has run.
/// </summary>
public sealed class NineBoxQueries(ReadRoute reads)
{
    private static readonly string NationalSql =
        $"""
        SELECT box, unplaced, sum(people)::bigint AS people
        FROM (SELECT box, unplaced, people FROM nine_box_national_counts
              UNION ALL
              SELECT box, unplaced, people FROM nine_box_counts WHERE shard <> {CounterShards.Folded}) counted
        GROUP BY box, unplaced HAVING sum(people) <> 0
        """;

    private const string CountsSql =
        """
        SELECT box, unplaced, sum(people)::bigint AS people FROM nine_box_counts
        WHERE (@agency::text IS NULL OR agency_code = @agency) AND (@level::text IS NULL OR position_level = @level)
          AND (@province::text IS NULL OR province_code = @province)
        GROUP BY box, unplaced HAVING sum(people) <> 0
        """;

    public async Task<NineBoxResponse> ReadAsync(string? agencyCode, string? positionLevel, string? province, CancellationToken cancellationToken)
    {
        await using var connection = await reads.DataSource.OpenConnectionAsync(cancellationToken);
        var national = agencyCode is null && positionLevel is null && province is null;
        var rows = await connection.QueryAsync<CountRow>(new CommandDefinition(
            national ? NationalSql : CountsSql, new { agency = agencyCode, level = positionLevel, province }, cancellationToken: cancellationToken));
        var perBox = new long[10];
        var byReason = new SortedDictionary<string, long>(StringComparer.Ordinal) { [NineBox.InsufficientJpm] = 0, [NineBox.NoPerformance] = 0 };
        foreach (var row in rows)
        {
            perBox[row.Box] += row.People;
            if (row.Box == 0)
            {
                foreach (var reason in row.Unplaced.Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    byReason[reason] = byReason.GetValueOrDefault(reason) + row.People;
                }
            }
        }

        var filter = MembersFilter(agencyCode, positionLevel, province);
        var boxes = Enumerable.Range(1, 9)
            .Select(box => new NineBoxCell(box, perBox[box], NineBoxGuidance.RecommendationOf(box), $"/api/v1/profiles?status={PersonStatuses.Active}&box={box}{filter}"))
            .ToList();
        return new NineBoxResponse(
            agencyCode, positionLevel, province, perBox.Sum(), boxes,
            new UnplacedCell(perBox[0], byReason, $"/api/v1/profiles?status={PersonStatuses.Active}&unplaced=true{filter}"));
    }

    private static string MembersFilter(string? agencyCode, string? positionLevel, string? province) =>
        (agencyCode is null ? "" : "&agencyCode=" + Uri.EscapeDataString(agencyCode))
        + (positionLevel is null ? "" : "&positionLevel=" + Uri.EscapeDataString(positionLevel))
        + (province is null ? "" : "&province=" + Uri.EscapeDataString(province));

    private sealed record CountRow(int Box, string Unplaced, long People);
}
