using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Api.Privacy;
using TalentHub.Domain.Access;
using TalentHub.Domain.Stewardship;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Stewardship;

/// <summary>
/// Conflicts for BKN's data stewards: the candidates of identity conflicts masked without <c>pii</c> (and unmasked reads
/// logged), a single conflict with its row version as ETag (the If-Match of a resolution), resolved ones with their decision.
/// </summary>
public static class ConflictsApi
{
    private const string ListName = "conflicts";

    public static IEndpointRouteBuilder MapConflictsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/conflicts").WithTags("Stewardship").RequireScope(Scopes.Stewardship);
        api.MapGet("/", ListConflicts).WithName("ListConflicts").WithSummary("Conflicts between agencies' data, filtered by status, kind, employing agency and NIP");
        api.MapGet("/{id:guid}", GetConflict).WithName("GetConflict").WithSummary("One conflict with every candidate value and its source; its ETag is the If-Match of a resolution")
            .Produces(StatusCodes.Status304NotModified);
        return app;
    }

    public sealed record ConflictResponse(
        Guid Id,
        string Nip,
        string Kind,
        string? Field,
        int? Year,
        JsonElement Candidates,
        string Status,
        DateTimeOffset OpenedAt,
        DateTimeOffset? ClosedAt,
        Guid? DecisionId,
        string? ResolvedBy,
        DateTimeOffset? ResolvedAt,
        string? Reason);

    public static async Task<Results<Ok<Page<ConflictResponse>>, ValidationProblem>> ListConflicts(
        HttpContext http, TalentHubDbContext db, TimeProvider clock, string? status, string? kind, string? agencyCode, string? nip, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var invalid = QueryValues.Errors([("status", status), ("kind", kind), ("agencyCode", agencyCode)], [("nip", nip)]);
        if (invalid.Count > 0)
        {
            return TypedResults.ValidationProblem(invalid);
        }

        if (!PageRequest.TryParse(ListName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Conflicts.AsNoTracking().Where(c => c.Status == (status ?? ConflictStatuses.Open));
        if (kind is not null)
        {
            query = query.Where(c => c.Kind == kind);
        }

        if (agencyCode is not null)
        {
            query = query.Where(c => db.Profiles.Any(p => p.Nip == c.Nip && p.EmployingAgency == agencyCode));
        }

        if (nip is not null)
        {
            query = query.Where(c => c.Nip == nip);
        }

        if (page.After is [var after] && Guid.TryParse(after, CultureInfo.InvariantCulture, out var afterId))
        {
            query = query.Where(c => c.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(c => c.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var unmasked = http.User.HasScope(Scopes.Pii);
        if (unmasked && rows.Count > 0)
        {
            await PiiAccessLog.WriteAsync(db, http, clock, [.. rows.Take(page.Limit).Select(c => c.Nip).Distinct()], cancellationToken);
        }

        return TypedResults.Ok(page.ToPage(rows, ListName, c => [c.Id.ToString()], c => ToResponse(c, unmasked)));
    }

    public static async Task<Results<Ok<ConflictResponse>, StatusCodeHttpResult, NotFound>> GetConflict(
        Guid id, HttpContext http, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var conflict = await db.Conflicts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conflict is null)
        {
            return TypedResults.NotFound();
        }

        // One ETag for every reader, masked or not: the row's version, which any write of the conflict changes.
        var etag = ConflictETag.Of(conflict.RowVersion);
        http.Response.Headers.ETag = etag;
        if (http.Request.Headers.IfNoneMatch.Count > 0
            && EntityTagHeaderValue.TryParseList(http.Request.Headers.IfNoneMatch, out var tags)
            && tags.Any(t => string.Equals(t.Tag.Value, etag, StringComparison.Ordinal)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        var unmasked = http.User.HasScope(Scopes.Pii);
        if (unmasked)
        {
            await PiiAccessLog.WriteAsync(db, http, clock, [conflict.Nip], cancellationToken);
        }

        return TypedResults.Ok(ToResponse(conflict, unmasked));
    }

    private static ConflictResponse ToResponse(Infrastructure.Data.Conflict c, bool unmasked)
    {
        using var candidates = JsonDocument.Parse(c.Candidates);
        return new(
            c.Id,
            c.Nip,
            c.Kind,
            c.Field,
            c.Year,
            unmasked ? candidates.RootElement.Clone() : PersonalDataMasking.Candidates(c.Field, candidates.RootElement),
            c.Status,
            c.OpenedAt,
            c.ClosedAt,
            c.DecisionId,
            c.ResolvedBy,
            c.ResolvedAt,
            c.ResolutionReason);
    }
}
