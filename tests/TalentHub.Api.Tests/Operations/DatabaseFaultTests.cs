using System.Net;
using Npgsql;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Operations;

[Collection(ApiCollection.Name)]
public sealed class DatabaseFaultTests(TalentHubFactory factory)
{
    [Fact]
    public async Task Requests_survive_the_server_dropping_every_pooled_connection()
    {
        using var admin = await factory.AdminClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/agencies/BKN")).StatusCode);

        var terminated = await TerminateServiceConnectionsAsync();

        Assert.True(terminated > 0, "the service held no pooled connection to drop");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/agencies/BKN")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/standard")).StatusCode);

        // Writes are not retried (a client retries them on 503 with Retry-After); spare the next tests the broken connections left in the pool.
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>What a PostgreSQL restart does to the service's pool: every idle connection is killed server-side.</summary>
    private async Task<int> TerminateServiceConnectionsAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle'",
            connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
