using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Api.Privacy;
using TalentHub.Domain.Access;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Stewardship;

namespace TalentHub.Api.Stewardship;

/// <summary>
/// The steward's write side (docs/domain/reconciliation.md#stewardship): resolving conflicts, deciding
/// POSSIBLE_DUPLICATE items, unmerging, and the audit of every decision. <c>stewardship</c> only; an agency client can
/// never hold that scope.
/// </summary>
public static class StewardshipApi
{
    private const string DecisionListName = "steward-decisions";

    public static IEndpointRouteBuilder MapStewardshipApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Stewardship").RequireScope(Scopes.Stewardship);
        api.MapPost("/conflicts/{id:guid}/resolution", ResolveConflict).WithName("ResolveConflict")
            .WithSummary("Resolve an open conflict: the chosen agency's value or a typed value overrides survivorship until the chosen source changes it (If-Match required)")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired);
        api.MapPost("/duplicates/{id:guid}/decision", DecideDuplicate).WithName("DecideDuplicate")
            .WithSummary("LINK the two NIPs of a POSSIBLE_DUPLICATE item (merge) or KEEP_APART (never raised again on the same evidence)")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/profiles/{nip}/unmerge", Unmerge).WithName("UnmergeProfile")
            .WithSummary("Separate a NIP merged into this profile: both are recomputed from their own observations")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/stewardship/decisions", ListDecisions).WithName("ListStewardDecisions").WithSummary("Every steward decision, newest last (keyset-paged), optionally for one NIP");
        api.MapGet("/stewardship/decisions/{id:guid}", GetDecision).WithName("GetStewardDecision").WithSummary("One steward decision");
        return app;
    }

    public sealed record ResolutionRequest(string? ChosenAgencyCode, string? ChosenValue, string? Reason);

    public sealed record DuplicateDecisionRequest(string? Decision, string? SurvivingNip, string? Reason);

    public sealed record UnmergeRequest(string? Nip, string? Reason);

    /// <summary>A decision as audited: who, when, what, why, and which conflict or item.</summary>
    public sealed record DecisionResponse(
        Guid Id,
        string Kind,
        string Nip,
        string? OtherNip,
        Guid? ConflictId,
        string? ConflictKind,
        string? Field,
        int? Year,
        string? ChosenAgencyCode,
        string? ChosenValue,
        string Reason,
        string DecidedBy,
        DateTimeOffset DecidedAt,
        DateTimeOffset? LapsedAt);

    public static async Task<Results<Created<DecisionResponse>, NotFound, ValidationProblem, ProblemHttpResult>> ResolveConflict(
        Guid id, ResolutionRequest request, HttpContext http, StewardshipService stewardship, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.Request.Headers.IfMatch.Count == 0)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired, detail: "Name the conflict you decided on: send If-Match with the ETag of GET /api/v1/conflicts/{id}.");
        }

        // An If-Match naming no version of ours can never match: it is stale.
        var version = ConflictETag.TryParse(http.Request.Headers.IfMatch.ToString(), out var parsed) ? parsed : uint.MaxValue;
        var outcome = await stewardship.ResolveAsync(id, version, request.ChosenAgencyCode, request.ChosenValue, request.Reason, http.User.ClientId(), cancellationToken);
        return await DecidedAsync(outcome, http, db, clock, cancellationToken);
    }

    public static async Task<Results<Created<DecisionResponse>, NotFound, ValidationProblem, ProblemHttpResult>> DecideDuplicate(
        Guid id, DuplicateDecisionRequest request, HttpContext http, StewardshipService stewardship, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await stewardship.DecideDuplicateAsync(id, request.Decision, request.SurvivingNip, request.Reason, http.User.ClientId(), cancellationToken);
        return await DecidedAsync(outcome, http, db, clock, cancellationToken);
    }

    public static async Task<Results<Created<DecisionResponse>, NotFound, ValidationProblem, ProblemHttpResult>> Unmerge(
        string nip, UnmergeRequest request, HttpContext http, StewardshipService stewardship, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!QueryValues.IsNip(nip))
        {
            return TypedResults.NotFound();
        }

        var outcome = await stewardship.UnmergeAsync(nip, request.Nip, request.Reason, http.User.ClientId(), cancellationToken);
        return await DecidedAsync(outcome, http, db, clock, cancellationToken);
    }

    public static async Task<Results<Ok<Page<DecisionResponse>>, ValidationProblem>> ListDecisions(
        string? nip, int? limit, string? cursor, HttpContext http, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var invalid = QueryValues.Errors([], [("nip", nip)]);
        if (invalid.Count > 0)
        {
            return TypedResults.ValidationProblem(invalid);
        }

        if (!PageRequest.TryParse(DecisionListName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.StewardDecisions.AsNoTracking();
        if (nip is not null)
        {
            query = query.Where(d => d.Nip == nip || d.OtherNip == nip);
        }

        if (page.After is [var after])
        {
            if (!Guid.TryParse(after, CultureInfo.InvariantCulture, out var afterId))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not one this list issued."] });
            }

            query = query.Where(d => d.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(d => d.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var unmasked = await UnmaskedAsync(http, db, clock, rows.Take(page.Limit), cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, DecisionListName, d => [d.Id.ToString()], d => ToResponse(d, unmasked)));
    }

    public static async Task<Results<Ok<DecisionResponse>, NotFound>> GetDecision(
        Guid id, HttpContext http, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var decision = await db.StewardDecisions.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (decision is null)
        {
            return TypedResults.NotFound();
        }

        var unmasked = await UnmaskedAsync(http, db, clock, [decision], cancellationToken);
        return TypedResults.Ok(ToResponse(decision, unmasked));
    }

    private static async Task<Results<Created<DecisionResponse>, NotFound, ValidationProblem, ProblemHttpResult>> DecidedAsync(
        StewardOutcome outcome, HttpContext http, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        switch (outcome.Kind)
        {
            case StewardOutcomeKind.NotFound:
                return TypedResults.NotFound();
            case StewardOutcomeKind.Stale:
                return PreconditionFailed.Problem();
            case StewardOutcomeKind.NotDecidable:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: outcome.Detail);
            case StewardOutcomeKind.Invalid:
                return TypedResults.ValidationProblem(outcome.Errors!);
            default:
                var decision = await db.StewardDecisions.AsNoTracking().SingleAsync(d => d.Id == outcome.DecisionId, cancellationToken);
                var unmasked = await UnmaskedAsync(http, db, clock, [decision], cancellationToken);
                return TypedResults.Created($"/api/v1/stewardship/decisions/{decision.Id}", ToResponse(decision, unmasked));
        }
    }

    /// <summary>Whether the caller sees typed identity values in clear; such a read goes to the access log.</summary>
    private static async Task<bool> UnmaskedAsync(HttpContext http, TalentHubDbContext db, TimeProvider clock, IEnumerable<StewardDecision> decisions, CancellationToken cancellationToken)
    {
        if (!http.User.HasScope(Scopes.Pii))
        {
            return false;
        }

        var personal = decisions.Where(d => d.ChosenValue is not null && d.Field is "nik" or "birthPlace").Select(d => d.Nip).Distinct().ToArray();
        if (personal.Length > 0)
        {
            await PiiAccessLog.WriteAsync(db, http, clock, personal, cancellationToken);
        }

        return true;
    }

    private static DecisionResponse ToResponse(StewardDecision d, bool unmasked) => new(
        d.Id,
        d.Kind,
        d.Nip,
        d.OtherNip,
        d.ConflictId,
        d.ConflictKind,
        d.Field,
        d.Year,
        d.ChosenAgencyCode,
        unmasked || d.Field is null ? d.ChosenValue : PersonalDataMasking.MaskField(d.Field, d.ChosenValue),
        d.Reason,
        d.DecidedBy,
        d.DecidedAt,
        d.LapsedAt);
}

/// <summary>A conflict's ETag: its row version (PostgreSQL's xmin), the same whoever reads it, masked or not.</summary>
public static class ConflictETag
{
    public static string Of(uint version) => string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");

    public static bool TryParse(string ifMatch, out uint version)
    {
        version = 0;
        return EntityTagHeaderValue.TryParse(ifMatch, out var tag)
            && !tag.IsWeak
            && uint.TryParse(tag.Tag.AsSpan().Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out version);
    }
}
