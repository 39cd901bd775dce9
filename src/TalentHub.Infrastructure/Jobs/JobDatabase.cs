using Npgsql;

namespace TalentHub.Infrastructure.Jobs;

/// <summary>
/// The database as the background jobs reach it: a job's set-based statement over a whole submission may wait minutes
/// on a server busy with a national load, where a request's 30 s default would fail it (and Hangfire would redo the
/// work). Registered as a keyed data source; the jobs take it with <c>[FromKeyedServices(JobDatabase.Key)]</c>.
/// </summary>
public static class JobDatabase
{
    public const string Key = "jobs";
    public const int CommandTimeoutSeconds = 300;

    public static NpgsqlDataSource Create(string connectionString) =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = CommandTimeoutSeconds }.ConnectionString);
}
