using Microsoft.EntityFrameworkCore;
using TalentHub.Infrastructure.Jobs;
using TalentHub.Infrastructure.Reference;
using TalentHub.Infrastructure.Resilience;

namespace TalentHub.Infrastructure.Data;

/// <summary>
/// The explicit migration step (the host's <c>migrate</c> verb, run by the deploy scripts and the test fixture):
/// applies the committed EF Core migrations, installs the job storage schema and seeds the reference data.
/// </summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(string connectionString, string hangfireSchema, TimeProvider clock, CancellationToken cancellationToken)
    {
        // A server that is still starting refuses connections for a moment: ride it out.
        var resilience = DatabaseResilience.Create(maxRetryAttempts: 8);
        await resilience.ExecuteAsync(async ct =>
        {
            var options = new DbContextOptionsBuilder<TalentHubDbContext>().UseNpgsql(connectionString).Options;
            await using var db = new TalentHubDbContext(options);
            await db.Database.MigrateAsync(ct);
            HangfireSetup.InstallSchema(connectionString, hangfireSchema);
            await ReferenceSeeder.SeedAsync(db, clock, ct);
        }, cancellationToken);
    }
}
