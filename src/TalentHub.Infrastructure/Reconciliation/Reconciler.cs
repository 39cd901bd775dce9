using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Standard;
using TalentHub.Domain.Time;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Stewardship;
using TalentHub.Infrastructure.Time;
using Microsoft.Extensions.DependencyInjection;
using TalentHub.Infrastructure.Jobs;

namespace TalentHub.Infrastructure.Reconciliation;

/// <summary>
/// Recomputes the consolidated profiles of a set of NIPs from every agency's accepted records (docs/domain/reconciliation.md):
/// one transaction per call, with each NIP locked for the duration (two workers never reconcile one person at once).
/// A profile whose content did not change gets no new version; a changed one gets a version with its changed fields,
/// a change feed entry, and its open conflicts brought up to date.
/// </summary>
public sealed class Reconciler([FromKeyedServices(JobDatabase.Key)] NpgsqlDataSource dataSource, StandardStore standardStore, TimeProvider clock)
{
    /// <summary>
    /// At most this many possible duplicates are opened per profile: a batch of records sharing one NIK (a data-entry
    /// fault) must not open a quadratic number of items. Stewards see the first ones; more follow as those are decided.
    /// </summary>
    public const int MaxDuplicateCandidates = 20;

    public async Task<int> ReconcileAsync(IReadOnlyList<string> nips, string cause, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.JobTelemetry.Start("reconciliation.chunk", "talenthub.reconciliation.cause", cause)?.SetTag("talenthub.reconciliation.nips", nips.Count);
        if (nips.Count == 0)
        {
            return 0;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var versions = await ReconcileInAsync(connection, transaction, nips, cause, ReconcileOptions.None, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return versions;
    }

    /// <summary>
    /// What a steward's decision adds to a reconciliation: NIPs that get a version with this feed kind even when their
    /// content did not change (an unmerge), and work to do in the same transaction once the profiles are written and
    /// before possible duplicates are looked for (recording that two NIPs are separate people).
    /// </summary>
    public sealed record ReconcileOptions(IReadOnlyDictionary<string, string> ForcedFeedKinds, Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task>? BeforeDuplicateDetection)
    {
        public static readonly ReconcileOptions None = new(new Dictionary<string, string>(), null);
    }

    /// <summary>
    /// Reconciles within the caller's transaction (a steward's decision and its effect commit together; a submission's
    /// chunk and the profiles of its people). <paramref name="chunk"/> holds the observations the caller has in memory:
    /// those records are not read back from the database.
    /// </summary>
    public async Task<int> ReconcileInAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IReadOnlyList<string> nips,
        string cause,
        ReconcileOptions options,
        CancellationToken cancellationToken,
        ChunkObservations? chunk = null)
    {
        var standard = await standardStore.LoadAsync(cancellationToken);
        var today = JakartaCalendar.DateOf(clock.GetUtcNow());

        // A merged NIP is reconciled as its surviving profile, together with every NIP merged into that one.
        var sorted = (await ResolveMergedAsync(connection, transaction, nips, cancellationToken)).Order(StringComparer.Ordinal).ToArray();
        await LockAsync(connection, transaction, sorted, cancellationToken);
        // A steward's LINK or unmerge may have committed while this waited for the locks: resolve again until the people
        // to reconcile are the ones locked.
        var locked = sorted.ToHashSet(StringComparer.Ordinal);
        while (true)
        {
            var again = (await ResolveMergedAsync(connection, transaction, nips, cancellationToken)).Order(StringComparer.Ordinal).ToArray();
            string[] unlocked = [.. again.Where(n => !locked.Contains(n))];
            sorted = again;
            if (unlocked.Length == 0)
            {
                break;
            }

            await LockAsync(connection, transaction, unlocked, cancellationToken);
            locked.UnionWith(unlocked);
        }

        var aliases = await LoadAliasesAsync(connection, transaction, sorted, cancellationToken);
        await LockAsync(connection, transaction, [.. aliases.Keys], cancellationToken);

        var observations = await LoadObservationsAsync(connection, transaction, [.. sorted, .. aliases.Keys], chunk, cancellationToken);
        foreach (var (alias, survivor) in aliases)
        {
            if (observations.Remove(alias, out var merged))
            {
                observations[survivor] = [.. observations.GetValueOrDefault(survivor) ?? [], .. merged];
            }
        }

        var current = await LoadProfilesAsync(connection, transaction, sorted, cancellationToken);
        var resolutions = await DecisionStore.ResolutionsInForceAsync(connection, transaction, sorted, cancellationToken);
        var separations = await DecisionStore.SeparationsAsync(connection, transaction, sorted, cancellationToken);
        var now = clock.DatabaseNow();
        var versions = 0;
        var toWrite = new List<(ConsolidatedProfile Profile, byte[] Hash, int Version, string? PreviousContent, string FeedKind)>();
        var lapsed = new List<Guid>();
        var asserted = new List<(string Nip, string Other)>();
        var mergedNow = new List<string>();
        // Consolidation is pure: every person's profile is built on every core, then merges and writes follow in order.
        var built = new (ConsolidatedProfile Profile, byte[] Hash)?[sorted.Length];
        Parallel.For(0, sorted.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            if (observations.TryGetValue(sorted[i], out var personObservations) && personObservations.Count > 0)
            {
                var profile = ProfileBuilder.Build(sorted[i], personObservations, standard, today, resolutions.GetValueOrDefault(sorted[i]) ?? []);
                built[i] = (profile, SHA256.HashData(Encoding.UTF8.GetBytes(profile.ContentJson)));
            }
        });
        for (var i = 0; i < sorted.Length; i++)
        {
            if (built[i] is not var (profile, hash))
            {
                continue;
            }

            var nip = sorted[i];
            var personObservations = observations[nip];
            var personResolutions = resolutions.GetValueOrDefault(nip) ?? [];
            // docs/domain/reconciliation.md#matching: previousNips merge those profiles into this one, which survives, unless a
            // steward separated the two: then only a record received after that decision asks a steward again.
            var newlyMerged = new List<string>();
            foreach (var previous in profile.PreviousNips.Where(p => p != nip && !aliases.ContainsKey(p)))
            {
                if (!separations.TryGetValue(DecisionStore.PairKey(nip, previous), out var separatedAt))
                {
                    newlyMerged.Add(previous);
                }
                else if (profile.PreviousNipsReceivedAt[previous] > separatedAt)
                {
                    asserted.Add((nip, previous));
                }
            }

            if (newlyMerged.Count > 0)
            {
                await LockAsync(connection, transaction, [.. newlyMerged.Order(StringComparer.Ordinal)], cancellationToken);
                // A NIP already merged into another profile (by a steward's LINK or another record) is not taken over
                // silently: a steward is asked, as for a separated pair.
                foreach (var elsewhere in await MergedElsewhereAsync(connection, transaction, newlyMerged, nip, cancellationToken))
                {
                    newlyMerged.Remove(elsewhere);
                    asserted.Add((nip, elsewhere));
                }
            }

            if (newlyMerged.Count > 0)
            {
                string[] merging = [.. newlyMerged.Order(StringComparer.Ordinal)];
                var mergedObservations = await LoadObservationsAsync(connection, transaction, merging, chunk, cancellationToken);
                personObservations = [.. personObservations, .. mergedObservations.Values.SelectMany(o => o)];
                profile = ProfileBuilder.Build(nip, personObservations, standard, today, personResolutions);
                hash = SHA256.HashData(Encoding.UTF8.GetBytes(profile.ContentJson));
                await MergeIntoAsync(connection, transaction, merging, nip, "MERGE (previousNips) " + cause, cancellationToken);
                mergedNow.AddRange(merging);
                versions += merging.Length;
            }

            lapsed.AddRange(profile.LapsedResolutions);
            current.TryGetValue(nip, out var existing);
            var forcedKind = options.ForcedFeedKinds.GetValueOrDefault(nip);
            if (existing is not null && existing.Hash.AsSpan().SequenceEqual(hash) && forcedKind is null)
            {
                continue;
            }

            versions++;
            toWrite.Add((profile, hash, (existing?.Version ?? 0) + 1, existing?.Content, forcedKind ?? FeedKind(existing, profile)));
        }

        // Each version's diff is computed on every core too.
        var changed = new ChangedProfile[toWrite.Count];
        Parallel.For(0, toWrite.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var (profile, hash, version, previousContent, feedKind) = toWrite[i];
            changed[i] = new ChangedProfile(profile, hash, version, previousContent, feedKind);
        });

