using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Api.ReadRouting;
using TalentHub.Domain.Access;
using TalentHub.Domain.Analytics;
using TalentHub.Domain.Standard;
using TalentHub.Domain.Time;

namespace TalentHub.Api.Analytics;

/// <summary>
/// Talent analytics (01-standard.md; 05-api.md, Analytics). Every figure reads stored derived values: the counts the
/// profile triggers keep (9-box, competency levels) and the profiles' analytics columns, never observations. An agency
/// client sees its own agency (asking for another is 403); a national client sees every agency and the national figures.
/// The handlers check the request; the queries live in one class per figure.
/// </summary>
public static class AnalyticsApi
{
    private const int MaxDestinations = 50;
    private const int DefaultDestinations = 10;
    private const int MaxScorecards = 100;

    public static IEndpointRouteBuilder MapAnalyticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/analytics").WithTags("Analytics").RequireScope(Scopes.AnalyticsRead).ReadsFromReplica();
        api.MapGet("/nine-box", GetNineBox).WithName("GetNineBox").WithSummary("ACTIVE people per 9-box box and UNPLACED by reason, with the regulation's recommendation");
        api.MapGet("/succession-pools", GetSuccessionPool).WithName("GetSuccessionPool").WithSummary("The ranked succession pool (KRS) of a target position level");
        api.MapGet("/rotation-candidates", GetRotationCandidates).WithName("GetRotationCandidates").WithSummary("DUE and ELIGIBLE JPT holders with their best-fitting destinations in other agencies");
        api.MapGet("/competency-map", GetCompetencyMap).WithName("GetCompetencyMap").WithSummary("Current competency levels per group, and the national ranking weakest first");
        api.MapGet("/data-quality", GetDataQuality).WithName("GetDataQuality").WithSummary("Per-agency data-quality scorecards with calibration flags");
        return app;
    }

    public static async Task<Results<Ok<NineBoxResponse>, ValidationProblem, ProblemHttpResult>> GetNineBox(
        ClaimsPrincipal user, NineBoxQueries nineBox, string? agencyCode, string? positionLevel, string? province, CancellationToken cancellationToken)
    {
        if (!TryScope(user, agencyCode, out var scope))
        {
            return OtherAgency();
        }

        if (positionLevel is not null && !UpperSnakeCase.TryParse<PositionLevel>(positionLevel, out _))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["positionLevel"] = ["positionLevel must be one of the standard's position levels."] });
        }

        return TypedResults.Ok(await nineBox.ReadAsync(scope, positionLevel, province, cancellationToken));
    }

    public static async Task<Results<Ok<PoolResponse>, ValidationProblem, ProblemHttpResult>> GetSuccessionPool(
        ClaimsPrincipal user, SuccessionPoolQueries pools, string? targetLevel, string? agencyCode, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!TryScope(user, agencyCode, out var scope))
        {
            return OtherAgency();
        }

        PageRequest.TryParse(SuccessionPoolQueries.ListName, limit, cursor, out var page, out var errors);
        PositionLevel target = default;
        if (targetLevel is null || !UpperSnakeCase.TryParse(targetLevel, out target))
        {
            errors["targetLevel"] = ["targetLevel is required: one of the standard's position levels."];
        }

        var after = page.After is { } key ? SuccessionPoolQueries.ParseCursor(key) : null;
        if (page.After is not null && after is null)
        {
            errors["cursor"] = ["The cursor is not one this list issued."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await pools.ReadAsync(target, scope, after, page.Limit, cancellationToken));
    }

    public static async Task<Results<Ok<RotationResponse>, ValidationProblem, ProblemHttpResult>> GetRotationCandidates(
        ClaimsPrincipal user, RotationQueries rotation, TimeProvider clock,
        string? level, string? agencyCode, DateOnly? asOf, int? destinationLimit, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!TryScope(user, agencyCode, out var scope))
        {
            return OtherAgency();
        }

        PageRequest.TryParse(RotationQueries.ListName, limit, cursor, out var page, out var errors);
        PositionLevel? levelFilter = null;
        if (level is not null)
        {
            if (UpperSnakeCase.TryParse<PositionLevel>(level, out var parsed) && JptRotation.IsJpt(parsed))
            {
                levelFilter = parsed;
            }
            else
            {
                errors["level"] = ["level must be JPT_UTAMA, JPT_MADYA or JPT_PRATAMA."];
            }
        }

        if (destinationLimit is < 1 or > MaxDestinations)
        {
            errors["destinationLimit"] = [$"destinationLimit must be between 1 and {MaxDestinations}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var evaluationDate = asOf ?? JakartaCalendar.DateOf(clock.GetUtcNow());
        return TypedResults.Ok(await rotation.ReadAsync(
            level, levelFilter, scope, user.AgencyCode() is null, evaluationDate, destinationLimit ?? DefaultDestinations, page.After is [var after] ? after : null,
            page.Limit, cancellationToken));
    }

    public static async Task<Results<Ok<CompetencyMapResponse>, ValidationProblem, ProblemHttpResult>> GetCompetencyMap(
        ClaimsPrincipal user, CompetencyMapQueries map, string? groupBy, string? competency, string? agencyCode, CancellationToken cancellationToken)
    {
        if (!TryScope(user, agencyCode, out var scope))
        {
            return OtherAgency();
        }

        var grouping = MapGrouping.Agency;
        if (groupBy is not null && !UpperSnakeCase.TryParse(groupBy, out grouping))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["groupBy"] = ["groupBy must be AGENCY, PROVINCE, AGENCY_TYPE or POSITION_LEVEL."] });
        }

        return TypedResults.Ok(await map.ReadAsync(grouping, scope, competency, cancellationToken));
    }

    public static async Task<Results<Ok<Page<Scorecard>>, ValidationProblem, ProblemHttpResult>> GetDataQuality(
        ClaimsPrincipal user, DataQualityQueries dataQuality, string? agencyCode, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!TryScope(user, agencyCode, out var scope))
        {
            return OtherAgency();
        }

        if (!PageRequest.TryParse(DataQualityQueries.ListName, limit, cursor, out var page, out var errors) || page.Limit > MaxScorecards)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxScorecards}."];
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await dataQuality.ReadAsync(scope, page.After is [var after] ? after : null, page.Limit, cancellationToken));
    }

    /// <summary>
    /// The agency the figures cover (null: national figures): an agency client's own, else what was asked; false when an
    /// agency client asks for another agency.
    /// </summary>
    private static bool TryScope(ClaimsPrincipal user, string? agencyCode, out string? scope)
    {
        scope = user.AgencyCode() ?? agencyCode;
        return user.AgencyCode() is not { } own || agencyCode is null || agencyCode == own;
    }

    private static ProblemHttpResult OtherAgency() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "An agency client sees the analytics of its own agency only.");

    /// <summary>The figures' services, one per figure, per request: each reads where the request's <see cref="ReadRoute"/> sends it.</summary>
    public static IServiceCollection AddTalentHubAnalytics(this IServiceCollection services) => services
        .AddScoped<NineBoxQueries>()
        .AddScoped<SuccessionPoolQueries>()
        .AddScoped<RotationQueries>()
        .AddScoped<CompetencyMapQueries>()
        .AddScoped<DataQualityQueries>();
}
