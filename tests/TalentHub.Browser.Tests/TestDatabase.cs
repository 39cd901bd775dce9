using Npgsql;
using Testcontainers.PostgreSql;

namespace TalentHub.Browser.Tests;

/// <summary>
/// The PostgreSQL server of the test run, as in the API tests: <c>TALENTHUB_TEST_PG</c> (started by deploy/local/test.sh)
/// when set, else a Testcontainers PostgreSQL 15; the host gets a database of its own on it.
/// </summary>
public static class TestDatabase
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _serverConnectionString;
    private static PostgreSqlContainer? _container;

    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await ServerAsync();
        var name = "talenthub_browser_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 50 }.ConnectionString;
    }

    private static async Task<string> ServerAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_serverConnectionString is not null)
            {
                return _serverConnectionString;
            }

            var fromEnvironment = Environment.GetEnvironmentVariable("TALENTHUB_TEST_PG");
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                _serverConnectionString = fromEnvironment;
            }
            else
            {
                _container = new PostgreSqlBuilder("postgres:15-alpine").Build();
                await _container.StartAsync();
                _serverConnectionString = _container.GetConnectionString();
            }

            return _serverConnectionString;
        }
        finally
        {
            Gate.Release();
        }
    }
}
