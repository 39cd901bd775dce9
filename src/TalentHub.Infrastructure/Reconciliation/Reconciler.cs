using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Standard;
using TalentHub.Domain.Time;
using TalentHub.Infrastructure.Ingestion;
using TalentHub.Infrastructure.Normalization;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Infrastructure.Reconciliation;

/// <summary>
/// Recomputes the consolidated profiles of a set of NIPs from every agency's accepted records (04-reconciliation.md):
/// one transaction per call, with each NIP locked for the duration (two workers never reconcile one person at once).
/// A profile whose content did not change gets no new version; a changed one gets a version with its changed fields,
/// a change feed entry, and its open conflicts brought up to date.
/// </summary>
public sealed class Reconciler(NpgsqlDataSource dataSource, StandardStore standardStore, TimeProvider clock)
{
    public const int ChunkSize = 500;

    /// <summary>
    /// At most this many possible duplicates are opened per profile: a batch of records sharing one NIK (a data-entry
    /// fault) must not open a quadratic number of items. Stewards see the first ones; more follow as those are decided.
    /// </summary>
    public const int MaxDuplicateCandidates = 20;

    /// <summary>A chunk's statements run inside a background job: a busy server must not fail them at the 30 s request default.</summary>
    private const int JobCommandTimeoutSeconds = 300;

    public async Task<int> ReconcileAsync(IReadOnlyList<string> nips, string cause, CancellationToken cancellationToken)
    {
        if (nips.Count == 0)
        {
            return 0;
        }

        var standard = await standardStore.LoadAsync(cancellationToken);
        var today = JakartaCalendar.DateOf(clock.GetUtcNow());

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // A merged NIP is reconciled as its surviving profile, together with every NIP merged into that one.
        var sorted = (await ResolveMergedAsync(connection, transaction, nips, cancellationToken)).Order(StringComparer.Ordinal).ToArray();
        await LockAsync(connection, transaction, sorted, cancellationToken);
        var aliases = await LoadAliasesAsync(connection, transaction, sorted, cancellationToken);
        await LockAsync(connection, transaction, [.. aliases.Keys], cancellationToken);

        var observations = await LoadObservationsAsync(connection, transaction, [.. sorted, .. aliases.Keys], cancellationToken);
        foreach (var (alias, survivor) in aliases)
        {
            if (observations.Remove(alias, out var merged))
            {
                observations[survivor] = [.. observations.GetValueOrDefault(survivor) ?? [], .. merged];
            }
        }

        var current = await LoadProfilesAsync(connection, transaction, sorted, cancellationToken);
        var now = clock.DatabaseNow();
        var versions = 0;
        var batch = new NpgsqlBatch(connection, transaction);
        foreach (var nip in sorted)
        {
            if (!observations.TryGetValue(nip, out var personObservations) || personObservations.Count == 0)
            {
                continue;
            }

            var profile = ProfileBuilder.Build(nip, personObservations, standard, today);
            var newlyMerged = profile.PreviousNips.Where(p => p != nip && !aliases.ContainsKey(p)).Order(StringComparer.Ordinal).ToArray();
            if (newlyMerged.Length > 0)
            {
                // 04-reconciliation.md, Matching: previousNips merge those profiles into this one, which survives.
                await LockAsync(connection, transaction, newlyMerged, cancellationToken);
                var mergedObservations = await LoadObservationsAsync(connection, transaction, newlyMerged, cancellationToken);
                personObservations = [.. personObservations, .. mergedObservations.Values.SelectMany(o => o)];
                profile = ProfileBuilder.Build(nip, personObservations, standard, today);
                await MergeIntoAsync(connection, transaction, newlyMerged, nip, cause, cancellationToken);
                versions += newlyMerged.Length;
            }

            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(profile.ContentJson));
            current.TryGetValue(nip, out var existing);
            if (existing is not null && existing.Hash.AsSpan().SequenceEqual(hash))
            {
                continue;
            }

            versions++;
            var version = (existing?.Version ?? 0) + 1;
            AddProfileWrite(batch, profile, hash, version, now);
            AddVersionWrite(batch, nip, version, Diff(existing?.Content, profile.ContentJson), cause, now);
            AddFeedEntry(batch, nip, version, FeedKind(existing, profile), now);
            AddConflictsWrite(batch, nip, profile.Conflicts, now);
        }

