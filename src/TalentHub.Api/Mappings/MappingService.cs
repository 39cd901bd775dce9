using System.Security.Claims;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Normalization;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Api.Mappings;

/// <summary>What a mapping write did: refused as stale (If-Match), left as it was, created, or changed.</summary>
public enum WriteOutcome
{
    Stale,
    Unchanged,
    Created,
    Changed,
}

/// <summary>The outcome of a mapping write, the representation after it, and the re-normalization it started (if any).</summary>
public sealed record MappingWrite<T>(WriteOutcome Outcome, T? Value = null, Guid? Renormalization = null)
    where T : class;

/// <summary>
/// An agency's scales and dictionary (03-normalization.md): reads, and writes serialized per agency, each change starting
/// a re-normalization of exactly the records it affects. <c>isStale</c> tells whether the request's If-Match names
/// another representation than the current one.
/// </summary>
public sealed class MappingService(TalentHubDbContext db, IBackgroundJobClient jobs, TimeProvider clock)
{
    public const int MaxDictionaryEntries = 5000;
    public const int MaxNameLength = 200;

    private const string NationalAliases = "BKN's national aliases of GET /api/v1/standard apply to names without an entry here; national codes need no entry.";
    private const int MaxUnmappedItems = 1000;

    /// <summary>An agency client reaches only its own agency (404 otherwise, existence not revealed); a BKN client any registered agency.</summary>
    public async Task<bool> IsVisibleAgencyAsync(ClaimsPrincipal user, string agencyCode, CancellationToken cancellationToken) =>
        (user.AgencyCode() is not { } own || own == agencyCode) && await db.Agencies.AnyAsync(a => a.Code == agencyCode, cancellationToken);

