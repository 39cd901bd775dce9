using Npgsql;

namespace TalentHub.Infrastructure.Jobs;

/// <summary>
/// A job run's claim on its work: a session advisory lock on a connection of its own, held for the whole run.
/// PostgreSQL drops it the moment the holder's connection closes, so the job of a killed worker is free as soon as
/// Hangfire delivers it again, while two deliveries of one job never run at once.
/// </summary>
public sealed class JobLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly string _key;

    private JobLock(NpgsqlConnection connection, string key)
    {
        _connection = connection;
        _key = key;
    }

    /// <summary>The lock, or null while another run holds it.</summary>
    public static async Task<JobLock?> TryAcquireAsync(NpgsqlDataSource dataSource, string key, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@key, 7))", connection);
            command.Parameters.AddWithValue("key", key);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                return new JobLock(connection, key);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@key, 7))", _connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteScalarAsync(CancellationToken.None);
        }
        catch (NpgsqlException)
        {
            // A broken connection (the database restarted) holds no lock any more, and is not returned to the pool.
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
