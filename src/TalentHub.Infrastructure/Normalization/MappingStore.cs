using Npgsql;
using TalentHub.Domain.Normalization;

namespace TalentHub.Infrastructure.Normalization;

/// <summary>Reads what an agency has registered into the form the normalizer needs.</summary>
public sealed class MappingStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// The agency's scales (every version) and its effective dictionary: BKN's national aliases
    /// (competencies.json; docs/domain/normalization.md#dictionary), overridden by the agency's own entries; national codes are accepted directly.
    /// </summary>
    public async Task<AgencyMappings> LoadAsync(string agencyCode, CancellationToken cancellationToken)
    {
        var scales = new Dictionary<string, List<ScaleVersion>>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand(
            "SELECT scale_code, version, applies_from, definition::text FROM agency_scales WHERE agency_code = @agency ORDER BY scale_code, version"))
        {
            command.Parameters.AddWithValue("agency", agencyCode);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var code = reader.GetString(0);
                if (!scales.TryGetValue(code, out var versions))
                {
                    scales[code] = versions = [];
                }

                versions.Add(new ScaleVersion(
                    reader.GetInt32(1),
                    reader.IsDBNull(2) ? null : reader.GetFieldValue<DateOnly>(2),
                    ScaleDefinitions.FromCanonicalJson(reader.GetString(3))));
            }
        }

        var dictionary = new Dictionary<string, string>(StringComparer.Ordinal);
        var nationalCodes = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = dataSource.CreateCommand("SELECT code, aliases FROM competencies"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var code = reader.GetString(0);
                nationalCodes.Add(code);
                foreach (var alias in reader.GetFieldValue<string[]>(1))
                {
                    dictionary[CompetencyNames.Canonical(alias)] = code;
                }
            }
        }

        await using (var command = dataSource.CreateCommand("SELECT canonical_name, national_code FROM dictionary_entries WHERE agency_code = @agency"))
        {
            command.Parameters.AddWithValue("agency", agencyCode);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                dictionary[reader.GetString(0)] = reader.GetString(1);
            }
        }

        return new AgencyMappings
        {
            Scales = scales.ToDictionary(s => s.Key, IReadOnlyList<ScaleVersion> (s) => s.Value, StringComparer.Ordinal),
            Dictionary = dictionary,
            NationalCodes = nationalCodes,
        };
    }
}
