using System.Net;
using Npgsql;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Operations;

/// <summary>A host whose database lost a table behind its back: the failure is a 500 problem, never a stack trace.</summary>
public sealed class DamagedDatabaseFactory : TalentHubFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["role"] = "api" };

    protected override async Task AfterMigrationAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("ALTER TABLE competency_levels RENAME TO competency_levels_lost", connection);
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class FaultTests(DamagedDatabaseFactory factory) : IClassFixture<DamagedDatabaseFactory>
{
    [Fact]
    public async Task An_unhandled_exception_is_a_500_problem_with_a_trace_id_and_no_internals()
    {
        using var admin = await factory.AdminClientAsync();

        using var response = await admin.GetAsync("/api/v1/standard");

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        var text = problem.ToString();
        Assert.DoesNotContain("competency_levels", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", text, StringComparison.Ordinal);
    }
}
