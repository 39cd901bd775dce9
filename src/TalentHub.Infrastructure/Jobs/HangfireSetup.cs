using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace TalentHub.Infrastructure.Jobs;

public sealed class HangfireSettings
{
    /// <summary>The PostgreSQL schema of the job storage; tests give each host its own.</summary>
    public string Schema { get; set; } = "hangfire";

    public int WorkerCount { get; set; } = Math.Max(2, Environment.ProcessorCount);

    public string[] Queues { get; set; } = ["default"];
}

public static class HangfireSetup
{
    public static PostgreSqlStorageOptions StorageOptions(HangfireSettings settings) => new()
    {
        SchemaName = settings.Schema,
        // The schema is installed by the explicit migrate step, never implicitly at start-up.
        PrepareSchemaIfNecessary = false,
        // Without this, a job running longer than the invisibility timeout is fetched again and runs twice.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromMinutes(5),
        DistributedLockTimeout = TimeSpan.FromSeconds(30),
        QueuePollInterval = TimeSpan.FromMilliseconds(500),
    };

    public static IServiceCollection AddTalentHubHangfire(this IServiceCollection services, string connectionString, HangfireSettings settings, bool runServer)
    {
        services.AddHangfire((_, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(options => options.UseNpgsqlConnection(connectionString), StorageOptions(settings)));

        if (runServer)
        {
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = settings.WorkerCount;
                options.Queues = settings.Queues;
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        return services;
    }

    public static void InstallSchema(string connectionString, string schema)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        PostgreSqlObjectsInstaller.Install(connection, schema);
    }
}
