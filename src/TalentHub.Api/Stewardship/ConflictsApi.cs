using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Domain.Access;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Stewardship;

/// <summary>Open conflicts for BKN's data stewards (resolving them comes with the stewardship issue).</summary>
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
        TalentHubDbContext db, string? status, string? kind, string? agencyCode, int? limit, string? cursor, CancellationToken cancellationToken)
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
        return TypedResults.Ok(page.ToPage(rows, ListName, c => [c.Id.ToString()], ToResponse));
    }

    public static async Task<Results<ETagged<ConflictResponse>, NotFound>> GetConflict(Guid id, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        var conflict = await db.Conflicts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return conflict is null ? TypedResults.NotFound() : ETags.Ok(ToResponse(conflict));
    }

    private static ConflictResponse ToResponse(Infrastructure.Data.Conflict c) =>
        new(c.Id, c.Nip, c.Kind, c.Field, c.Year, JsonDocument.Parse(c.Candidates).RootElement.Clone(), c.Status, c.OpenedAt, c.ClosedAt);
}
