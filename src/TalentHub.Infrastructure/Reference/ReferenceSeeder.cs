using Microsoft.EntityFrameworkCore;
using TalentHub.Domain.Agencies;
using TalentHub.Domain.Standard;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Infrastructure.Reference;

/// <summary>
/// Seeds the configurable defaults on a new database. Each table is seeded only while it is empty, so an
/// admin's later changes to the standard are never overwritten by a redeploy; the seed agencies (BKN and the
/// 38 provincial governments) are added when missing.
/// </summary>
public static class ReferenceSeeder
{
    public const string BknAgencyCode = "BKN";

    public static async Task SeedAsync(TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var competencyFile = ReferenceData.Competencies;
        if (!await db.CompetencyLevels.AnyAsync(cancellationToken))
        {
            db.CompetencyLevels.AddRange(competencyFile.Levels.Select(l => new CompetencyLevel { Level = l.Level, Name = l.Name, Meaning = l.Meaning }));
        }

        if (!await db.Competencies.AnyAsync(cancellationToken))
        {
            db.Competencies.AddRange(competencyFile.Competencies.Select((c, index) => new Competency
            {
                Code = c.Code,
                Group = c.Group,
                Name = c.Name,
                NameEn = c.NameEn,
                Family = c.Family,
                FamilyName = c.FamilyName,
                Aliases = [.. c.Aliases],
                SortOrder = index,
            }));
        }

        var standardFile = ReferenceData.StandardLevels;
        if (!await db.PositionLevels.AnyAsync(cancellationToken))
        {
            db.PositionLevels.AddRange(standardFile.PositionLevels.Select((p, index) => new PositionLevelStandard
            {
                PositionLevel = p.PositionLevel,
                SortOrder = index,
                TechnicalDefault = p.TechnicalDefault,
                IsJpt = p.IsJpt,
                Feeders = [.. p.Feeders],
            }));
            db.StandardLevels.AddRange(standardFile.PositionLevels.SelectMany(p => p.Standard.Select(s => new StandardLevel
            {
                PositionLevel = p.PositionLevel,
                CompetencyCode = s.Key,
                Level = s.Value,
            })));
        }

        if (!await db.JpmThresholds.AnyAsync(cancellationToken))
        {
            db.JpmThresholds.AddRange(standardFile.JpmThresholds.Select(t => new JpmThreshold
            {
                Category = UpperSnakeCase.TryParse<JpmCategory>(t.Key, out var category)
                    ? category
                    : throw new InvalidOperationException($"Unknown JPM category '{t.Key}' in standard-levels.json."),
                MinimumJpm = t.Value,
            }));
        }

        if (!await db.Methods.AnyAsync(cancellationToken))
        {
            db.Methods.AddRange(ReferenceData.Methods.Methods.Select(m => new AssessmentMethod
            {
                Code = m.Code,
                Rank = m.Rank,
                ValidYears = m.ValidYears,
                UsedForTalentDecisions = m.UsedForTalentDecisions,
                Name = m.Name,
            }));
        }

        if (!await db.Grades.AnyAsync(cancellationToken))
        {
            var grades = ReferenceData.Grades;
            db.Grades.AddRange(grades.Pns.Select(g => new Grade { EmploymentType = EmploymentType.Pns, Code = g.Code, Rank = g.Rank, Name = g.Name }));
            db.Grades.AddRange(grades.Pppk.Select(g => new Grade { EmploymentType = EmploymentType.Pppk, Code = g.Code, Rank = g.Rank, Name = g.Name }));
        }

        var provinces = ReferenceData.Provinces.Provinces;
        if (!await db.Provinces.AnyAsync(cancellationToken))
        {
            db.Provinces.AddRange(provinces.Select(p => new Province { Code = p.Code, Name = p.Name, RegenciesAndCities = p.RegenciesAndCities }));
        }

        await db.SaveChangesAsync(cancellationToken);

        var now = clock.DatabaseNow();
        var seedAgencies = provinces
            .Select(p => new Agency { Code = AgencyCode.ForProvince(p.Code), Name = $"Pemerintah Provinsi {p.Name}", Kind = AgencyKind.Province, ProvinceCode = p.Code })
            .Prepend(new Agency { Code = BknAgencyCode, Name = "Badan Kepegawaian Negara", Kind = AgencyKind.Central, ProvinceCode = "31" })
            .ToList();
        var existing = await db.Agencies.Select(a => a.Code).ToListAsync(cancellationToken);
        foreach (var agency in seedAgencies.Where(a => !existing.Contains(a.Code)))
        {
            agency.CreatedAt = now;
            agency.UpdatedAt = now;
            db.Agencies.Add(agency);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