        if (changed.Length > 0)
        {
            await WriteChangedAsync(connection, transaction, changed, lapsed, cause, now, cancellationToken);
        }

        if (lapsed.Count > 0)
        {
            await DecisionStore.LapseAsync(connection, transaction, lapsed, now, cancellationToken);
        }

        if (options.BeforeDuplicateDetection is { } beforeDuplicateDetection)
        {
            await beforeDuplicateDetection(connection, transaction, cancellationToken);
        }

        await OpenPossibleDuplicatesAsync(connection, transaction, sorted, [.. aliases.Keys, .. mergedNow], asserted, now, cancellationToken);
        return versions;
    }

    /// <summary>Locks these people for the transaction, in NIP order (every writer of a profile takes the same locks).</summary>
    internal static async Task LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] nips, CancellationToken cancellationToken)
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

    private static async Task<List<string>> MergedElsewhereAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<string> nips, string survivor, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT nip FROM profiles WHERE nip = ANY(@nips) AND merged_into IS NOT NULL AND merged_into <> @survivor", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = nips.ToArray() });
        command.Parameters.AddWithValue("survivor", survivor);
        var elsewhere = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            elsewhere.Add(reader.GetString(0));
        }

        return elsewhere;
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

    /// <summary>
    /// Marks the old NIPs as aliases of the survivor (a new version and a MERGED feed entry each, <paramref name="cause"/>
    /// in their history) and closes their open conflicts and POSSIBLE_DUPLICATE items.
    /// </summary>
    internal static async Task MergeIntoAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] merged, string survivor, string cause, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH merged AS (
                INSERT INTO profiles (nip, version, content, content_hash, provenance, status, name, merged_into, unplaced_reasons, complete, updated_at)
                SELECT m, 1, json_build_object('nip', m, 'mergedInto', @survivor)::text, sha256(convert_to(m, 'UTF8')), '{"sources":[],"fields":{}}', 'MERGED', '',
                       @survivor, '{}', false, now()
                FROM unnest(@merged) AS m
                ON CONFLICT (nip) DO UPDATE SET version = profiles.version + 1, status = 'MERGED', merged_into = @survivor, updated_at = now()
                RETURNING nip, version),
            versions AS (
                INSERT INTO profile_versions (nip, version, kind, changes, cause, changed_at)
                SELECT nip, version, 'MERGED', json_build_array(json_build_object('field', 'mergedInto', 'old', NULL, 'new', @survivor))::text, @cause, now() FROM merged)
            INSERT INTO change_feed (nip, version, kind, changed_at) SELECT nip, version, 'MERGED', now() FROM merged;
            -- An alias has no profile of its own any more: its open conflicts and items end with it.
            UPDATE conflicts SET status = 'CLOSED', closed_at = now()
            WHERE status = 'OPEN' AND (nip = ANY(@merged) OR (kind = 'POSSIBLE_DUPLICATE' AND field = ANY(@merged)));
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter("merged", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = merged });
        command.Parameters.AddWithValue("survivor", survivor);
        command.Parameters.AddWithValue("cause", cause);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// docs/domain/reconciliation.md#possible-duplicates: two profiles with the same valid NIK, or the same normalized name and birth date
    /// in the same agency, open a POSSIBLE_DUPLICATE item (shown on both profiles, <c>field</c> naming the other NIP)
    /// for a steward to link or keep apart, with the evidence that raised it; so does a record's previousNips link that
    /// a steward had undone (<paramref name="asserted"/>). A pair a steward kept apart is raised again only on evidence
    /// the steward has not seen. Detection is serialized across transactions until commit: of two chunks reconciled at
    /// once whose people match, the later one then sees the other's committed profiles, so no pair is missed because
    /// neither saw the other.
    /// </summary>
    private static async Task OpenPossibleDuplicatesAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        string[] nips,
        string[] aliases,
        List<(string Nip, string Other)> asserted,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using (var serialize = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended('possible-duplicates', 7))", connection, transaction))
        {
            await serialize.ExecuteNonQueryAsync(cancellationToken);
        }

        if (aliases.Length > 0)
        {
            // An item naming an alias may have been opened by a chunk that committed after the merge closed the alias's
            // items; under the lock no later one can be, so this closes the last of them.
            await using var close = new NpgsqlCommand(
                """
                WITH named AS (SELECT nip, field FROM conflicts WHERE nip = ANY(@aliases) AND kind = 'POSSIBLE_DUPLICATE' AND status = 'OPEN')
                UPDATE conflicts c SET status = 'CLOSED', closed_at = @now FROM named
                WHERE c.kind = 'POSSIBLE_DUPLICATE' AND c.status = 'OPEN'
                  AND ((c.nip = named.nip AND c.field = named.field) OR (c.nip = named.field AND c.field = named.nip))
                """,
                connection,
                transaction);
            close.Parameters.Add(new NpgsqlParameter("aliases", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = aliases });
            close.Parameters.AddWithValue("now", now);
            await close.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(
            """
            WITH mine AS (
                SELECT nip, nik_key, name_key FROM profiles WHERE nip = ANY(@nips) AND merged_into IS NULL),
            -- Set-based joins on each key (hash joins whatever the statistics say), then the first n others per profile.
            matches AS (
                SELECT m.nip, b.nip AS other, 'SAME_NIK:' || m.nik_key AS evidence
                FROM mine m JOIN profiles b ON b.nik_key = m.nik_key AND b.nip <> m.nip AND b.merged_into IS NULL
                UNION ALL
                SELECT m.nip, b.nip, 'SAME_NAME_AND_BIRTH_DATE:' || m.name_key
                FROM mine m JOIN profiles b ON b.name_key = m.name_key AND b.nip <> m.nip AND b.merged_into IS NULL
                UNION ALL
                SELECT a.nip, a.other, 'PREVIOUS_NIPS'
                FROM unnest(@assertedNips, @assertedOthers) AS a(nip, other)
                LEFT JOIN profiles o ON o.nip = a.other
                -- a NIP merged into another profile stands for that profile
                JOIN profiles b ON b.nip = coalesce(o.merged_into, a.other) AND b.merged_into IS NULL AND b.nip <> a.nip),
            -- The first n others per profile (a NIK shared by a whole batch, a data-entry fault, must not open a quadratic
            -- number of items), then one row per pair (a < b) with all its evidence, whichever side found it.
            ranked AS (
                SELECT nip, other FROM (
                    SELECT nip, other, row_number() OVER (PARTITION BY nip ORDER BY other) AS rank FROM (SELECT DISTINCT nip, other FROM matches) d) r
                WHERE rank <= @perProfile),
            pairs AS (
                SELECT least(m.nip, m.other) AS a, greatest(m.nip, m.other) AS b, array_agg(DISTINCT m.evidence ORDER BY m.evidence) AS evidence
                FROM matches m JOIN ranked r ON r.nip = m.nip AND r.other = m.other
                GROUP BY 1, 2),
            -- A pair a steward separated on this evidence is not raised again.
            items AS (
                SELECT p.* FROM pairs p
                WHERE NOT EXISTS (SELECT 1 FROM separated_pairs s WHERE s.nip_a = p.a AND s.nip_b = p.b AND p.evidence <@ s.evidence)),
            both_sides AS (
                SELECT a AS nip, b AS other, evidence FROM items
                UNION ALL SELECT b, a, evidence FROM items)
            INSERT INTO conflicts (id, nip, kind, field, year, candidates, evidence, status, opened_at)
            SELECT gen_random_uuid(), i.nip, 'POSSIBLE_DUPLICATE', i.other, NULL,
                   json_build_array(
                       json_build_object('agencyCode', coalesce(p.employing_agency, ''), 'value', i.nip),
                       json_build_object('agencyCode', coalesce(o.employing_agency, ''), 'value', i.other))::text,
                   i.evidence, 'OPEN', @now
            FROM both_sides i JOIN profiles p ON p.nip = i.nip JOIN profiles o ON o.nip = i.other
            WHERE NOT EXISTS (
                SELECT 1 FROM conflicts c WHERE c.nip = i.nip AND c.kind = 'POSSIBLE_DUPLICATE' AND c.field = i.other AND c.status = 'OPEN')
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = nips });
        command.Parameters.Add(new NpgsqlParameter("assertedNips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = asserted.Select(a => a.Nip).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("assertedOthers", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = asserted.Select(a => a.Other).ToArray() });
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("perProfile", MaxDuplicateCandidates);
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

    /// <summary>
    /// Every accepted record of these NIPs as its observation (typed record and national values), in one query: the
    /// stored ones, but for the records of <paramref name="chunk"/>, which are taken from memory.
    /// </summary>
    private static async Task<Dictionary<string, List<Observation>>> LoadObservationsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] nips, ChunkObservations? chunk, CancellationToken cancellationToken)
    {
        var observations = new Dictionary<string, List<Observation>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            """
            SELECT r.nip, s.agency_code, r.submission_id, r.record_index, s.received_at, v.observation
            FROM staged_records r
            JOIN record_states j ON j.submission_id = r.submission_id AND j.record_index = r.record_index AND j.state = 'ACCEPTED'
            JOIN normalized_records v ON v.submission_id = r.submission_id AND v.record_index = r.record_index
            JOIN submissions s ON s.id = r.submission_id
            WHERE r.nip = ANY(@nips)
              AND NOT (r.submission_id = @chunk AND r.record_index BETWEEN @first AND @last)
            """,
            connection,
            transaction);
        command.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = nips });
        command.Parameters.AddWithValue("chunk", chunk?.SubmissionId ?? Guid.Empty);
        command.Parameters.AddWithValue("first", chunk?.FirstRecord ?? 0);
        command.Parameters.AddWithValue("last", chunk?.LastRecord ?? -1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var stored = JsonSerializer.Deserialize(reader.GetString(5), ObservationJson.Default.ObservationDocument)
                    ?? throw new FormatException("A stored observation is empty.");
                AddTo(observations, reader.GetString(0), new Observation(
                    reader.GetString(1), reader.GetGuid(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4), stored.Record, stored.Levels, stored.Potentials));
            }
        }

        if (chunk is not null)
        {
            foreach (var nip in nips)
            {
                if (chunk.ByNip.TryGetValue(nip, out var observation))
                {
                    AddTo(observations, nip, observation);
                }
            }
        }

        return observations;
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

    /// <summary>
    /// The top-level content fields whose values differ, with old and new values. Contents are canonical JSON (one
    /// writer, fixed order and escaping), so a value is unchanged exactly when its text is, and values are copied as
    /// text; a null value and an absent field are the same.
    /// </summary>
    private static string Diff(string oldContent, string newContent)
    {
        var oldJson = Encoding.UTF8.GetBytes(oldContent);
        var newJson = Encoding.UTF8.GetBytes(newContent);
        var oldFields = FieldsOf(oldJson);
        var newFields = FieldsOf(newJson);
        var buffer = new ArrayBufferWriter<byte>(newJson.Length + 256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var field in oldFields.Keys.Union(newFields.Keys).Order(StringComparer.Ordinal))
            {
                var hasOld = oldFields.TryGetValue(field, out var oldValue);
                var hasNew = newFields.TryGetValue(field, out var newValue);
                if (hasOld && hasNew && oldJson.AsSpan(oldValue).SequenceEqual(newJson.AsSpan(newValue)))
                {
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteString("field", field);
                WriteValue(writer, "old", oldJson, hasOld ? oldValue : null);
                WriteValue(writer, "new", newJson, hasNew ? newValue : null);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Where each top-level field's value lies in the JSON text, for the fields whose value is not null.</summary>
    private static Dictionary<string, Range> FieldsOf(byte[] json)
    {
        var fields = new Dictionary<string, Range>(StringComparer.Ordinal);
        if (json.Length == 0)
        {
            return fields;
        }

        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            var start = (int)reader.TokenStartIndex;
            var isNull = reader.TokenType == JsonTokenType.Null;
            reader.Skip();
            if (!isNull)
            {
                fields[name] = new Range(start, (int)reader.BytesConsumed);
            }
        }

        return fields;
    }

    private static void WriteValue(Utf8JsonWriter writer, string name, byte[] json, Range? value)
    {
        writer.WritePropertyName(name);
        if (value is { } range)
        {
            writer.WriteRawValue(json.AsSpan(range), skipInputValidation: true);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private const string NoChanges = "[]";

    /// <summary>A profile to write. A new profile's first version is CREATED: its content is the profile itself, not copied into a diff.</summary>
    private sealed record ChangedProfile(ConsolidatedProfile Profile, byte[] Hash, int Version, string? PreviousContent, string FeedKind)
    {
        public string Changes { get; } = PreviousContent is null ? NoChanges : Diff(PreviousContent, Profile.ContentJson);
    }

    /// <summary>
    /// Writes a chunk's changed profiles set-based, by binary COPY: new profiles straight into their table, changed
    /// ones through a temporary table and one UPDATE; then their versions and feed entries (in NIP order), and their open
    /// conflicts (those no longer present close, new ones open, unchanged ones stay; POSSIBLE_DUPLICATE items are not
    /// the profile's to close).
    /// </summary>
    private static async Task WriteChangedAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        ChangedProfile[] changed,
        List<Guid> lapsed,
        string cause,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await using (var temp = new NpgsqlCommand(
            """
            -- Compressed here as the target columns are: UPDATE ... FROM keeps a value compressed as it was stored.
            CREATE TEMP TABLE IF NOT EXISTS reconciled_profiles (
                nip text PRIMARY KEY, version int, content text COMPRESSION lz4, content_hash bytea, provenance text COMPRESSION lz4,
                employing_agency text, status text, position_level text, work_province text, box int, jpm numeric, jpm_category text,
                name text, nik_key text, name_key text, performance_class int, unplaced_reasons text[], position_since date, level_since date,
                complete boolean, analytics jsonb, updated_at timestamptz) ON COMMIT DELETE ROWS;
            CREATE TEMP TABLE IF NOT EXISTS reconciled_conflicts (nip text, kind text, field text, year int, scope text, candidates text) ON COMMIT DELETE ROWS;
            """,
            connection,
            transaction))
        {
            await temp.ExecuteNonQueryAsync(cancellationToken);
        }

        const string ProfileColumns = "nip, version, content, content_hash, provenance, employing_agency, status, position_level, work_province, box, jpm, "
            + "jpm_category, name, nik_key, name_key, performance_class, unplaced_reasons, position_since, level_since, complete, analytics, updated_at";
        var created = changed.Where(row => row.PreviousContent is null).ToList();
        var updated = changed.Where(row => row.PreviousContent is not null).ToList();
        if (created.Count > 0)
        {
            await CopyProfilesAsync(connection, $"COPY profiles ({ProfileColumns}) FROM STDIN (FORMAT BINARY)", created, now, cancellationToken);
        }

        if (updated.Count > 0)
        {
            await CopyProfilesAsync(connection, $"COPY reconciled_profiles ({ProfileColumns}) FROM STDIN (FORMAT BINARY)", updated, now, cancellationToken);
            await using var update = new NpgsqlCommand(
                """
                UPDATE profiles p SET version = r.version, content = r.content, content_hash = r.content_hash, provenance = r.provenance,
                    employing_agency = r.employing_agency, status = r.status, position_level = r.position_level, work_province = r.work_province,
                    box = r.box, jpm = r.jpm, jpm_category = r.jpm_category, name = r.name, nik_key = r.nik_key, name_key = r.name_key,
                    performance_class = r.performance_class, unplaced_reasons = r.unplaced_reasons, position_since = r.position_since,
                    level_since = r.level_since, complete = r.complete, analytics = r.analytics, updated_at = r.updated_at
                FROM reconciled_profiles r
                WHERE p.nip = r.nip
                """,
                connection,
                transaction);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var versions = await connection.BeginBinaryImportAsync(
            "COPY profile_versions (nip, version, kind, changes, cause, changed_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in changed)
            {
                await versions.StartRowAsync(cancellationToken);
                await versions.WriteAsync(row.Profile.Nip, NpgsqlDbType.Text, cancellationToken);
                await versions.WriteAsync(row.Version, NpgsqlDbType.Integer, cancellationToken);
                await versions.WriteAsync(row.FeedKind, NpgsqlDbType.Text, cancellationToken);
                await versions.WriteAsync(row.Changes, NpgsqlDbType.Text, cancellationToken);
                await versions.WriteAsync(cause, NpgsqlDbType.Text, cancellationToken);
                await versions.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await versions.CompleteAsync(cancellationToken);
        }

        // The feed in NIP order: the rows are (the chunk's people are reconciled in that order).
        await using (var feed = await connection.BeginBinaryImportAsync("COPY change_feed (nip, version, kind, changed_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in changed)
            {
                await feed.StartRowAsync(cancellationToken);
                await feed.WriteAsync(row.Profile.Nip, NpgsqlDbType.Text, cancellationToken);
                await feed.WriteAsync(row.Version, NpgsqlDbType.Integer, cancellationToken);
                await feed.WriteAsync(row.FeedKind, NpgsqlDbType.Text, cancellationToken);
                await feed.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await feed.CompleteAsync(cancellationToken);
        }

        await using (var conflicts = await connection.BeginBinaryImportAsync(
            "COPY reconciled_conflicts (nip, kind, field, year, scope, candidates) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var row in changed)
            {
                foreach (var conflict in row.Profile.Conflicts)
                {
                    await conflicts.StartRowAsync(cancellationToken);
                    await conflicts.WriteAsync(row.Profile.Nip, NpgsqlDbType.Text, cancellationToken);
                    await conflicts.WriteAsync(conflict.Kind, NpgsqlDbType.Text, cancellationToken);
                    await conflicts.WriteAsync(conflict.Field ?? "", NpgsqlDbType.Text, cancellationToken);
                    await conflicts.WriteAsync(conflict.Year ?? 0, NpgsqlDbType.Integer, cancellationToken);
                    await conflicts.WriteAsync(conflict.Scope ?? "", NpgsqlDbType.Text, cancellationToken);
                    await conflicts.WriteAsync(
                        DecisionStore.WriteCandidates(conflict.Candidates), NpgsqlDbType.Text, cancellationToken);
                }
            }

            await conflicts.CompleteAsync(cancellationToken);
        }

        await using var write = new NpgsqlCommand(
            """
            -- A steward's resolution that lapsed (its chosen source changed the value) reopens its conflict, with today's candidates.
            UPDATE conflicts c SET status = 'OPEN', candidates = r.candidates, closed_at = NULL, decision_id = NULL, resolved_by = NULL,
                resolved_at = NULL, resolution_reason = NULL
            FROM reconciled_conflicts r
            WHERE c.decision_id = ANY(@lapsed) AND c.status = 'RESOLVED' AND r.nip = c.nip AND r.kind = c.kind AND r.field = coalesce(c.field, '')
              AND r.year = coalesce(c.year, 0) AND r.scope = coalesce(c.scope, '');
            UPDATE conflicts c SET status = 'CLOSED', closed_at = @now
            WHERE c.nip = ANY(@nips) AND c.status = 'OPEN' AND c.kind <> 'POSSIBLE_DUPLICATE'
              AND NOT EXISTS (
                  SELECT 1 FROM reconciled_conflicts r
                  WHERE r.nip = c.nip AND r.kind = c.kind AND r.field = coalesce(c.field, '') AND r.year = coalesce(c.year, 0) AND r.candidates = c.candidates);
            INSERT INTO conflicts (id, nip, kind, field, year, scope, candidates, status, opened_at)
            SELECT gen_random_uuid(), r.nip, r.kind, nullif(r.field, ''), nullif(r.year, 0), nullif(r.scope, ''), r.candidates, 'OPEN', @now
            FROM reconciled_conflicts r
            WHERE NOT EXISTS (
                SELECT 1 FROM conflicts c
                WHERE c.nip = r.nip AND c.status = 'OPEN' AND c.kind = r.kind AND coalesce(c.field, '') = r.field
                  AND coalesce(c.year, 0) = r.year AND c.candidates = r.candidates);
            """,
            connection,
            transaction);
        write.Parameters.AddWithValue("now", now);
        write.Parameters.Add(new NpgsqlParameter("nips", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = changed.Select(row => row.Profile.Nip).ToArray() });
        write.Parameters.Add(new NpgsqlParameter("lapsed", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = lapsed.ToArray() });
        await write.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>One row a profile, in the columns of <c>profiles</c>, by binary COPY into <paramref name="copy"/>'s table.</summary>
    private static async Task CopyProfilesAsync(NpgsqlConnection connection, string copy, List<ChangedProfile> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var profiles = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            var summary = row.Profile.Summary;
            var keys = row.Profile.DuplicateKeys;
            var nameKey = keys.NormalizedName.Length == 0
                ? null
                : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{keys.NormalizedName}|{keys.BirthDate:yyyy-MM-dd}|{keys.EmployingAgency}");
            var facts = row.Profile.Analytics;
            await profiles.StartRowAsync(cancellationToken);
            await profiles.WriteAsync(row.Profile.Nip, NpgsqlDbType.Text, cancellationToken);
            await profiles.WriteAsync(row.Version, NpgsqlDbType.Integer, cancellationToken);
            await profiles.WriteAsync(row.Profile.ContentJson, NpgsqlDbType.Text, cancellationToken);
            await profiles.WriteAsync(row.Hash, NpgsqlDbType.Bytea, cancellationToken);
            await profiles.WriteAsync(row.Profile.ProvenanceJson, NpgsqlDbType.Text, cancellationToken);
            await profiles.WriteNullableAsync(summary.EmployingAgency, NpgsqlDbType.Text, cancellationToken);
            await profiles.WriteAsync(summary.Status, NpgsqlDbType.Text, cancellationToken);
            await profiles.WriteNullableAsync(summary.PositionLevel is { } level ? UpperSnakeCase.Of(level) : null, NpgsqlDbType.Text, cancellationToken);
            await profiles.WriteNullableAsync(summary.WorkProvince, NpgsqlDbType.Text, cancellationToken);
            await profiles.WriteNullableAsync(summary.Box, NpgsqlDbType.Integer, cancellationToken);
            await profiles.WriteNullableAsync(summary.Jpm, NpgsqlDbType.Numeric, cancellationToken);
            await profiles.WriteNullableAsync(summary.JpmCategory is { } category ? UpperSnakeCase.Of(category) : null, NpgsqlDbType.Text, cancellationToken);
            await profiles.WriteAsync(summary.Name.Length <= 200 ? summary.Name : summary.Name[..200], NpgsqlDbType.Text, cancellationToken);
            await profiles.WriteNullableAsync(keys.Nik, NpgsqlDbType.Text, cancellationToken);
            await profiles.WriteNullableAsync(BinaryImport.Bounded(nameKey, 300), NpgsqlDbType.Text, cancellationToken);
            await profiles.WriteNullableAsync((int?)facts.PerformanceClass, NpgsqlDbType.Integer, cancellationToken);
            await profiles.WriteAsync(facts.UnplacedReasons.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
            await profiles.WriteNullableAsync(facts.PositionSince, NpgsqlDbType.Date, cancellationToken);
            await profiles.WriteNullableAsync(facts.LevelSince, NpgsqlDbType.Date, cancellationToken);
            await profiles.WriteAsync(facts.Complete, NpgsqlDbType.Boolean, cancellationToken);
            await profiles.WriteAsync(AnalyticsFactsJson.Write(facts), NpgsqlDbType.Jsonb, cancellationToken);
            await profiles.WriteAsync(now, NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await profiles.CompleteAsync(cancellationToken);
    }
}
