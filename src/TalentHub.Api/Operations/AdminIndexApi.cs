using System.Text.Json;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Domain.Access;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Reconciliation;

namespace TalentHub.Api.Operations;

public static class AdminIndexApi
{
    private const string AccessLogName = "access-log";

    public static IEndpointRouteBuilder MapAdminIndexApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin: index").RequireScope(Scopes.Admin);
        admin.MapPost("/rebuild", Rebuild).WithName("RebuildIndex").WithSummary("Recompute every profile from the observations (no new versions where nothing changed)");
        admin.MapGet("/rebuilds/{id:guid}", GetRebuild).WithName("GetRebuild").WithSummary("Progress of an index rebuild");
        admin.MapGet("/access-log", AccessLog).WithName("GetAccessLog").WithSummary("Reads of unmasked personal data: who, when, which NIPs, which endpoint (newest first)");
        return app;
    }

    public sealed record RebuildResponse(Guid Id, string Status, string Cause, int Done, int Total, int Versions, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt);

    /// <summary>A read of unmasked personal data; <c>details</c> says what a read that names no NIPs one by one held (an export: its id, filter and row count).</summary>
    public sealed record AccessLogEntry(long Id, string ClientId, DateTimeOffset At, string Endpoint, IReadOnlyList<string> Nips, JsonElement? Details);

    public static async Task<Accepted<RebuildResponse>> Rebuild(IndexRebuilder rebuilder, IBackgroundJobClient jobs, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        return await StartRebuildAsync("ADMIN_REBUILD", rebuilder, jobs, db, cancellationToken);
    }

    /// <summary>Records a rebuild with its cause, enqueues its job, and answers 202 with where to follow it.</summary>
    public static async Task<Accepted<RebuildResponse>> StartRebuildAsync(
        string cause, IndexRebuilder rebuilder, IBackgroundJobClient jobs, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        var id = await rebuilder.CreateAsync(cause, cancellationToken);
        jobs.Enqueue<IndexRebuilder>(r => r.RunAsync(id, CancellationToken.None));
        var rebuild = await db.IndexRebuilds.AsNoTracking().SingleAsync(r => r.Id == id, cancellationToken);
        return TypedResults.Accepted($"/api/v1/admin/rebuilds/{id}", ToResponse(rebuild));
    }

    public static async Task<Results<Ok<RebuildResponse>, NotFound>> GetRebuild(Guid id, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        var rebuild = await db.IndexRebuilds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        return rebuild is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(rebuild));
    }

    public static async Task<Results<Ok<Page<AccessLogEntry>>, ValidationProblem>> AccessLog(TalentHubDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(AccessLogName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.PiiAccessLog.AsNoTracking();
        if (page.After is [var after] && long.TryParse(after, System.Globalization.CultureInfo.InvariantCulture, out var afterId))
        {
            query = query.Where(a => a.Id < afterId);
        }

        var rows = await query.OrderByDescending(a => a.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(
            rows,
            AccessLogName,
            a => [a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            a => new AccessLogEntry(a.Id, a.ClientId, a.At, a.Endpoint, a.Nips, a.Details is null ? null : JsonDocument.Parse(a.Details).RootElement.Clone())));
    }

    private static RebuildResponse ToResponse(IndexRebuild r) => new(r.Id, r.Status, r.Cause, r.Done, r.Total, r.Versions, r.CreatedAt, r.CompletedAt);
}
