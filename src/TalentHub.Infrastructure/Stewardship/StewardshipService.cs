using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Stewardship;
using TalentHub.Domain.Time;
using TalentHub.Infrastructure.Jobs;
using TalentHub.Infrastructure.Reconciliation;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Infrastructure.Stewardship;

/// <summary>How a steward's decision ended.</summary>
public enum StewardOutcomeKind
{
    Decided,
    NotFound,

    /// <summary>The conflict changed since the ETag the steward named.</summary>
    Stale,

    /// <summary>The conflict or item is not open, or the NIPs are not in the state the decision needs.</summary>
    NotDecidable,
    Invalid,
}

public sealed record StewardOutcome(StewardOutcomeKind Kind, Guid? DecisionId = null, IDictionary<string, string[]>? Errors = null, string? Detail = null)
{
    public static readonly StewardOutcome NotFound = new(StewardOutcomeKind.NotFound);
    public static readonly StewardOutcome Stale = new(StewardOutcomeKind.Stale);

    public static StewardOutcome Decided(Guid id) => new(StewardOutcomeKind.Decided, id);

    public static StewardOutcome NotDecidable(string detail) => new(StewardOutcomeKind.NotDecidable, Detail: detail);

    public static StewardOutcome Invalid(IDictionary<string, string[]> errors) => new(StewardOutcomeKind.Invalid, Errors: errors);
}

/// <summary>
/// BKN's data stewards' decisions (docs/domain/reconciliation.md#stewardship): each one is recorded, takes effect on
/// the profiles and is reconciled in one transaction, with the people concerned locked as reconciliation locks them, so
/// a decision and a job never interleave on one person and a decision is never recorded without its effect.
/// </summary>
public sealed class StewardshipService([FromKeyedServices(JobDatabase.Key)] NpgsqlDataSource dataSource, Reconciler reconciler, TimeProvider clock)
{
    public static string CauseOf(Guid decisionId) => "STEWARD_DECISION " + decisionId;

    /// <summary>Resolves an open conflict (not a POSSIBLE_DUPLICATE item) if it is still at <paramref name="expectedVersion"/>.</summary>
    public async Task<StewardOutcome> ResolveAsync(
        Guid conflictId, uint expectedVersion, string? chosenAgencyCode, string? chosenValue, string? reason, string decidedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var nip = await ScalarAsync<string>(connection, transaction, "SELECT nip FROM conflicts WHERE id = @id AND kind <> 'POSSIBLE_DUPLICATE'", conflictId, cancellationToken);
        if (nip is null)
        {
            return StewardOutcome.NotFound;
        }

        if (await ScalarAsync<string>(connection, transaction, "SELECT p.merged_into FROM conflicts c JOIN profiles p ON p.nip = c.nip WHERE c.id = @id", conflictId, cancellationToken) is { } survivor)
        {
            return StewardOutcome.NotDecidable($"{nip} is merged into {survivor}: resolve the conflicts of {survivor}.");
        }

        // The person first, then the row: the order reconciliation takes them in.
        await Reconciler.LockAsync(connection, transaction, [nip], cancellationToken);
        StoredConflict conflict;
        await using (var read = new NpgsqlCommand(
            "SELECT kind, field, year, candidates, status, xmin::text::bigint FROM conflicts WHERE id = @id FOR UPDATE", connection, transaction))
        {
            read.Parameters.AddWithValue("id", conflictId);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            conflict = new StoredConflict(
                new ProfileConflict(
                    reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), DecisionStore.ReadCandidates(reader.GetString(3))),
                reader.GetString(4),
                (uint)reader.GetInt64(5));
        }

        if (conflict.Version != expectedVersion)
        {
            return StewardOutcome.Stale;
        }

        if (conflict.Status != ConflictStatuses.Open)
        {
            return StewardOutcome.NotDecidable($"The conflict is {conflict.Status}; only an OPEN conflict can be resolved.");
        }

        var today = JakartaCalendar.DateOf(clock.GetUtcNow());
        var errors = StewardRules.ValidateResolution(conflict.Value, nip, chosenAgencyCode, chosenValue, reason, today);
        if (errors.Count > 0)
        {
            return StewardOutcome.Invalid(errors);
        }

