using Npgsql;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Reference;

namespace TalentHub.Infrastructure.Reconciliation;

/// <summary>Reads the current standard (configurable defaults in the database) into the form consolidation needs.</summary>
public sealed class StandardStore(NpgsqlDataSource dataSource)
{
    public async Task<StandardSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var methods = new Dictionary<string, MethodRule>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("SELECT code, rank, valid_years, used_for_talent_decisions FROM methods"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                methods[reader.GetString(0)] = new MethodRule(reader.GetInt32(1), reader.GetInt32(2), reader.GetBoolean(3));
            }
        }

        var standards = new Dictionary<PositionLevel, Dictionary<string, int>>();
        await using (var command = dataSource.CreateCommand("SELECT position_level, competency_code, level FROM standard_levels"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (UpperSnakeCase.TryParse<PositionLevel>(reader.GetString(0), out var level))
                {
                    if (!standards.TryGetValue(level, out var perCompetency))
                    {
                        standards[level] = perCompetency = new Dictionary<string, int>(StringComparer.Ordinal);
                    }

                    perCompetency[reader.GetString(1)] = reader.GetInt32(2);
                }
            }
        }

        var thresholds = new Dictionary<string, decimal>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("SELECT category, minimum_jpm FROM jpm_thresholds"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                thresholds[reader.GetString(0)] = reader.GetDecimal(1);
            }
        }

        return new StandardSnapshot(
            methods,
            standards.ToDictionary(s => s.Key, IReadOnlyDictionary<string, int> (s) => s.Value),
            thresholds.GetValueOrDefault("OPTIMAL", 90),
            thresholds.GetValueOrDefault("CUKUP_OPTIMAL", 78),
            ReferenceData.Titles.Titles);
    }
}
