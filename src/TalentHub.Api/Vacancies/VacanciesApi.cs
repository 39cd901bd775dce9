using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Domain.Access;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Vacancies;

/// <summary>
/// Open positions an agency declares (docs/domain/analytics.md#jpt-rotation): JPT rotation offers them as destinations
/// to candidates of other agencies. An agency client declares, lists and closes its own; a client without an agency
/// (BKN) lists all. Closing keeps the row (closedAt), so what was offered stays on record.
/// </summary>
public static class VacanciesApi
{
    private const string ListName = "vacancies";
    private const int MaxRequiredCompetencies = 20;

    public static IEndpointRouteBuilder MapVacanciesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/vacancies").WithTags("Vacancies").RequireScope(Scopes.SubmissionsWrite);
        api.MapPost("/", DeclareVacancy).WithName("DeclareVacancy").WithSummary("Declare an open position of the token's agency");
        api.MapGet("/", ListVacancies).WithName("ListVacancies").WithSummary("Open vacancies (own agency; all for BKN), keyset-paged");
        api.MapGet("/{id:guid}", GetVacancy).WithName("GetVacancy").WithSummary("One vacancy");
        api.MapDelete("/{id:guid}", CloseVacancy).WithName("CloseVacancy").WithSummary("Close a vacancy of the token's agency");
        return app;
    }

    public sealed record VacancyRequest(string? PositionLevel, string? Title, string? Unit, string? ProvinceCode, Dictionary<string, int>? RequiredTechnical);

    public sealed record VacancyResponse(
        Guid Id, string AgencyCode, string PositionLevel, string Title, string? Unit, string ProvinceCode,
        IReadOnlyDictionary<string, int> RequiredTechnical, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

    public static async Task<Results<Created<VacancyResponse>, ValidationProblem, ProblemHttpResult>> DeclareVacancy(
        VacancyRequest request, ClaimsPrincipal user, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (user.AgencyCode() is not { } agencyCode)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Vacancies are declared by agency clients: the position belongs to the token's agency.");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.PositionLevel is null || !UpperSnakeCase.TryParse<PositionLevel>(request.PositionLevel, out _))
        {
            errors["positionLevel"] = ["positionLevel must be one of the standard's position levels."];
        }

        if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Length > 200)
        {
            errors["title"] = ["title is required, at most 200 characters."];
        }

        if (request.Unit is { Length: > 200 })
        {
            errors["unit"] = ["unit is at most 200 characters."];
        }

        if (request.ProvinceCode is null || !await db.Provinces.AnyAsync(p => p.Code == request.ProvinceCode, cancellationToken))
        {
            errors["provinceCode"] = ["provinceCode must be a province of the reference data."];
        }

        var required = request.RequiredTechnical ?? [];
        if (required.Count > MaxRequiredCompetencies)
        {
            errors["requiredTechnical"] = [$"At most {MaxRequiredCompetencies} required competencies."];
        }
        else if (required.Count > 0)
        {
            var codes = required.Keys.ToList();
            var technical = await db.Competencies.Where(c => codes.Contains(c.Code) && c.Group == CompetencyGroup.Technical).Select(c => c.Code).ToListAsync(cancellationToken);
            var problems = required
                .Where(r => !technical.Contains(r.Key) || r.Value is < 1 or > 5)
                .Select(r => $"'{r.Key}': must be a national technical competency with a required level 1–5.")
                .ToArray();
            if (problems.Length > 0)
            {
                errors["requiredTechnical"] = problems;
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var vacancy = new Vacancy
        {
            Id = Guid.CreateVersion7(clock.GetUtcNow()),
            AgencyCode = agencyCode,
            PositionLevel = request.PositionLevel!,
            Title = request.Title!.Trim(),
            Unit = request.Unit,
            ProvinceCode = request.ProvinceCode!,
            RequiredTechnical = JsonSerializer.Serialize(new SortedDictionary<string, int>(required, StringComparer.Ordinal)),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Vacancies.Add(vacancy);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/vacancies/{vacancy.Id}", ToResponse(vacancy));
    }

    public static async Task<Results<Ok<Page<VacancyResponse>>, ValidationProblem>> ListVacancies(
        ClaimsPrincipal user, TalentHubDbContext db, string? positionLevel, bool? includeClosed, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(ListName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = Visible(db, user);
        if (includeClosed is not true)
        {
            query = query.Where(v => v.ClosedAt == null);
        }

        if (positionLevel is not null)
        {
            query = query.Where(v => v.PositionLevel == positionLevel);
        }

        if (page.After is [var after] && Guid.TryParse(after, out var afterId))
        {
            query = query.Where(v => v.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(v => v.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(rows, ListName, v => [v.Id.ToString()], ToResponse));
    }

    public static async Task<Results<Ok<VacancyResponse>, NotFound>> GetVacancy(Guid id, ClaimsPrincipal user, TalentHubDbContext db, CancellationToken cancellationToken) =>
        await Visible(db, user).FirstOrDefaultAsync(v => v.Id == id, cancellationToken) is { } vacancy
            ? TypedResults.Ok(ToResponse(vacancy))
            : TypedResults.NotFound();

    public static async Task<Results<NoContent, NotFound>> CloseVacancy(
        Guid id, ClaimsPrincipal user, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var own = user.AgencyCode();
        var closed = await db.Vacancies
            .Where(v => v.Id == id && own != null && v.AgencyCode == own)
            .ExecuteUpdateAsync(v => v.SetProperty(x => x.ClosedAt, x => x.ClosedAt ?? clock.GetUtcNow()), cancellationToken);
        return closed == 1 ? TypedResults.NoContent() : TypedResults.NotFound();
    }

    private static IQueryable<Vacancy> Visible(TalentHubDbContext db, ClaimsPrincipal user)
    {
        var query = db.Vacancies.AsNoTracking();
        return user.AgencyCode() is { } own ? query.Where(v => v.AgencyCode == own) : query;
    }

    private static VacancyResponse ToResponse(Vacancy v) => new(
        v.Id, v.AgencyCode, v.PositionLevel, v.Title, v.Unit, v.ProvinceCode,
        JsonSerializer.Deserialize<SortedDictionary<string, int>>(v.RequiredTechnical) ?? [], v.CreatedAt, v.ClosedAt);
}
