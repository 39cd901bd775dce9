using System.Globalization;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Npgsql;
using TalentHub.Api.Auth;
using TalentHub.Api.Hosting;
using TalentHub.Api.Http;
using TalentHub.Api.Privacy;
using TalentHub.Api.Submissions;
using TalentHub.Domain.Access;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Api.Exports;

/// <summary>
/// Bulk exports (README.md, An integrator's full sync): one consistent snapshot of the index as a gzip file, with the
/// feed cursor to follow from. A client sees only its own exports (the owner is in every query's predicate).
/// </summary>
public static class ExportsApi
{
    private const string ListName = "exports";

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/exports").WithTags("Change feed").RequireScope(Scopes.ChangesRead);
        api.MapPost("/", CreateExport).WithName("CreateExport").WithSummary("Export the index (NDJSON or CSV, filtered) as one consistent snapshot; Idempotency-Key honoured")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/", ListExports).WithName("ListExports").WithSummary("The caller's exports, oldest first (keyset-paged)");
        api.MapGet("/{id:guid}", GetExport).WithName("GetExport").WithSummary("An export's status, progress, row count, size, checksum and feed cursor");
        api.MapGet("/{id:guid}/file", GetExportFile).WithName("GetExportFile").WithSummary("The export's gzip file as stored; Range requests resume a download; the ETag is its SHA-256")
            .ProducesAlternative(StatusCodes.Status200OK, "application/gzip", binary: true, "The whole gzip file (NDJSON or CSV inside).")
            .ProducesAlternative(StatusCodes.Status206PartialContent, "application/gzip", binary: true, "The byte range asked for with Range.")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status416RangeNotSatisfiable);
        return app;
    }

    public sealed record Progress(long Done, long Total);

    public sealed record ExportResponse(
        Guid Id,
        string Format,
        ExportFilter Filter,
        string Status,
        Progress Progress,
        long RowCount,
        long ByteSize,
        string? Sha256,
        string? FeedCursor,
        bool Unmasked,
        string RequestedBy,
        DateTimeOffset CreatedAt,
        DateTimeOffset? CompletedAt,
        DateTimeOffset? ExpiresAt,
        string? Error,
        string? File);

    public static async Task<Results<Accepted<ExportResponse>, ValidationProblem, ProblemHttpResult>> CreateExport(
        ExportRequest request,
        [FromHeader(Name = "Idempotency-Key")] string? idempotencyKey,
        HttpContext http,
        TalentHubDbContext db,
        IBackgroundJobClient jobs,
        IOptions<ExportSettings> settings,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = ExportRequests.Validate(request);
        if (idempotencyKey is not null && !SubmissionsApi.IsValidIdempotencyKey(idempotencyKey))
        {
            errors["Idempotency-Key"] = ["An Idempotency-Key is 1–255 visible ASCII characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var clientId = http.User.ClientId();
        var canonical = ExportRequests.Canonical(request);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // One creation per client at a time: the replay check and the running limit then see every earlier export.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended('exports:' || {clientId}, 7))", cancellationToken);
        if (idempotencyKey is not null
            && await db.Exports.AsNoTracking().SingleOrDefaultAsync(e => e.ClientId == clientId && e.IdempotencyKey == idempotencyKey, cancellationToken) is { } earlier)
        {
            return earlier.Request == canonical
                ? Accepted(earlier)
                : TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, detail: "This Idempotency-Key was used for a different export; use a new key.");
        }

        var running = await db.Exports.CountAsync(e => e.ClientId == clientId && (e.Status == ExportStatuses.Queued || e.Status == ExportStatuses.Running), cancellationToken);
        if (running >= settings.Value.MaxRunningPerClient)
        {
            http.Response.Headers.RetryAfter = "60";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                detail: $"{running} of your exports are queued or running (at most {settings.Value.MaxRunningPerClient}); retry when one has finished.");
        }

        var export = new Export
        {
            Id = Guid.CreateVersion7(),
            ClientId = clientId,
            IdempotencyKey = idempotencyKey,
            Request = canonical,
            Format = request.Format!,
            Filter = ExportRequests.FilterJson(request.Filter),
            Unmasked = http.User.HasScope(Scopes.Pii),
            Status = ExportStatuses.Queued,
            ChunkBytes = settings.Value.ChunkBytes,
            CreatedAt = clock.DatabaseNow(),
        };
        db.Exports.Add(export);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Enqueued after commit; an export whose job could not be enqueued is enqueued by the maintenance job.
        jobs.Enqueue<ExportJob>(job => job.RunAsync(export.Id, CancellationToken.None));
        return Accepted(export);
    }

    public static async Task<Results<Ok<Page<ExportResponse>>, ValidationProblem>> ListExports(
        HttpContext http, TalentHubDbContext db, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(ListName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var clientId = http.User.ClientId();
        var query = db.Exports.AsNoTracking().Where(e => e.ClientId == clientId);
        if (page.After is [var after])
        {
            if (!Guid.TryParse(after, CultureInfo.InvariantCulture, out var afterId))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not one this list issued."] });
            }

            query = query.Where(e => e.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(e => e.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, ListName, e => [e.Id.ToString()], ToResponse));
    }

    public static async Task<Results<Ok<ExportResponse>, NotFound>> GetExport(Guid id, HttpContext http, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        var clientId = http.User.ClientId();
        var export = await db.Exports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.ClientId == clientId, cancellationToken);
        return export is null ? TypedResults.NotFound() : TypedResults.Ok(ToResponse(export));
    }

    public static async Task<Results<FileStreamHttpResult, NotFound, ProblemHttpResult>> GetExportFile(
        Guid id, HttpContext http, TalentHubDbContext db, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken)
    {
        var clientId = http.User.ClientId();
        var export = await db.Exports.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id && e.ClientId == clientId, cancellationToken);
        if (export is null)
        {
            return TypedResults.NotFound();
        }

        switch (export.Status)
        {
            case ExportStatuses.Expired or ExportStatuses.Failed:
                return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, detail: $"The export is {export.Status}; create a new one.");
            case not ExportStatuses.Completed:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: $"The export is {export.Status}; its file is ready once it is COMPLETED.");
        }

        if (export.Unmasked)
        {
            if (!http.User.HasScope(Scopes.Pii))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "This export holds personal data in clear: downloading it needs the pii scope.");
            }

            await PiiAccessLog.WriteAsync(db, http, clock, [], PiiAccessLog.ExportDetails(export.Id, ExportRequests.ParseFilter(export.Filter), export.RowCount), cancellationToken);
        }

        var extension = export.Format == ExportFormats.Csv ? "csv" : "ndjson";
        return TypedResults.Stream(
            new ExportFileStream(dataSource, export.Id, export.ByteSize, export.ChunkBytes),
            "application/gzip",
            $"talenthub-export-{export.Id}.{extension}.gz",
            export.CompletedAt,
            new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(export.Sha256!)}\""),
            enableRangeProcessing: true);
    }

    private static Accepted<ExportResponse> Accepted(Export export) => TypedResults.Accepted($"/api/v1/exports/{export.Id}", ToResponse(export));

    private static ExportResponse ToResponse(Export e) => new(
        e.Id,
        e.Format,
        ExportRequests.ParseFilter(e.Filter),
        e.Status,
        new Progress(e.Done, e.Total),
        e.RowCount,
        e.ByteSize,
        e.Sha256 is null ? null : Convert.ToHexStringLower(e.Sha256),
        e.FeedCursor,
        e.Unmasked,
        e.ClientId,
        e.CreatedAt,
        e.CompletedAt,
        e.ExpiresAt,
        e.Error,
        e.Status == ExportStatuses.Completed ? $"/api/v1/exports/{e.Id}/file" : null);
}