        var decisionId = Guid.CreateVersion7();
        var now = clock.DatabaseNow();
        await using (var write = new NpgsqlCommand(
            """
            INSERT INTO steward_decisions (id, kind, nip, conflict_id, conflict_kind, field, year, scope, chosen_agency_code, chosen_value, basis, reason, decided_by, decided_at)
            VALUES (@decision, 'RESOLUTION', @nip, @conflict, @kind, @field, @year, @scope, @agency, @value, @basis, @reason, @by, @now);
            UPDATE conflicts SET status = 'RESOLVED', decision_id = @decision, resolved_by = @by, resolved_at = @now, resolution_reason = @reason
            WHERE id = @conflict;
            """,
            connection,
            transaction))
        {
            write.Parameters.AddWithValue("decision", decisionId);
            write.Parameters.AddWithValue("nip", nip);
            write.Parameters.AddWithValue("conflict", conflictId);
            write.Parameters.AddWithValue("kind", conflict.Value.Kind);
            write.Parameters.Add(Nullable("field", conflict.Value.Field, NpgsqlDbType.Varchar));
            write.Parameters.Add(Nullable("year", conflict.Value.Year, NpgsqlDbType.Integer));
            write.Parameters.Add(Nullable("scope", conflict.Value.Scope, NpgsqlDbType.Varchar));
            write.Parameters.Add(Nullable("agency", chosenAgencyCode, NpgsqlDbType.Varchar));
            write.Parameters.Add(Nullable("value", chosenValue, NpgsqlDbType.Varchar));
            write.Parameters.AddWithValue("basis", DecisionStore.WriteCandidates(StewardResolution.BasisOf(conflict.Value, chosenAgencyCode)));
            write.Parameters.AddWithValue("reason", reason!);
            write.Parameters.AddWithValue("by", decidedBy);
            write.Parameters.AddWithValue("now", now);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await reconciler.ReconcileInAsync(connection, transaction, [nip], CauseOf(decisionId), Reconciler.ReconcileOptions.None, cancellationToken);
        // Records the steward did not see (accepted, not yet reconciled) may already change the chosen source's value:
        // the decision would lapse at once, so it is not taken; the steward reads the conflict again.
        if (await ScalarAsync<DateTimeOffset?>(connection, transaction, "SELECT lapsed_at FROM steward_decisions WHERE id = @id", decisionId, cancellationToken) is not null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return StewardOutcome.Stale;
        }

        await transaction.CommitAsync(cancellationToken);
        return StewardOutcome.Decided(decisionId);
    }

