using Npgsql;

namespace TalentHub.Reliability.Tests.Harness;

/// <summary>
/// What an installation's database holds once its work is done, in a form two installations can be compared by: the
/// profiles' content (the content hash of docs/domain/reconciliation.md#content-and-versions), their version numbers,
/// the change feed, every record's state, the submissions' counts and the conflicts. Identifiers and timestamps, which
/// differ between installations, are left out.
/// </summary>
public sealed record IndexState(
    string Profiles,
    string Versions,
    string Feed,
    string Records,
    string Submissions,
    string Conflicts,
    string OpenConflicts,
    long ProfileCount)
{
    /// <summary>
    /// What does not depend on the order the work arrived in: profile content, record states, counts and the open
    /// conflicts. Version numbers, feed entries and conflicts opened then closed on the way do.
    /// </summary>
    public IndexState OrderIndependent => this with { Versions = "", Feed = "", Conflicts = "" };

    public static async Task<IndexState> ReadAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return new IndexState(
            await DigestAsync(connection, "SELECT nip || ' ' || encode(content_hash, 'hex') || ' ' || status || ' ' || coalesce(merged_into, '-') FROM profiles ORDER BY nip"),
            await DigestAsync(connection, "SELECT nip || ' ' || version FROM profile_versions ORDER BY nip, version"),
            await DigestAsync(connection, "SELECT nip || ' ' || version || ' ' || kind FROM change_feed ORDER BY nip, version, kind"),
            await DigestAsync(connection,
                "SELECT s.agency_code || ' ' || r.record_index || ' ' || coalesce(j.state, 'RECEIVED') FROM staged_records r JOIN submissions s ON s.id = r.submission_id LEFT JOIN record_states j ON j.submission_id = r.submission_id AND j.record_index = r.record_index ORDER BY s.agency_code, r.record_index"),
            await DigestAsync(connection,
                "SELECT agency_code || ' ' || status || ' ' || received || ' ' || accepted || ' ' || pending_mapping || ' ' || rejected FROM submissions ORDER BY agency_code"),
            await DigestAsync(connection,
                "SELECT nip || ' ' || kind || ' ' || coalesce(field, '-') || ' ' || status FROM conflicts"),
            await DigestAsync(connection, "SELECT nip || ' ' || kind || ' ' || coalesce(field, '-') FROM conflicts WHERE status = 'OPEN'"),
            await ScalarAsync(connection, "SELECT count(*) FROM profiles"));
    }

    /// <summary>
    /// What must hold in any installation, interrupted or not: every record counted once, no version or feed entry
    /// twice, every version of a profile present, and no work left unfinished. Empty when all hold.
    /// </summary>
    public static async Task<List<string>> ViolationsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var checks = new (string What, string CountSql)[]
        {
            ("submissions whose received is not accepted + pendingMapping + rejected",
                "SELECT count(*) FROM submissions WHERE received <> accepted + pending_mapping + rejected"),
            ("submissions whose counts differ from their records' states",
                """
                SELECT count(*) FROM submissions s WHERE (s.accepted, s.pending_mapping, s.rejected) <> (
                    SELECT count(*) FILTER (WHERE state = 'ACCEPTED'), count(*) FILTER (WHERE state = 'PENDING_MAPPING'), count(*) FILTER (WHERE state = 'REJECTED')
                    FROM record_states r WHERE r.submission_id = s.id)
                """),
            ("submissions not completed", "SELECT count(*) FROM submissions WHERE status NOT IN ('COMPLETED', 'COMPLETED_WITH_ERRORS')"),
            ("re-normalizations not COMPLETED", "SELECT count(*) FROM renormalizations WHERE status <> 'COMPLETED'"),
            ("index rebuilds not COMPLETED", "SELECT count(*) FROM index_rebuilds WHERE status <> 'COMPLETED'"),
            ("exports not COMPLETED", "SELECT count(*) FROM exports WHERE status <> 'COMPLETED'"),
            ("feed entries written twice", "SELECT count(*) - count(DISTINCT (nip, version, kind)) FROM change_feed"),
            ("profiles whose versions are not exactly 1..version",
                "SELECT count(*) FROM profiles p WHERE (SELECT count(*) FROM profile_versions v WHERE v.nip = p.nip) <> p.version OR EXISTS (SELECT 1 FROM profile_versions v WHERE v.nip = p.nip AND v.version > p.version)"),
            ("chunks committed twice", "SELECT count(*) - count(DISTINCT (job, chunk)) FROM chunk_commits WHERE job NOT LIKE 'renormalization:%'"),
            ("accepted NIPs without a profile",
                "SELECT count(DISTINCT r.nip) FROM staged_records r JOIN record_states j ON j.submission_id = r.submission_id AND j.record_index = r.record_index WHERE j.state = 'ACCEPTED' AND r.nip IS NOT NULL AND NOT EXISTS (SELECT 1 FROM profiles p WHERE p.nip = r.nip)"),
        };
        var violations = new List<string>();
        foreach (var (what, sql) in checks)
        {
            if (await ScalarAsync(connection, sql) is var count and not 0)
            {
                violations.Add($"{count} {what}");
            }
        }

        return violations;
    }

    private static async Task<string> DigestAsync(NpgsqlConnection connection, string rowsSql)
    {
        await using var command = new NpgsqlCommand(
            $"""SELECT count(*) || ':' || coalesce(md5(string_agg(line, E'\n' ORDER BY line COLLATE "C")), '-') FROM ({rowsSql}) rows (line)""", connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }
}
