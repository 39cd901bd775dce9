using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Domain.Access;
using TalentHub.Domain.Agencies;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Resilience;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Api.Agencies;

public static class AgenciesApi
{
    private const string ListName = "agencies";

    public static IEndpointRouteBuilder MapAgenciesApi(this IEndpointRouteBuilder app)
    {
        var reference = app.MapGroup("/api/v1/agencies").WithTags("Reference").RequireAnyScope();
        reference.MapGet("/", ListAgencies).WithName("ListAgencies").WithSummary("List agencies (keyset-paged by code)");
        reference.MapGet("/{agencyCode}", GetAgency).WithName("GetAgency").WithSummary("Get one agency");

        app.MapPut("/api/v1/admin/agencies/{agencyCode}", UpsertAgency)
            .RequireScope(Scopes.Admin)
            .WithTags("Admin: agencies")
            .WithName("UpsertAgency")
            .WithSummary("Create or update an agency (If-Match optional)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return app;
    }

    public sealed record AgencyResponse(string Code, string Name, AgencyKind Kind, string? ProvinceCode, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    public sealed record UpsertAgencyRequest(string? Code, string? Name, AgencyKind? Kind, string? ProvinceCode);

    public static async Task<Results<Ok<Page<AgencyResponse>>, ValidationProblem>> ListAgencies(
        TalentHubDbContext db, DatabaseRetry retry, string? kind, string? provinceCode, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        PageRequest.TryParse(ListName, limit, cursor, out var page, out var errors);
        AgencyKind? kindFilter = null;
        if (kind is not null)
        {
            if (UpperSnakeCase.TryParse<AgencyKind>(kind, out var parsed))
            {
                kindFilter = parsed;
            }
            else
            {
                errors["kind"] = ["kind must be CENTRAL, PROVINCE, REGENCY or CITY."];
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = db.Agencies.AsNoTracking();
        if (kindFilter is { } k)
        {
            query = query.Where(a => a.Kind == k);
        }

        if (provinceCode is not null)
        {
            query = query.Where(a => a.ProvinceCode == provinceCode);
        }

        if (page.After is [var afterCode])
        {
            query = query.Where(a => string.Compare(a.Code, afterCode) > 0);
        }

        var rows = await retry.ExecuteAsync(async ct => await query.OrderBy(a => a.Code).Take(page.Limit + 1).ToListAsync(ct), cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, ListName, a => [a.Code], ToResponse));
    }

    public static async Task<Results<ETagged<AgencyResponse>, NotFound>> GetAgency(string agencyCode, TalentHubDbContext db, DatabaseRetry retry, CancellationToken cancellationToken)
    {
        var agency = await retry.ExecuteAsync(async ct => await db.Agencies.AsNoTracking().SingleOrDefaultAsync(a => a.Code == agencyCode, ct), cancellationToken);
        return agency is null ? TypedResults.NotFound() : ETags.Ok(ToResponse(agency));
    }

    public static async Task<Results<Created<AgencyResponse>, Ok<AgencyResponse>, ValidationProblem, ProblemHttpResult>> UpsertAgency(
        string agencyCode,
        UpsertAgencyRequest request,
        HttpContext http,
        TalentHubDbContext db,
        TimeProvider clock,
        IOptions<JsonOptions> json,
        CancellationToken cancellationToken)
    {
        var errors = await ValidateAsync(agencyCode, request, db, cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var now = clock.DatabaseNow();
        var agency = await db.Agencies.SingleOrDefaultAsync(a => a.Code == agencyCode, cancellationToken);
        var isNew = agency is null;
        if (agency is null)
        {
            if (http.Request.Headers.IfMatch.Count > 0)
            {
                return PreconditionFailed.Problem();
            }

            agency = new Agency { Code = agencyCode, Name = request.Name!.Trim(), CreatedAt = now };
            db.Agencies.Add(agency);
        }
        else if (ETags.IsStale(http.Request, ETags.Of(ToResponse(agency), json.Value.SerializerOptions)))
        {
            return PreconditionFailed.Problem();
        }

        agency.Name = request.Name!.Trim();
        agency.Kind = request.Kind!.Value;
        agency.ProvinceCode = request.ProvinceCode;
        agency.UpdatedAt = now;
        await db.SaveChangesAsync(cancellationToken);

        var response = ToResponse(agency);
        http.Response.Headers.ETag = ETags.Of(response, json.Value.SerializerOptions);
        return isNew ? TypedResults.Created($"/api/v1/agencies/{agencyCode}", response) : TypedResults.Ok(response);
    }

    private static async Task<Dictionary<string, string[]>> ValidateAsync(string agencyCode, UpsertAgencyRequest request, TalentHubDbContext db, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Code is not null && request.Code != agencyCode)
        {
            errors["code"] = ["The code in the body must equal the code in the path."];
        }

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200)
        {
            errors["name"] = ["name is required, at most 200 characters."];
        }

        if (request.Kind is null)
        {
            errors["kind"] = ["kind is required: CENTRAL, PROVINCE, REGENCY or CITY."];
        }
        else if (AgencyCode.Problems(agencyCode, request.Kind.Value, request.ProvinceCode) is { Count: > 0 } problems)
        {
            errors["code"] = [.. problems];
        }

        if (request.ProvinceCode is not null && !errors.ContainsKey("code")
            && !await db.Provinces.AnyAsync(p => p.Code == request.ProvinceCode, cancellationToken))
        {
            errors["provinceCode"] = [$"Province '{request.ProvinceCode}' is not in the reference data."];
        }

        return errors;
    }

    private static AgencyResponse ToResponse(Agency a) => new(a.Code, a.Name, a.Kind, a.ProvinceCode, a.CreatedAt, a.UpdatedAt);
}
