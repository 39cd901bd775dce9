using Microsoft.EntityFrameworkCore;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Resilience;

namespace TalentHub.Api.Standard;

public static class StandardApi
{
    public static IEndpointRouteBuilder MapStandardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/standard", GetStandard)
            .RequireAnyScope()
            .WithTags("Reference")
            .WithName("GetStandard")
            .WithSummary("The national competency standard: competencies, levels, standard levels, methods, grades, provinces, JPM thresholds");
        return app;
    }

    public sealed record StandardResponse(
        IReadOnlyList<LevelResponse> Levels,
        IReadOnlyList<CompetencyResponse> Competencies,
        IReadOnlyList<TechnicalFamilyResponse> TechnicalDictionary,
        IReadOnlyList<PositionLevelResponse> PositionLevels,
        IReadOnlyList<MethodResponse> Methods,
        GradesResponse Grades,
        IReadOnlyList<ProvinceResponse> Provinces,
        IReadOnlyDictionary<JpmCategory, decimal> JpmThresholds);

    public sealed record LevelResponse(int Level, string Name, string Meaning);

    public sealed record CompetencyResponse(string Code, CompetencyGroup Group, string Name, string? NameEn, IReadOnlyList<string> Aliases);

    public sealed record TechnicalFamilyResponse(string Family, string FamilyName, IReadOnlyList<CompetencyResponse> Competencies);

    public sealed record PositionLevelResponse(
        PositionLevel PositionLevel,
        bool IsJpt,
        IReadOnlyDictionary<string, int> Standard,
        int TechnicalDefault,
        IReadOnlyList<PositionLevel> Feeders);

    public sealed record MethodResponse(string Code, int Rank, int ValidYears, bool UsedForTalentDecisions, string Name);

    public sealed record GradesResponse(IReadOnlyList<GradeResponse> Pns, IReadOnlyList<GradeResponse> Pppk);

    public sealed record GradeResponse(string Code, int Rank, string? Name);

    public sealed record ProvinceResponse(string Code, string Name, int RegenciesAndCities);

    public static async Task<ETagged<StandardResponse>> GetStandard(TalentHubDbContext db, DatabaseRetry retry, CancellationToken cancellationToken) =>
        ETags.Ok(await retry.ExecuteAsync(ct => new ValueTask<StandardResponse>(ReadStandardAsync(db, ct)), cancellationToken));

    private static async Task<StandardResponse> ReadStandardAsync(TalentHubDbContext db, CancellationToken cancellationToken)
    {
        var levels = await db.CompetencyLevels.AsNoTracking().OrderBy(l => l.Level).ToListAsync(cancellationToken);
        var competencies = await db.Competencies.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Code).ToListAsync(cancellationToken);
        var positionLevels = await db.PositionLevels.AsNoTracking().OrderBy(p => p.SortOrder).ToListAsync(cancellationToken);
        var standardLevels = await db.StandardLevels.AsNoTracking().ToListAsync(cancellationToken);
        var methods = await db.Methods.AsNoTracking().OrderBy(m => m.Rank).ToListAsync(cancellationToken);
        var grades = await db.Grades.AsNoTracking().OrderBy(g => g.Rank).ToListAsync(cancellationToken);
        var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.Code).ToListAsync(cancellationToken);
        var thresholds = await db.JpmThresholds.AsNoTracking().ToListAsync(cancellationToken);
        var competencyOrder = competencies.Select((c, i) => (c.Code, i)).ToDictionary(x => x.Code, x => x.i);

        return new StandardResponse(
            levels.Select(l => new LevelResponse(l.Level, l.Name, l.Meaning)).ToList(),
            competencies.Where(c => c.Group != CompetencyGroup.Technical).Select(ToResponse).ToList(),
            competencies.Where(c => c.Group == CompetencyGroup.Technical)
                .GroupBy(c => (c.Family ?? "", c.FamilyName ?? ""))
                .Select(g => new TechnicalFamilyResponse(g.Key.Item1, g.Key.Item2, g.Select(ToResponse).ToList()))
                .ToList(),
            positionLevels.Select(p => new PositionLevelResponse(
                p.PositionLevel,
                p.IsJpt,
                standardLevels.Where(s => s.PositionLevel == p.PositionLevel)
                    .OrderBy(s => competencyOrder.GetValueOrDefault(s.CompetencyCode, int.MaxValue))
                    .ToDictionary(s => s.CompetencyCode, s => s.Level),
                p.TechnicalDefault,
                p.Feeders)).ToList(),
            methods.Select(m => new MethodResponse(m.Code, m.Rank, m.ValidYears, m.UsedForTalentDecisions, m.Name)).ToList(),
            new GradesResponse(
                grades.Where(g => g.EmploymentType == EmploymentType.Pns).Select(g => new GradeResponse(g.Code, g.Rank, g.Name)).ToList(),
                grades.Where(g => g.EmploymentType == EmploymentType.Pppk).Select(g => new GradeResponse(g.Code, g.Rank, g.Name)).ToList()),
            provinces.Select(p => new ProvinceResponse(p.Code, p.Name, p.RegenciesAndCities)).ToList(),
            thresholds.OrderBy(t => t.Category).ToDictionary(t => t.Category, t => t.MinimumJpm));
    }

    private static CompetencyResponse ToResponse(Competency c) => new(c.Code, c.Group, c.Name, c.NameEn, c.Aliases);
}
