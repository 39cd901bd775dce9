using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TalentHub.Api.Auth;
using TalentHub.Api.Operations;
using TalentHub.Domain.Access;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Reconciliation;

namespace TalentHub.Api.Standard;

/// <summary>
/// Changes to the configurable parts of the standard (docs/domain/standard.md#reference-data: levels per position, JPM
/// thresholds, methods). Each change is committed, then re-derives what it affects through an index rebuild: every
/// profile is recomputed and only those whose content changed get a version and a feed entry. The answer is the rebuild
/// (202).
/// </summary>
public static class AdminStandardApi
{
    public static IEndpointRouteBuilder MapAdminStandardApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin/standard").WithTags("Admin: standard").RequireScope(Scopes.Admin);
        admin.MapPut("/thresholds", PutThresholds).WithName("PutJpmThresholds").WithSummary("Set the JPM category thresholds; re-derives every profile");
        admin.MapPut("/levels/{positionLevel}", PutStandardLevels).WithName("PutStandardLevels").WithSummary("Set a position level's standard per competency; re-derives every profile");
        admin.MapPut("/methods/{method}", PutMethod).WithName("PutMethod").WithSummary("Set a method's rank, validity and use for talent decisions; re-derives every profile");
        return app;
    }

    public sealed record ThresholdsRequest(decimal? Optimal, decimal? CukupOptimal);

    public sealed record StandardLevelsRequest(Dictionary<string, int>? Standard, int? TechnicalDefault);

    public sealed record MethodRequest(int? Rank, int? ValidYears, bool? UsedForTalentDecisions);

    public static async Task<Results<Accepted<AdminIndexApi.RebuildResponse>, ValidationProblem>> PutThresholds(
        ThresholdsRequest request, TalentHubDbContext db, IndexRebuilder rebuilder, IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        if (request is not { Optimal: { } optimal, CukupOptimal: { } cukup } || cukup <= 0 || cukup >= optimal || optimal > 100
            || decimal.Round(optimal, 2) != optimal || decimal.Round(cukup, 2) != cukup)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["thresholds"] = ["optimal and cukupOptimal are required, with 0 < cukupOptimal < optimal <= 100, at most 2 decimals."],
            });
        }

        await db.JpmThresholds.Where(t => t.Category == JpmCategory.Optimal).ExecuteUpdateAsync(t => t.SetProperty(x => x.MinimumJpm, optimal), cancellationToken);
        await db.JpmThresholds.Where(t => t.Category == JpmCategory.CukupOptimal).ExecuteUpdateAsync(t => t.SetProperty(x => x.MinimumJpm, cukup), cancellationToken);
        return await AdminIndexApi.StartRebuildAsync("STANDARD_CHANGE thresholds", rebuilder, jobs, db, cancellationToken);
    }

    public static async Task<Results<Accepted<AdminIndexApi.RebuildResponse>, ValidationProblem, NotFound>> PutStandardLevels(
        string positionLevel, StandardLevelsRequest request, TalentHubDbContext db, IndexRebuilder rebuilder, IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        if (!UpperSnakeCase.TryParse<PositionLevel>(positionLevel, out var level))
        {
            return TypedResults.NotFound();
        }

        var codes = await db.Competencies.Where(c => c.Group != CompetencyGroup.Technical).Select(c => c.Code).ToListAsync(cancellationToken);
        var standard = request.Standard ?? [];
        if (!codes.Order(StringComparer.Ordinal).SequenceEqual(standard.Keys.Order(StringComparer.Ordinal))
            || standard.Values.Any(v => v is < 1 or > 5) || request.TechnicalDefault is < 1 or > 5)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["standard"] = [$"standard must give a level 1–5 for exactly {string.Join(", ", codes.Order(StringComparer.Ordinal))}; technicalDefault, when given, 1–5."],
            });
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            foreach (var (code, required) in standard)
            {
                await db.StandardLevels.Where(s => s.PositionLevel == level && s.CompetencyCode == code)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.Level, required), cancellationToken);
            }

            if (request.TechnicalDefault is { } technical)
            {
                await db.PositionLevels.Where(p => p.PositionLevel == level).ExecuteUpdateAsync(p => p.SetProperty(x => x.TechnicalDefault, technical), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        return await AdminIndexApi.StartRebuildAsync("STANDARD_CHANGE levels " + positionLevel, rebuilder, jobs, db, cancellationToken);
    }

    public static async Task<Results<Accepted<AdminIndexApi.RebuildResponse>, ValidationProblem, NotFound>> PutMethod(
        string method, MethodRequest request, TalentHubDbContext db, IndexRebuilder rebuilder, IBackgroundJobClient jobs, CancellationToken cancellationToken)
    {
        if (request is not { Rank: { } rank, ValidYears: { } validYears, UsedForTalentDecisions: { } forDecisions } || rank is < 1 or > 100 || validYears is < 1 or > 20)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["method"] = ["rank (1–100), validYears (1–20) and usedForTalentDecisions are required."],
            });
        }

        var updated = await db.Methods.Where(m => m.Code == method).ExecuteUpdateAsync(
            m => m.SetProperty(x => x.Rank, rank).SetProperty(x => x.ValidYears, validYears).SetProperty(x => x.UsedForTalentDecisions, forDecisions),
            cancellationToken);
        return updated == 0 ? TypedResults.NotFound() : await AdminIndexApi.StartRebuildAsync("STANDARD_CHANGE method " + method, rebuilder, jobs, db, cancellationToken);
    }
}