        if (batch.BatchCommands.Count > 0)
        {
            batch.Timeout = JobCommandTimeoutSeconds;
            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await OpenPossibleDuplicatesAsync(connection, transaction, sorted, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return versions;
    }

    private static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] nips, CancellationToken cancellationToken)
    {
        if (nips.Length == 0)
        {
            return;
        }

        await using var locks = new NpgsqlCommand(
            "SELECT count(pg_advisory_xact_lock(hashtextextended('profile:' || n, 7))) FROM (SELECT unnest(@nips) AS n ORDER BY 1) x", connection, transaction);
        locks.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = nips });
        await locks.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<HashSet<string>> ResolveMergedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<string> nips, CancellationToken cancellationToken)
    {
        var resolved = nips.ToHashSet(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT nip, merged_into FROM profiles WHERE nip = ANY(@nips) AND merged_into IS NOT NULL", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = resolved.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            resolved.Remove(reader.GetString(0));
            resolved.Add(reader.GetString(1));
        }

        return resolved;
    }

    private static async Task<Dictionary<string, string>> LoadAliasesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] survivors, CancellationToken cancellationToken)
    {
        var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT nip, merged_into FROM profiles WHERE merged_into = ANY(@nips)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = survivors });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            aliases[reader.GetString(0)] = reader.GetString(1);
        }

        return aliases;
    }

    /// <summary>Marks the old NIPs as aliases of the survivor (a new version and a MERGED feed entry each).</summary>
    private static async Task MergeIntoAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] merged, string survivor, string cause, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH merged AS (
                INSERT INTO profiles (nip, version, content, content_hash, provenance, status, name, merged_into, updated_at)
                SELECT m, 1, json_build_object('nip', m, 'mergedInto', @survivor)::text, sha256(convert_to(m, 'UTF8')), '{}', 'MERGED', '', @survivor, now()
                FROM unnest(@merged) AS m
                ON CONFLICT (nip) DO UPDATE SET version = profiles.version + 1, status = 'MERGED', merged_into = @survivor, updated_at = now()
                RETURNING nip, version),
            versions AS (
                INSERT INTO profile_versions (nip, version, changes, cause, changed_at)
                SELECT nip, version, json_build_array(json_build_object('field', 'mergedInto', 'old', NULL, 'new', @survivor))::text, @cause, now() FROM merged)
            INSERT INTO change_feed (nip, version, kind, changed_at) SELECT nip, version, 'MERGED', now() FROM merged
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter("merged", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = merged });
        command.Parameters.AddWithValue("survivor", survivor);
        command.Parameters.AddWithValue("cause", "MERGE (previousNips) " + cause);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// 04-reconciliation.md, Matching: two profiles with the same valid NIK, or the same normalized name and birth date
    /// in the same agency, open a POSSIBLE_DUPLICATE item (shown on both profiles, <c>field</c> naming the other NIP)
    /// for a steward to link or keep apart.
    /// </summary>
    private static async Task OpenPossibleDuplicatesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] nips, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH items AS (
                SELECT a.nip, other.nip AS other, a.employing_agency AS agency, other.employing_agency AS other_agency
                FROM profiles a
                CROSS JOIN LATERAL (
                    -- Two index lookups rather than one OR, which no index serves.
                    SELECT u.nip, u.employing_agency FROM (
                        (SELECT b.nip, b.employing_agency FROM profiles b
                         WHERE b.nik_key = a.nik_key AND b.nip <> a.nip AND b.merged_into IS NULL ORDER BY b.nip LIMIT @perProfile)
                        UNION
                        (SELECT b.nip, b.employing_agency FROM profiles b
                         WHERE b.name_key = a.name_key AND b.nip <> a.nip AND b.merged_into IS NULL ORDER BY b.nip LIMIT @perProfile)) u
                    ORDER BY u.nip
                    LIMIT @perProfile) other
                WHERE a.nip = ANY(@nips) AND a.merged_into IS NULL),
            both_sides AS (
                SELECT nip, other, agency, other_agency FROM items
                UNION SELECT other, nip, other_agency, agency FROM items)
            INSERT INTO conflicts (id, nip, kind, field, year, candidates, status, opened_at)
            SELECT gen_random_uuid(), i.nip, 'POSSIBLE_DUPLICATE', i.other, NULL,
                   json_build_array(
                       json_build_object('agencyCode', coalesce(i.agency, ''), 'value', i.nip),
                       json_build_object('agencyCode', coalesce(i.other_agency, ''), 'value', i.other))::text,
                   'OPEN', @now
            FROM both_sides i
            WHERE NOT EXISTS (
                SELECT 1 FROM conflicts c WHERE c.nip = i.nip AND c.kind = 'POSSIBLE_DUPLICATE' AND c.field = i.other AND c.status <> 'CLOSED')
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = nips });
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("perProfile", MaxDuplicateCandidates);
        command.CommandTimeout = JobCommandTimeoutSeconds;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record StoredProfile(int Version, byte[] Hash, string Content, string Status);

    private static async Task<Dictionary<string, StoredProfile>> LoadProfilesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] nips, CancellationToken cancellationToken)
    {
        var profiles = new Dictionary<string, StoredProfile>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand("SELECT nip, version, content_hash, content, status FROM profiles WHERE nip = ANY(@nips)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = nips });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            profiles[reader.GetString(0)] = new StoredProfile(reader.GetInt32(1), (byte[])reader[2], reader.GetString(3), reader.GetString(4));
        }

        return profiles;
    }

    /// <summary>Every accepted record of these NIPs, with its normalized values, set-based in two queries.</summary>
    private static async Task<Dictionary<string, List<Observation>>> LoadObservationsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] nips, CancellationToken cancellationToken)
    {
        var levels = new Dictionary<(Guid, int), List<ObservedLevel>>();
        var potentials = new Dictionary<(Guid, int), List<ObservedPotential>>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT v.submission_id, v.record_index, v.values
            FROM normalized_records v
            JOIN staged_records r ON r.submission_id = v.submission_id AND r.record_index = v.record_index
            WHERE r.nip = ANY(@nips) AND r.state = 'ACCEPTED'
            """,
            connection,
            transaction))
        {
            command.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = nips });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetGuid(0), reader.GetInt32(1));
                using var values = JsonDocument.Parse(reader.GetString(2));
                foreach (var value in values.RootElement.EnumerateArray())
                {
                    var kind = value.GetProperty("kind").GetString();
                    if (kind == NormalizationWriter.IgnoredKind)
                    {
                        continue;
                    }

                    var assessmentId = value.GetProperty("assessmentId").GetString()!;
                    var method = value.GetProperty("method").GetString()!;
                    var assessedAt = DateOnly.ParseExact(value.GetProperty("assessedAt").GetString()!, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                    var score = value.GetProperty("score").GetDecimal();
                    var level = value.GetProperty("level").GetInt32();
                    if (kind == NormalizationWriter.PotentialKind)
                    {
                        AddTo(potentials, key, new ObservedPotential(assessmentId, method, assessedAt, score, level));
                    }
                    else
                    {
                        AddTo(levels, key, new ObservedLevel(assessmentId, method, assessedAt, value.GetProperty("nationalCode").GetString()!, score, level));
                    }
                }
            }
        }

        var observations = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            """
            SELECT r.nip, s.agency_code, r.submission_id, r.record_index, s.received_at, r.raw, s.format = 'CSV', s.csv_decimal_comma
            FROM staged_records r JOIN submissions s ON s.id = r.submission_id
            WHERE r.nip = ANY(@nips) AND r.state = 'ACCEPTED' AND r.raw IS NOT NULL
            """,
            connection,
            transaction))
        {
            command.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = nips });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var key = (reader.GetGuid(2), reader.GetInt32(3));
                var record = RecordJson(reader.GetString(5), reader.GetBoolean(6), reader.GetBoolean(7));
                AddTo(observations, reader.GetString(0), new Observation(
                    reader.GetString(1),
                    key.Item1,
                    key.Item2,
                    reader.GetFieldValue<DateTimeOffset>(4),
                    record,
                    levels.GetValueOrDefault(key) ?? [],
                    potentials.GetValueOrDefault(key) ?? []));
            }
        }

        return observations;
    }

    private static JsonElement RecordJson(string raw, bool csv, bool decimalComma)
    {
        if (!csv)
        {
            using var document = JsonDocument.Parse(raw);
            return document.RootElement.Clone();
        }

        using var mapped = JsonDocument.Parse(StagedCsvRow.Map(raw, decimalComma).Utf8Json);
        return mapped.RootElement.Clone();
    }

    private static void AddTo<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static string FeedKind(StoredProfile? existing, ConsolidatedProfile profile) =>
        existing is null ? "CREATED"
        : existing.Status == "ACTIVE" && profile.Summary.Status != "ACTIVE" ? "DEACTIVATED"
        : "UPDATED";

    /// <summary>The top-level content fields whose values differ, with old and new values.</summary>
    private static string Diff(string? oldContent, string newContent)
    {
        var before = oldContent is null ? new JsonObject() : JsonNode.Parse(oldContent)!.AsObject();
        var after = JsonNode.Parse(newContent)!.AsObject();
        var changes = new JsonArray();
        foreach (var field in before.Select(p => p.Key).Union(after.Select(p => p.Key)).Order(StringComparer.Ordinal))
        {
            var oldValue = before[field];
            var newValue = after[field];
            if (!JsonNode.DeepEquals(oldValue, newValue))
            {
                changes.Add(new JsonObject { ["field"] = field, ["old"] = oldValue?.DeepClone(), ["new"] = newValue?.DeepClone() });
            }
        }

        return changes.ToJsonString();
    }

    private static void AddProfileWrite(NpgsqlBatch batch, ConsolidatedProfile profile, byte[] hash, int version, DateTimeOffset now)
    {
        var summary = profile.Summary;
        var command = new NpgsqlBatchCommand(
            """
            INSERT INTO profiles (nip, version, content, content_hash, provenance, employing_agency, status, position_level, work_province, box, jpm, jpm_category, name, nik_key, name_key, updated_at)
            VALUES (@nip, @version, @content, @hash, @provenance, @agency, @status, @level, @province, @box, @jpm, @category, @name, @nikKey, @nameKey, @now)
            ON CONFLICT (nip) DO UPDATE SET version = excluded.version, content = excluded.content, content_hash = excluded.content_hash,
                nik_key = excluded.nik_key, name_key = excluded.name_key,
                provenance = excluded.provenance, employing_agency = excluded.employing_agency, status = excluded.status,
                position_level = excluded.position_level, work_province = excluded.work_province, box = excluded.box, jpm = excluded.jpm,
                jpm_category = excluded.jpm_category, name = excluded.name, updated_at = excluded.updated_at
            """);
        command.Parameters.AddWithValue("nip", profile.Nip);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("content", profile.ContentJson);
        command.Parameters.AddWithValue("hash", hash);
        command.Parameters.AddWithValue("provenance", profile.ProvenanceJson);
        command.Parameters.AddWithValue("agency", (object?)summary.EmployingAgency ?? DBNull.Value);
        command.Parameters.AddWithValue("status", summary.Status);
        command.Parameters.AddWithValue("level", summary.PositionLevel is { } level ? UpperSnakeCase.Of(level) : DBNull.Value);
        command.Parameters.AddWithValue("province", (object?)summary.WorkProvince ?? DBNull.Value);
        command.Parameters.AddWithValue("box", (object?)summary.Box ?? DBNull.Value);
        command.Parameters.AddWithValue("jpm", (object?)summary.Jpm ?? DBNull.Value);
        command.Parameters.AddWithValue("category", summary.JpmCategory is { } category ? UpperSnakeCase.Of(category) : DBNull.Value);
        command.Parameters.AddWithValue("name", summary.Name.Length <= 200 ? summary.Name : summary.Name[..200]);
        var keys = profile.DuplicateKeys;
        command.Parameters.AddWithValue("nikKey", (object?)keys.Nik ?? DBNull.Value);
        var nameKey = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{keys.NormalizedName}|{keys.BirthDate:yyyy-MM-dd}|{keys.EmployingAgency}");
        command.Parameters.AddWithValue("nameKey", keys.NormalizedName.Length == 0 ? DBNull.Value : nameKey.Length <= 300 ? nameKey : nameKey[..300]);
        command.Parameters.AddWithValue("now", now);
        batch.BatchCommands.Add(command);
    }

    private static void AddVersionWrite(NpgsqlBatch batch, string nip, int version, string changes, string cause, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand(
            "INSERT INTO profile_versions (nip, version, changes, cause, changed_at) VALUES (@nip, @version, @changes, @cause, @now)");
        command.Parameters.AddWithValue("nip", nip);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("changes", changes);
        command.Parameters.AddWithValue("cause", cause);
        command.Parameters.AddWithValue("now", now);
        batch.BatchCommands.Add(command);
    }

    private static void AddFeedEntry(NpgsqlBatch batch, string nip, int version, string kind, DateTimeOffset now)
    {
        var command = new NpgsqlBatchCommand("INSERT INTO change_feed (nip, version, kind, changed_at) VALUES (@nip, @version, @kind, @now)");
        command.Parameters.AddWithValue("nip", nip);
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("kind", kind);
        command.Parameters.AddWithValue("now", now);
        batch.BatchCommands.Add(command);
    }

    /// <summary>Open conflicts follow the profile: those no longer present close, new ones open, unchanged ones stay as they are.</summary>
    private static void AddConflictsWrite(NpgsqlBatch batch, string nip, IReadOnlyList<ProfileConflict> conflicts, DateTimeOffset now)
    {
        var current = conflicts.Select(c => (c.Kind, Field: c.Field ?? "", Year: c.Year ?? 0, Candidates: JsonSerializer.Serialize(c.Candidates.Select(x => new { value = x.Value, agencyCode = x.AgencyCode })))).ToList();
        var close = new NpgsqlBatchCommand(
            """
            UPDATE conflicts SET status = 'CLOSED', closed_at = @now
            WHERE nip = @nip AND status = 'OPEN'
              AND (kind, coalesce(field, ''), coalesce(year, 0), candidates) NOT IN (SELECT * FROM unnest(@kinds, @fields, @years, @candidates))
            """);
        close.Parameters.AddWithValue("nip", nip);
        close.Parameters.AddWithValue("now", now);
        close.Parameters.Add(new NpgsqlParameter("kinds", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = current.Select(c => c.Kind).ToArray() });
        close.Parameters.Add(new NpgsqlParameter("fields", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = current.Select(c => c.Field).ToArray() });
        close.Parameters.Add(new NpgsqlParameter("years", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = current.Select(c => c.Year).ToArray() });
        close.Parameters.Add(new NpgsqlParameter("candidates", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = current.Select(c => c.Candidates).ToArray() });
        batch.BatchCommands.Add(close);
        foreach (var conflict in current)
        {
            var open = new NpgsqlBatchCommand(
                """
                INSERT INTO conflicts (id, nip, kind, field, year, candidates, status, opened_at)
                SELECT @id, @nip, @kind, nullif(@field, ''), nullif(@year, 0), @candidates, 'OPEN', @now
                WHERE NOT EXISTS (
                    SELECT 1 FROM conflicts WHERE nip = @nip AND status = 'OPEN' AND kind = @kind
                      AND coalesce(field, '') = @field AND coalesce(year, 0) = @year AND candidates = @candidates)
                """);
            open.Parameters.AddWithValue("id", Guid.CreateVersion7());
            open.Parameters.AddWithValue("nip", nip);
            open.Parameters.AddWithValue("kind", conflict.Kind);
            open.Parameters.AddWithValue("field", conflict.Field);
            open.Parameters.AddWithValue("year", conflict.Year);
            open.Parameters.AddWithValue("candidates", conflict.Candidates);
            open.Parameters.AddWithValue("now", now);
            batch.BatchCommands.Add(open);
        }
    }
}
