using System.Security.Claims;
using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Domain.Access;
using TalentHub.Domain.Normalization;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Normalization;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Api.Mappings;

/// <summary>
/// An agency's scales and dictionary (docs/domain/normalization.md#scales, #dictionary, #re-normalization). Every change starts a
/// re-normalization of exactly the records it affects, linked from the response (<c>Link: rel="renormalization"</c>).
/// </summary>
public static class MappingsApi
{
    public const int MaxDictionaryEntries = 5000;
    private const int MaxNameLength = 200;
    private const string ScaleListName = "scales";

    public static IEndpointRouteBuilder MapMappingsApi(this IEndpointRouteBuilder app)
    {
        var agency = app.MapGroup("/api/v1/agencies/{agencyCode}").WithTags("Mappings");
        var read = agency.MapGroup("").RequireAuthorization(ScopePolicies.MappingsRead);
        var write = agency.MapGroup("").RequireScope(Scopes.MappingsWrite);

        write.MapPut("/scales/{scaleCode}", PutScale).WithName("PutScale").WithSummary("Define a scale, or replace it with a new version (If-Match optional)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        read.MapGet("/scales", ListScales).WithName("ListScales").WithSummary("The agency's scales with their versions (keyset-paged by code)");
        read.MapGet("/scales/{scaleCode}", GetScale).WithName("GetScale").WithSummary("One scale with all its versions");
        read.MapGet("/dictionary", GetDictionary).WithName("GetDictionary").WithSummary("The agency's dictionary (its own entries; BKN's national aliases apply beneath them)");
        write.MapPut("/dictionary", PutDictionary).WithName("PutDictionary").WithSummary("Replace the agency's whole dictionary (If-Match optional)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        write.MapPost("/dictionary/entries", PostDictionaryEntry).WithName("PutDictionaryEntry").WithSummary("Add or change one dictionary entry (nationalCode may be IGNORE)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        write.MapDelete("/dictionary/entries", DeleteDictionaryEntry).WithName("DeleteDictionaryEntry").WithSummary("Remove one dictionary entry (?agencyCompetency=...)");
        read.MapGet("/unmapped", GetUnmapped).WithName("GetUnmapped").WithSummary("Unmapped scales, names and labels, with the results and records waiting on each");
        read.MapGet("/renormalizations/{id:guid}", GetRenormalization).WithName("GetRenormalization").WithSummary("Progress of a re-normalization after a mapping change");
        return app;
    }

    public static async Task<Results<Created<ScaleResponse>, Ok<ScaleResponse>, ValidationProblem, NotFound, ProblemHttpResult>> PutScale(
        string agencyCode,
        string scaleCode,
        JsonElement body,
        HttpContext http,
        TalentHubDbContext db,
        IBackgroundJobClient jobs,
        TimeProvider clock,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (!await IsVisibleAgencyAsync(http.User, agencyCode, db, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (!IsScaleCode(scaleCode))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scaleCode"] = ["A scale code is 1–64 characters of letters, digits, '.', '_' and '-'."] });
        }

        var parsed = ScaleDefinitions.Parse(body);
        if (parsed.Definition is null || parsed.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(parsed.Errors.ToDictionary(e => e.Key, e => e.Value));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAgencyAsync(db, agencyCode, cancellationToken);
        var versions = await db.ScaleVersions.Where(s => s.AgencyCode == agencyCode && s.ScaleCode == scaleCode).OrderBy(s => s.Version).ToListAsync(cancellationToken);
        if (versions.Count > 0 && ETags.IsStale(http.Request, ETags.Of(ToResponse(agencyCode, scaleCode, versions), json.Value.SerializerOptions)))
        {
            return PreconditionFailed.Problem();
        }

        var canonical = ScaleDefinitions.ToCanonicalJson(parsed.Definition);
        var latest = versions.LastOrDefault();
        if (latest is not null && latest.AppliesFrom == parsed.AppliesFrom && JsonEquals(latest.Definition, canonical))
        {
            var unchanged = ToResponse(agencyCode, scaleCode, versions);
            http.Response.Headers.ETag = ETags.Of(unchanged, json.Value.SerializerOptions);
            return TypedResults.Ok(unchanged);
        }

        versions.Add(new AgencyScaleVersion
        {
            AgencyCode = agencyCode,
            ScaleCode = scaleCode,
            Version = (latest?.Version ?? 0) + 1,
            AppliesFrom = parsed.AppliesFrom,
            Definition = canonical,
            CreatedAt = clock.DatabaseNow(),
            CreatedBy = http.User.ClientId(),
        });
        db.ScaleVersions.Add(versions[^1]);
        await db.SaveChangesAsync(cancellationToken);
        var run = await StartRenormalizationAsync(db, agencyCode, [scaleCode], [], clock, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        EnqueueRenormalization(jobs, http, agencyCode, run);

        var response = ToResponse(agencyCode, scaleCode, versions);
        http.Response.Headers.ETag = ETags.Of(response, json.Value.SerializerOptions);
        return latest is null
            ? TypedResults.Created($"/api/v1/agencies/{agencyCode}/scales/{scaleCode}", response)
            : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<Page<ScaleResponse>>, ValidationProblem, NotFound>> ListScales(
        string agencyCode, ClaimsPrincipal user, TalentHubDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!await IsVisibleAgencyAsync(user, agencyCode, db, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (!PageRequest.TryParse(ScaleListName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

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
        return TypedResults.Ok(page.ToPage(pageCodes, ScaleListName, c => [c], c => ToResponse(agencyCode, c, versions[c])));
    }

    public static async Task<Results<ETagged<ScaleResponse>, NotFound>> GetScale(
        string agencyCode, string scaleCode, ClaimsPrincipal user, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        if (!await IsVisibleAgencyAsync(user, agencyCode, db, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var versions = await db.ScaleVersions.AsNoTracking()
            .Where(s => s.AgencyCode == agencyCode && s.ScaleCode == scaleCode)
            .OrderBy(s => s.Version)
            .ToListAsync(cancellationToken);
        return versions.Count == 0 ? TypedResults.NotFound() : ETags.Ok(ToResponse(agencyCode, scaleCode, versions));
    }

    public static async Task<Results<ETagged<DictionaryResponse>, NotFound>> GetDictionary(
        string agencyCode, ClaimsPrincipal user, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        if (!await IsVisibleAgencyAsync(user, agencyCode, db, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        return ETags.Ok(await ReadDictionaryAsync(db, agencyCode, cancellationToken));
    }

    public static async Task<Results<Ok<DictionaryResponse>, ValidationProblem, NotFound, ProblemHttpResult>> PutDictionary(
        string agencyCode,
        DictionaryRequest request,
        HttpContext http,
        TalentHubDbContext db,
        IBackgroundJobClient jobs,
        TimeProvider clock,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (!await IsVisibleAgencyAsync(http.User, agencyCode, db, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var entries = request.Entries ?? [];
        var errors = entries.Count > MaxDictionaryEntries
            ? new Dictionary<string, string[]> { ["entries"] = [$"At most {MaxDictionaryEntries} entries."] }
            : await ValidateEntriesAsync(db, entries, cancellationToken);
        if (request.Entries is null)
        {
            errors["entries"] = ["entries is required (an empty list clears the dictionary)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAgencyAsync(db, agencyCode, cancellationToken);
        var current = await ReadDictionaryAsync(db, agencyCode, cancellationToken);
        if (ETags.IsStale(http.Request, ETags.Of(current, json.Value.SerializerOptions)))
        {
            return PreconditionFailed.Problem();
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
        var run = changedNames.Length > 0 ? await StartRenormalizationAsync(db, agencyCode, [], changedNames, clock, cancellationToken) : null;
        await transaction.CommitAsync(cancellationToken);
        if (run is not null)
        {
            EnqueueRenormalization(jobs, http, agencyCode, run);
        }

        var response = await ReadDictionaryAsync(db, agencyCode, cancellationToken);
        http.Response.Headers.ETag = ETags.Of(response, json.Value.SerializerOptions);
        return TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<DictionaryEntryResponse>, ValidationProblem, NotFound, ProblemHttpResult>> PostDictionaryEntry(
        string agencyCode,
        DictionaryEntryRequest request,
        HttpContext http,
        TalentHubDbContext db,
        IBackgroundJobClient jobs,
        TimeProvider clock,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        if (!await IsVisibleAgencyAsync(http.User, agencyCode, db, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var errors = await ValidateEntriesAsync(db, [request], cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key.Replace("entries[0].", "", StringComparison.Ordinal), e => e.Value));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await LockAgencyAsync(db, agencyCode, cancellationToken);
        if (ETags.IsStale(http.Request, ETags.Of(await ReadDictionaryAsync(db, agencyCode, cancellationToken), json.Value.SerializerOptions)))
        {
            return PreconditionFailed.Problem();
        }

        var canonical = CompetencyNames.Canonical(request.AgencyCompetency!);
        var entry = await db.DictionaryEntries.SingleOrDefaultAsync(e => e.AgencyCode == agencyCode && e.CanonicalName == canonical, cancellationToken);
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
        var run = changed ? await StartRenormalizationAsync(db, agencyCode, [], [canonical], clock, cancellationToken) : null;
        await transaction.CommitAsync(cancellationToken);
        if (run is not null)
        {
            EnqueueRenormalization(jobs, http, agencyCode, run);
        }

        return TypedResults.Ok(new DictionaryEntryResponse(entry.AgencyCompetency, entry.NationalCode, entry.UpdatedAt));
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteDictionaryEntry(
        string agencyCode,
        string? agencyCompetency,
        HttpContext http,
        TalentHubDbContext db,
        IBackgroundJobClient jobs,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!await IsVisibleAgencyAsync(http.User, agencyCode, db, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(agencyCompetency) || agencyCompetency.Length > MaxNameLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["agencyCompetency"] = ["agencyCompetency (the name to remove) is required."] });
        }

        var canonical = CompetencyNames.Canonical(agencyCompetency);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var entry = await db.DictionaryEntries.SingleOrDefaultAsync(e => e.AgencyCode == agencyCode && e.CanonicalName == canonical, cancellationToken);
        if (entry is null)
        {
            return TypedResults.NotFound();
        }

        db.DictionaryEntries.Remove(entry);
        await db.SaveChangesAsync(cancellationToken);
        var run = await StartRenormalizationAsync(db, agencyCode, [], [canonical], clock, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        EnqueueRenormalization(jobs, http, agencyCode, run);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<UnmappedResponse>, NotFound>> GetUnmapped(
        string agencyCode, ClaimsPrincipal user, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        if (!await IsVisibleAgencyAsync(user, agencyCode, db, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var items = await db.Database.SqlQuery<UnmappedRow>(
                $"""
                SELECT p.kind AS "Kind", p.scale_code AS "ScaleCode", min(p.value) AS "Value", count(*)::int AS "Results",
                       count(DISTINCT (p.submission_id, p.record_index))::int AS "Records"
                FROM pending_mappings p
                JOIN staged_records r ON r.submission_id = p.submission_id AND r.record_index = p.record_index
                WHERE p.agency_code = {agencyCode} AND r.state = 'PENDING_MAPPING'
                GROUP BY p.kind, p.scale_code, p.canonical_value
                ORDER BY count(*) DESC, min(p.value)
                LIMIT 1000
                """)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new UnmappedResponse(
            agencyCode,
            items.Select(i => new UnmappedItem(Enum.Parse<TalentHub.Infrastructure.Data.PendingKind>(i.Kind, ignoreCase: true), i.ScaleCode, i.Value, i.Results, i.Records)).ToList()));
    }

    public static async Task<Results<ETagged<RenormalizationResponse>, NotFound>> GetRenormalization(
        string agencyCode, Guid id, ClaimsPrincipal user, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        if (!await IsVisibleAgencyAsync(user, agencyCode, db, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var run = await db.Renormalizations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.AgencyCode == agencyCode, cancellationToken);
        return run is null ? TypedResults.NotFound() : ETags.Ok(RenormalizationResponse.From(run));
    }

    private sealed record UnmappedRow(string Kind, string? ScaleCode, string Value, int Results, int Records);

    /// <summary>An agency client reaches only its own agency (404 otherwise, existence not revealed); a BKN client any registered agency.</summary>
    private static async Task<bool> IsVisibleAgencyAsync(ClaimsPrincipal user, string agencyCode, TalentHubDbContext db, CancellationToken cancellationToken) =>
        (user.AgencyCode() is not { } own || own == agencyCode) && await db.Agencies.AnyAsync(a => a.Code == agencyCode, cancellationToken);

    /// <summary>Serializes mapping writes of one agency, so ETag checks and version numbers cannot race.</summary>
    private static Task LockAgencyAsync(TalentHubDbContext db, string agencyCode, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM agencies WHERE code = {agencyCode} FOR UPDATE", cancellationToken);

    private static async Task<Dictionary<string, string[]>> ValidateEntriesAsync(TalentHubDbContext db, IReadOnlyList<DictionaryEntryRequest> entries, CancellationToken cancellationToken)
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

    private static async Task<DictionaryResponse> ReadDictionaryAsync(TalentHubDbContext db, string agencyCode, CancellationToken cancellationToken)
    {
        var entries = await db.DictionaryEntries.AsNoTracking()
            .Where(e => e.AgencyCode == agencyCode)
            .OrderBy(e => e.CanonicalName)
            .Select(e => new DictionaryEntryResponse(e.AgencyCompetency, e.NationalCode, e.UpdatedAt))
            .ToListAsync(cancellationToken);
        return new DictionaryResponse(agencyCode, entries, "BKN's national aliases of GET /api/v1/standard apply to names without an entry here; national codes need no entry.");
    }

    private static async Task<Renormalization> StartRenormalizationAsync(
        TalentHubDbContext db, string agencyCode, string[] scales, string[] names, TimeProvider clock, CancellationToken cancellationToken)
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

    private static void EnqueueRenormalization(IBackgroundJobClient jobs, HttpContext http, string agencyCode, Renormalization run)
    {
        jobs.Enqueue<Renormalizer>(renormalizer => renormalizer.RunAsync(run.Id, CancellationToken.None));
        http.Response.Headers.Link = $"</api/v1/agencies/{agencyCode}/renormalizations/{run.Id}>; rel=\"renormalization\"";
    }

    private static ScaleResponse ToResponse(string agencyCode, string scaleCode, IReadOnlyList<AgencyScaleVersion> versions) => new(
        agencyCode,
        scaleCode,
        versions[^1].Version,
        versions.Select(v => new ScaleVersionResponse(v.Version, v.AppliesFrom, JsonDocument.Parse(v.Definition).RootElement.Clone(), v.CreatedAt)).ToList());

    private static bool JsonEquals(string left, string right)
    {
        using var leftDocument = JsonDocument.Parse(left);
        using var rightDocument = JsonDocument.Parse(right);
        return JsonElement.DeepEquals(leftDocument.RootElement, rightDocument.RootElement);
    }

    private static bool IsScaleCode(string code) =>
        code.Length is >= 1 and <= 64 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

}
