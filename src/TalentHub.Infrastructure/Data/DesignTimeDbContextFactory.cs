using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace TalentHub.Infrastructure.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running host or database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<TalentHubDbContext>
{
    public TalentHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<TalentHubDbContext>().UseNpgsql("Host=localhost;Database=talenthub_design").Options);
}