    public async Task<MappingWrite<ScaleResponse>> PutScaleAsync(
        string agencyCode, string scaleCode, ScaleDefinition definition, DateOnly? appliesFrom, string clientId, Func<ScaleResponse, bool> isStale,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAgencyAsync(agencyCode, cancellationToken);
        var versions = await db.ScaleVersions.Where(s => s.AgencyCode == agencyCode && s.ScaleCode == scaleCode).OrderBy(s => s.Version).ToListAsync(cancellationToken);
        if (versions.Count > 0 && isStale(ToResponse(agencyCode, scaleCode, versions)))
        {
            return new(WriteOutcome.Stale);
        }

        var canonical = ScaleDefinitions.ToCanonicalJson(definition);
        var latest = versions.LastOrDefault();
        if (latest is not null && latest.AppliesFrom == appliesFrom && JsonEquals(latest.Definition, canonical))
        {
            return new(WriteOutcome.Unchanged, ToResponse(agencyCode, scaleCode, versions));
        }

        versions.Add(new AgencyScaleVersion
        {
            AgencyCode = agencyCode,
            ScaleCode = scaleCode,
            Version = (latest?.Version ?? 0) + 1,
            AppliesFrom = appliesFrom,
            Definition = canonical,
            CreatedAt = clock.DatabaseNow(),
            CreatedBy = clientId,
        });
        db.ScaleVersions.Add(versions[^1]);
        await db.SaveChangesAsync(cancellationToken);
        var run = await StartRenormalizationAsync(agencyCode, [scaleCode], [], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Enqueue(run);
        return new(latest is null ? WriteOutcome.Created : WriteOutcome.Changed, ToResponse(agencyCode, scaleCode, versions), run.Id);
    }

    /// <summary>The agency's scales keyset-paged by code, each with all its versions.</summary>
    public async Task<Page<ScaleResponse>> ListScalesAsync(string agencyCode, PageRequest page, string listName, CancellationToken cancellationToken)
    {
        var codes = db.ScaleVersions.Where(s => s.AgencyCode == agencyCode).Select(s => s.ScaleCode).Distinct();
        if (page.After is [var after])
        {
            codes = codes.Where(c => string.Compare(c, after) > 0);
        }

        var pageCodes = await codes.OrderBy(c => c).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var versions = (await db.ScaleVersions.AsNoTracking()
                .Where(s => s.AgencyCode == agencyCode && pageCodes.Contains(s.ScaleCode))
                .OrderBy(s => s.ScaleCode).ThenBy(s => s.Version)
                .ToListAsync(cancellationToken))
            .GroupBy(s => s.ScaleCode)
            .ToDictionary(g => g.Key, g => g.ToList());
        return page.ToPage(pageCodes, listName, c => [c], c => ToResponse(agencyCode, c, versions[c]));
    }

    public async Task<ScaleResponse?> GetScaleAsync(string agencyCode, string scaleCode, CancellationToken cancellationToken)
    {
        var versions = await db.ScaleVersions.AsNoTracking()
            .Where(s => s.AgencyCode == agencyCode && s.ScaleCode == scaleCode)
            .OrderBy(s => s.Version)
            .ToListAsync(cancellationToken);
        return versions.Count == 0 ? null : ToResponse(agencyCode, scaleCode, versions);
    }

    public async Task<DictionaryResponse> ReadDictionaryAsync(string agencyCode, CancellationToken cancellationToken)
    {
        var entries = await db.DictionaryEntries.AsNoTracking()
            .Where(e => e.AgencyCode == agencyCode)
            .OrderBy(e => e.CanonicalName)
            .Select(e => new DictionaryEntryResponse(e.AgencyCompetency, e.NationalCode, e.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new DictionaryResponse(agencyCode, entries, NationalAliases);
    }

    /// <summary>Errors keyed <c>entries[i].field</c>: names required, without control characters, unique ignoring case and spaces; national codes known or IGNORE.</summary>
    public async Task<Dictionary<string, string[]>> ValidateEntriesAsync(IReadOnlyList<DictionaryEntryRequest> entries, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var codes = (await db.Competencies.Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (string.IsNullOrWhiteSpace(entry.AgencyCompetency) || entry.AgencyCompetency.Trim().Length > MaxNameLength || entry.AgencyCompetency.Any(char.IsControl))
            {
                errors[$"entries[{i}].agencyCompetency"] = [$"agencyCompetency is required: 1–{MaxNameLength} characters without control characters."];
            }
            else if (!seen.Add(CompetencyNames.Canonical(entry.AgencyCompetency)))
            {
                errors[$"entries[{i}].agencyCompetency"] = ["This name appears twice (names match ignoring case and spaces)."];
            }

            if (entry.NationalCode is null || (entry.NationalCode != CompetencyNames.Ignore && !codes.Contains(entry.NationalCode)))
            {
                errors[$"entries[{i}].nationalCode"] = ["nationalCode must be a national competency code of GET /api/v1/standard, or IGNORE."];
            }
        }

        return errors;
    }

    /// <summary>Replaces the whole dictionary (entries validated); re-normalizes the names added, removed or now mapped elsewhere.</summary>
    public async Task<MappingWrite<DictionaryResponse>> ReplaceDictionaryAsync(
        string agencyCode, IReadOnlyList<DictionaryEntryRequest> entries, Func<DictionaryResponse, bool> isStale, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAgencyAsync(agencyCode, cancellationToken);
        if (isStale(await ReadDictionaryAsync(agencyCode, cancellationToken)))
        {
            return new(WriteOutcome.Stale);
        }

        var now = clock.DatabaseNow();
        var before = await db.DictionaryEntries.Where(e => e.AgencyCode == agencyCode).ToListAsync(cancellationToken);
        var after = entries.Select(e => new DictionaryEntry
        {
            AgencyCode = agencyCode,
            CanonicalName = CompetencyNames.Canonical(e.AgencyCompetency!),
            AgencyCompetency = e.AgencyCompetency!.Trim(),
            NationalCode = e.NationalCode!,
            UpdatedAt = now,
        }).ToList();
        // A name is affected when it was added, removed, or now maps elsewhere.
        var differences = before.Select(e => (e.CanonicalName, e.NationalCode)).ToHashSet();
        differences.SymmetricExceptWith(after.Select(e => (e.CanonicalName, e.NationalCode)));
        var changedNames = differences.Select(e => e.CanonicalName).Distinct().ToArray();
        db.DictionaryEntries.RemoveRange(before);
        await db.SaveChangesAsync(cancellationToken);
        db.DictionaryEntries.AddRange(after);
        await db.SaveChangesAsync(cancellationToken);
        var run = changedNames.Length > 0 ? await StartRenormalizationAsync(agencyCode, [], changedNames, cancellationToken) : null;
        await transaction.CommitAsync(cancellationToken);
        if (run is not null)
        {
            Enqueue(run);
        }

        return new(run is null ? WriteOutcome.Unchanged : WriteOutcome.Changed, await ReadDictionaryAsync(agencyCode, cancellationToken), run?.Id);
    }

    /// <summary>Adds or changes one entry (validated); re-normalizes its name when its national code changed.</summary>
    public async Task<MappingWrite<DictionaryEntryResponse>> PutDictionaryEntryAsync(
        string agencyCode, DictionaryEntryRequest request, Func<DictionaryResponse, bool> isStale, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAgencyAsync(agencyCode, cancellationToken);
        if (isStale(await ReadDictionaryAsync(agencyCode, cancellationToken)))
        {
            return new(WriteOutcome.Stale);
        }

        var canonical = CompetencyNames.Canonical(request.AgencyCompetency!);
        var entry = await db.DictionaryEntries.SingleOrDefaultAsync(e => e.AgencyCode == agencyCode && e.CanonicalName == canonical, cancellationToken);
        var created = entry is null;
        var changed = entry is null || entry.NationalCode != request.NationalCode;
        if (entry is null)
        {
            entry = new DictionaryEntry { AgencyCode = agencyCode, CanonicalName = canonical, AgencyCompetency = "", NationalCode = "" };
            db.DictionaryEntries.Add(entry);
        }

        entry.AgencyCompetency = request.AgencyCompetency!.Trim();
        entry.NationalCode = request.NationalCode!;
        entry.UpdatedAt = clock.DatabaseNow();
        await db.SaveChangesAsync(cancellationToken);
        var run = changed ? await StartRenormalizationAsync(agencyCode, [], [canonical], cancellationToken) : null;
        await transaction.CommitAsync(cancellationToken);
        if (run is not null)
        {
            Enqueue(run);
        }

        return new(
            created ? WriteOutcome.Created : changed ? WriteOutcome.Changed : WriteOutcome.Unchanged,
            new DictionaryEntryResponse(entry.AgencyCompetency, entry.NationalCode, entry.UpdatedAt), run?.Id);
    }

    /// <summary>Removes the entry of a name and re-normalizes that name; null when the agency has no such entry.</summary>
    public async Task<Guid?> DeleteDictionaryEntryAsync(string agencyCode, string agencyCompetency, CancellationToken cancellationToken)
    {
        var canonical = CompetencyNames.Canonical(agencyCompetency);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await db.DictionaryEntries.SingleOrDefaultAsync(e => e.AgencyCode == agencyCode && e.CanonicalName == canonical, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        db.DictionaryEntries.Remove(entry);
        await db.SaveChangesAsync(cancellationToken);
        var run = await StartRenormalizationAsync(agencyCode, [], [canonical], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Enqueue(run);
        return run.Id;
    }

    /// <summary>Unmapped scales, names and labels of records still PENDING_MAPPING, most results first.</summary>
    public async Task<UnmappedResponse> UnmappedAsync(string agencyCode, CancellationToken cancellationToken)
    {
        var pending = UpperSnakeCase.Of(RecordState.PendingMapping);
        var items = await db.Database.SqlQuery<UnmappedRow>(
                $"""
                SELECT p.kind AS "Kind", p.scale_code AS "ScaleCode", min(p.value) AS "Value", count(*)::int AS "Results",
                       count(DISTINCT (p.submission_id, p.record_index))::int AS "Records"
                FROM pending_mappings p
                JOIN record_states j ON j.submission_id = p.submission_id AND j.record_index = p.record_index
                WHERE p.agency_code = {agencyCode} AND j.state = {pending}
                GROUP BY p.kind, p.scale_code, p.canonical_value
                ORDER BY count(*) DESC, min(p.value)
                LIMIT {MaxUnmappedItems}
                """)
            .ToListAsync(cancellationToken);
        return new UnmappedResponse(
            agencyCode,
            [.. items.Select(i => new UnmappedItem(Enum.Parse<Infrastructure.Data.PendingKind>(i.Kind, ignoreCase: true), i.ScaleCode, i.Value, i.Results, i.Records))]);
    }

    public async Task<RenormalizationResponse?> GetRenormalizationAsync(string agencyCode, Guid id, CancellationToken cancellationToken)
    {
        var run = await db.Renormalizations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.AgencyCode == agencyCode, cancellationToken);
        return run is null ? null : RenormalizationResponse.From(run);
    }

    private sealed record UnmappedRow(string Kind, string? ScaleCode, string Value, int Results, int Records);

    /// <summary>Serializes mapping writes of one agency, so ETag checks and version numbers cannot race.</summary>
    private Task LockAgencyAsync(string agencyCode, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM agencies WHERE code = {agencyCode} FOR UPDATE", cancellationToken);

    private async Task<Renormalization> StartRenormalizationAsync(string agencyCode, string[] scales, string[] names, CancellationToken cancellationToken)
    {
        var run = new Renormalization
        {
            Id = Guid.CreateVersion7(),
            AgencyCode = agencyCode,
            Status = RenormalizationStatus.Queued,
            ChangedScales = scales,
            ChangedNames = names,
            CreatedAt = clock.DatabaseNow(),
        };
        db.Renormalizations.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    private void Enqueue(Renormalization run) =>
        jobs.Enqueue<Renormalizer>(renormalizer => renormalizer.RunAsync(run.Id, CancellationToken.None));

    private static ScaleResponse ToResponse(string agencyCode, string scaleCode, IReadOnlyList<AgencyScaleVersion> versions) => new(
        agencyCode,
        scaleCode,
        versions[^1].Version,
        [.. versions.Select(v => new ScaleVersionResponse(v.Version, v.AppliesFrom, JsonDocument.Parse(v.Definition).RootElement.Clone(), v.CreatedAt))]);

    private static bool JsonEquals(string left, string right)
    {
        using var leftDocument = JsonDocument.Parse(left);
        using var rightDocument = JsonDocument.Parse(right);
        return JsonElement.DeepEquals(leftDocument.RootElement, rightDocument.RootElement);
    }
}
