using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Domain.Reconciliation;

namespace TalentHub.Infrastructure.Stewardship;

/// <summary>The steward decisions that reconciliation honours, read and updated inside the reconciling transaction.</summary>
public static class DecisionStore
{
    /// <summary>The key of a pair of NIPs, the lower first (as <c>separated_pairs</c> stores it).</summary>
    public static (string A, string B) PairKey(string x, string y) => string.CompareOrdinal(x, y) < 0 ? (x, y) : (y, x);

    /// <summary>The resolutions in force (not lapsed) on these profiles.</summary>
    public static async Task<Dictionary<string, List<StewardResolution>>> ResolutionsInForceAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] nips, CancellationToken cancellationToken)
    {
        var resolutions = new Dictionary<string, List<StewardResolution>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            """
            SELECT id, nip, conflict_kind, field, year, scope, chosen_agency_code, chosen_value, basis, decided_by, decided_at, reason
            FROM steward_decisions
            WHERE kind = 'RESOLUTION' AND lapsed_at IS NULL AND nip = ANY(@nips)
            ORDER BY id
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = nips });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var nip = reader.GetString(1);
            if (!resolutions.TryGetValue(nip, out var list))
            {
                resolutions[nip] = list = [];
            }

            list.Add(new StewardResolution(
                reader.GetGuid(0),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7),
                ReadCandidates(reader.GetString(8)),
                reader.GetString(9),
                reader.GetFieldValue<DateTimeOffset>(10),
                reader.GetString(11)));
        }

        return resolutions;
    }

    /// <summary>When each separated pair involving these NIPs was last decided.</summary>
    public static async Task<Dictionary<(string A, string B), DateTimeOffset>> SeparationsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] nips, CancellationToken cancellationToken)
    {
        var separations = new Dictionary<(string, string), DateTimeOffset>();
        await using var command = new NpgsqlCommand(
            "SELECT nip_a, nip_b, decided_at FROM separated_pairs WHERE nip_a = ANY(@nips) UNION SELECT nip_a, nip_b, decided_at FROM separated_pairs WHERE nip_b = ANY(@nips)",
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = nips });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            separations[(reader.GetString(0), reader.GetString(1))] = reader.GetFieldValue<DateTimeOffset>(2);
        }

        return separations;
    }

    /// <summary>Resolutions that no longer hold stop being in force (for good: a steward decides again on the reopened conflict).</summary>
    public static async Task LapseAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<Guid> decisionIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("UPDATE steward_decisions SET lapsed_at = @now WHERE id = ANY(@ids) AND lapsed_at IS NULL", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = decisionIds.ToArray() });
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Candidates as stored in conflicts and decisions: [{ "value", "agencyCode" }].</summary>
    public static List<ConflictCandidate> ReadCandidates(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(c => new ConflictCandidate(c.GetProperty("value").GetString()!, c.GetProperty("agencyCode").GetString()!))];
    }

    /// <summary>Candidates in the stored shape, in their order (the order the reconciler writes: agency, then value).</summary>
    public static string WriteCandidates(IEnumerable<ConflictCandidate> candidates) =>
        JsonSerializer.Serialize(candidates.Select(c => new { value = c.Value, agencyCode = c.AgencyCode }));
}