    /// <summary>
    /// LINK (the other NIP becomes an alias of the surviving one, as a previousNips merge) or KEEP_APART (the pair is
    /// not raised again on the evidence seen) an open POSSIBLE_DUPLICATE item; both rows of the pair are resolved.
    /// </summary>
    public async Task<StewardOutcome> DecideDuplicateAsync(
        Guid itemId, string? decision, string? survivingNip, string? reason, string decidedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        StewardRules.ValidateReason(reason, errors);
        if (decision is not (StewardDecisionKinds.Link or StewardDecisionKinds.KeepApart))
        {
            errors["decision"] = ["decision is LINK or KEEP_APART."];
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        string? first = null;
        string? second = null;
        await using (var find = new NpgsqlCommand("SELECT nip, field FROM conflicts WHERE id = @id AND kind = 'POSSIBLE_DUPLICATE'", connection, transaction))
        {
            find.Parameters.AddWithValue("id", itemId);
            await using var reader = await find.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                (first, second) = DecisionStore.PairKey(reader.GetString(0), reader.GetString(1));
            }
        }

        if (first is null || second is null)
        {
            return StewardOutcome.NotFound;
        }

        if (decision == StewardDecisionKinds.Link && survivingNip != first && survivingNip != second)
        {
            errors["survivingNip"] = ["For LINK, survivingNip is one of the item's two NIPs."];
        }

        if (errors.Count > 0)
        {
            return StewardOutcome.Invalid(errors);
        }

        await Reconciler.LockAsync(connection, transaction, [first, second], cancellationToken);
        string[] evidence;
        await using (var item = new NpgsqlCommand(
            """
            SELECT coalesce(evidence, '{}'), status,
                   (SELECT count(*) FROM profiles p WHERE p.nip IN (@a, @b) AND p.merged_into IS NULL)
            FROM conflicts WHERE id = @id FOR UPDATE
            """,
            connection,
            transaction))
        {
            item.Parameters.AddWithValue("id", itemId);
            item.Parameters.AddWithValue("a", first);
            item.Parameters.AddWithValue("b", second);
            await using var reader = await item.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            evidence = reader.GetFieldValue<string[]>(0);
            if (reader.GetString(1) != ConflictStatuses.Open)
            {
                return StewardOutcome.NotDecidable($"The item is {reader.GetString(1)}; only an OPEN item can be decided.");
            }

            if (reader.GetInt64(2) != 2)
            {
                return StewardOutcome.NotDecidable("One of the two NIPs is already merged into another profile.");
            }
        }

        var link = decision == StewardDecisionKinds.Link;
        var survivor = link ? survivingNip! : first;
        var other = survivor == first ? second : first;
        var decisionId = Guid.CreateVersion7();
        var now = clock.DatabaseNow();
        await using (var write = new NpgsqlCommand(
            """
            INSERT INTO steward_decisions (id, kind, nip, other_nip, conflict_id, conflict_kind, reason, decided_by, decided_at)
            VALUES (@decision, @kind, @survivor, @other, @item, 'POSSIBLE_DUPLICATE', @reason, @by, @now);
            UPDATE conflicts SET status = 'RESOLVED', decision_id = @decision, resolved_by = @by, resolved_at = @now, resolution_reason = @reason
            WHERE kind = 'POSSIBLE_DUPLICATE' AND status = 'OPEN' AND ((nip = @survivor AND field = @other) OR (nip = @other AND field = @survivor));
            """,
            connection,
            transaction))
        {
            write.Parameters.AddWithValue("decision", decisionId);
            write.Parameters.AddWithValue("kind", decision!);
            write.Parameters.AddWithValue("survivor", survivor);
            write.Parameters.AddWithValue("other", other);
            write.Parameters.AddWithValue("item", itemId);
            write.Parameters.AddWithValue("reason", reason!);
            write.Parameters.AddWithValue("by", decidedBy);
            write.Parameters.AddWithValue("now", now);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        if (!link)
        {
            await SeparateAsync(connection, transaction, first, second, decisionId, now, evidence, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return StewardOutcome.Decided(decisionId);
        }

        // LINK: as a previousNips merge. An earlier separation of the pair is void; aliases of the alias follow it to the survivor.
        await using (var merge = new NpgsqlCommand(
            """
            DELETE FROM separated_pairs WHERE nip_a = @a AND nip_b = @b;
            UPDATE profiles SET merged_into = @survivor WHERE merged_into = @other;
            """,
            connection,
            transaction))
        {
            merge.Parameters.AddWithValue("a", first);
            merge.Parameters.AddWithValue("b", second);
            merge.Parameters.AddWithValue("survivor", survivor);
            merge.Parameters.AddWithValue("other", other);
            await merge.ExecuteNonQueryAsync(cancellationToken);
        }

        await Reconciler.MergeIntoAsync(connection, transaction, [other], survivor, CauseOf(decisionId) + " (LINK)", cancellationToken);
        await reconciler.ReconcileInAsync(connection, transaction, [survivor], CauseOf(decisionId), Reconciler.ReconcileOptions.None, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StewardOutcome.Decided(decisionId);
    }

    /// <summary>
    /// Separates <paramref name="aliasNip"/> from the profile it was merged into (by a LINK or by previousNips): both are
    /// recomputed from their own observations, with an UNMERGED version each; the pair is remembered as separate.
    /// </summary>
    public async Task<StewardOutcome> UnmergeAsync(string survivorNip, string? aliasNip, string? reason, string decidedBy, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        StewardRules.ValidateReason(reason, errors);
        if (aliasNip is null || aliasNip.Length is 0 or > 18 || !aliasNip.All(char.IsAsciiDigit))
        {
            errors["nip"] = ["nip is the 18-digit NIP merged into this profile."];
        }

        if (errors.Count > 0)
        {
            return StewardOutcome.Invalid(errors);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await Reconciler.LockAsync(connection, transaction, [survivorNip, aliasNip!], cancellationToken);
        bool survivorExists;
        string? mergedInto = null;
        bool ownObservations;
        await using (var read = new NpgsqlCommand(
            """
            SELECT EXISTS (SELECT 1 FROM profiles WHERE nip = @survivor AND merged_into IS NULL),
                   (SELECT merged_into FROM profiles WHERE nip = @alias),
                   EXISTS (SELECT 1 FROM staged_records r JOIN record_states j ON j.submission_id = r.submission_id AND j.record_index = r.record_index
                           WHERE r.nip = @alias AND j.state = 'ACCEPTED')
            """,
            connection,
            transaction))
        {
            read.Parameters.AddWithValue("survivor", survivorNip);
            read.Parameters.AddWithValue("alias", aliasNip!);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            survivorExists = reader.GetBoolean(0);
            mergedInto = reader.IsDBNull(1) ? null : reader.GetString(1);
            ownObservations = reader.GetBoolean(2);
        }

        if (!survivorExists)
        {
            return StewardOutcome.NotFound;
        }

        if (mergedInto != survivorNip)
        {
            return StewardOutcome.NotDecidable($"{aliasNip} is not merged into {survivorNip}.");
        }

        if (!ownObservations)
        {
            return StewardOutcome.NotDecidable($"{aliasNip} has no accepted record of its own: there is no profile to give back.");
        }

        var decisionId = Guid.CreateVersion7();
        var now = clock.DatabaseNow();
        await using (var write = new NpgsqlCommand(
            """
            INSERT INTO steward_decisions (id, kind, nip, other_nip, reason, decided_by, decided_at)
            VALUES (@decision, 'UNMERGE', @survivor, @alias, @reason, @by, @now);
            UPDATE profiles SET merged_into = NULL WHERE nip = @alias;
            -- Separate before reconciling, so that the survivor's previousNips do not merge the alias back; the evidence
            -- comes once both profiles are recomputed.
            INSERT INTO separated_pairs (nip_a, nip_b, evidence, decision_id, decided_at)
            VALUES (least(@survivor, @alias), greatest(@survivor, @alias), '{}', @decision, @now)
            ON CONFLICT (nip_a, nip_b) DO UPDATE SET decision_id = excluded.decision_id, decided_at = excluded.decided_at;
            """,
            connection,
            transaction))
        {
            write.Parameters.AddWithValue("decision", decisionId);
            write.Parameters.AddWithValue("survivor", survivorNip);
            write.Parameters.AddWithValue("alias", aliasNip!);
            write.Parameters.AddWithValue("reason", reason!);
            write.Parameters.AddWithValue("by", decidedBy);
            write.Parameters.AddWithValue("now", now);
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        var (first, second) = DecisionStore.PairKey(survivorNip, aliasNip!);
        var options = new Reconciler.ReconcileOptions(
            new Dictionary<string, string>(StringComparer.Ordinal) { [survivorNip] = "UNMERGED", [aliasNip!] = "UNMERGED" },
            (c, t, ct) => SeparateAsync(c, t, first, second, decisionId, now, [], ct));
        await reconciler.ReconcileInAsync(connection, transaction, [survivorNip, aliasNip!], CauseOf(decisionId), options, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StewardOutcome.Decided(decisionId);
    }

    /// <summary>
    /// Records that two NIPs are different people: with the evidence the steward saw and every evidence their profiles
    /// share now, so that only new evidence raises the pair again (and previousNips no longer merge them).
    /// </summary>
    private static async Task SeparateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string first, string second, Guid decisionId, DateTimeOffset now, string[] seen, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO separated_pairs (nip_a, nip_b, evidence, decision_id, decided_at)
            SELECT @a, @b, ARRAY(SELECT DISTINCT e FROM (
                       SELECT 'SAME_NIK:' || a.nik_key AS e FROM profiles a JOIN profiles b ON b.nip = @b AND b.nik_key = a.nik_key WHERE a.nip = @a
                       UNION ALL
                       SELECT 'SAME_NAME_AND_BIRTH_DATE:' || a.name_key FROM profiles a JOIN profiles b ON b.nip = @b AND b.name_key = a.name_key WHERE a.nip = @a
                       UNION ALL
                       SELECT unnest(@seen)) x ORDER BY e),
                   @decision, @now
            ON CONFLICT (nip_a, nip_b) DO UPDATE SET
                evidence = ARRAY(SELECT DISTINCT e FROM unnest(separated_pairs.evidence || excluded.evidence) AS e ORDER BY e),
                decision_id = excluded.decision_id, decided_at = excluded.decided_at
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("a", first);
        command.Parameters.AddWithValue("b", second);
        command.Parameters.Add(new NpgsqlParameter("seen", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = seen });
        command.Parameters.AddWithValue("decision", decisionId);
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteScalarAsync(cancellationToken) is T value ? value : default;
    }

    private static NpgsqlParameter Nullable(string name, object? value, NpgsqlDbType type) => new(name, type) { Value = value ?? DBNull.Value };

    private sealed record StoredConflict(ProfileConflict Value, string Status, uint Version);
}
