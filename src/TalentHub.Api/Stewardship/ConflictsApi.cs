using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Api.Privacy;
using TalentHub.Domain.Access;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Stewardship;

/// <summary>
/// Open conflicts for BKN's data stewards (resolving them comes with the stewardship issue). The candidates of an
/// IDENTITY_MISMATCH on <c>nik</c> or <c>birthPlace</c> are agencies' personal data: masked without <c>pii</c>, and
/// every read with <c>pii</c> is written to the access log.
/// </summary>
public static class ConflictsApi
{
    private const string ListName = "conflicts";

    public static IEndpointRouteBuilder MapConflictsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/conflicts").WithTags("Stewardship").RequireScope(Scopes.Stewardship);
        api.MapGet("/", ListConflicts).WithName("ListConflicts").WithSummary("Conflicts between agencies' data, filtered by status, kind and employing agency");
        api.MapGet("/{id:guid}", GetConflict).WithName("GetConflict").WithSummary("One conflict with every candidate value and its source");
        return app;
    }

    public sealed record ConflictResponse(Guid Id, string Nip, string Kind, string? Field, int? Year, JsonElement Candidates, string Status, DateTimeOffset OpenedAt, DateTimeOffset? ClosedAt);

    public static async Task<Results<Ok<Page<ConflictResponse>>, ValidationProblem>> ListConflicts(
        HttpContext http,
        TalentHubDbContext db,
        TimeProvider clock,
        string? status,
        string? kind,
        string? agencyCode,
        int? limit,
        string? cursor,
        CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(ListName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Conflicts.AsNoTracking().Where(c => c.Status == (status ?? "OPEN"));
        if (kind is not null)
        {
            query = query.Where(c => c.Kind == kind);
        }

        if (agencyCode is not null)
        {
            query = query.Where(c => db.Profiles.Any(p => p.Nip == c.Nip && p.EmployingAgency == agencyCode));
        }

        if (page.After is [var after] && Guid.TryParse(after, CultureInfo.InvariantCulture, out var afterId))
        {
            query = query.Where(c => c.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(c => c.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var unmasked = http.User.HasScope(Scopes.Pii);
        var result = page.ToPage(rows, ListName, c => [c.Id.ToString()], c => ToResponse(c, unmasked));
        if (unmasked)
        {
            await PiiAccessLog.WriteAsync(db, http, clock, [.. result.Items.Select(c => c.Nip).Distinct(StringComparer.Ordinal)], cancellationToken);
        }

        return TypedResults.Ok(result);
    }

    public static async Task<Results<ETagged<ConflictResponse>, NotFound>> GetConflict(
        Guid id, HttpContext http, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var conflict = await db.Conflicts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (conflict is null)
        {
            return TypedResults.NotFound();
        }

        var unmasked = http.User.HasScope(Scopes.Pii);
        if (unmasked)
        {
            await PiiAccessLog.WriteAsync(db, http, clock, [conflict.Nip], cancellationToken);
        }

        return ETags.Ok(ToResponse(conflict, unmasked));
    }

    private static ConflictResponse ToResponse(Infrastructure.Data.Conflict c, bool unmasked)
    {
        using var candidates = JsonDocument.Parse(c.Candidates);
        var shown = unmasked ? candidates.RootElement.Clone() : PersonalDataMasking.Candidates(c.Field, candidates.RootElement);
        return new(c.Id, c.Nip, c.Kind, c.Field, c.Year, shown, c.Status, c.OpenedAt, c.ClosedAt);
    }
}
