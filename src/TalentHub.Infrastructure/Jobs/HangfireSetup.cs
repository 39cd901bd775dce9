using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.AspNetCore;
using Hangfire.Logging;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using TalentHub.Infrastructure.Telemetry;

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
        // A running job's queue entry is kept alive every InvisibilityTimeout / 5; the entry of a job whose worker died
        // stops being renewed and is delivered again once this timeout passes, so it also bounds how long a killed
        // worker's job waits to resume. A delivery that arrives while the first run still lives (the database was
        // unreachable longer than this) finds the run's JobLock taken and steps aside.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromSeconds(15),
        DistributedLockTimeout = TimeSpan.FromSeconds(30),
        QueuePollInterval = TimeSpan.FromMilliseconds(500),
    };

    /// <summary>
    /// Hangfire's defaults resolve the storage and the job activator from process-wide statics (JobStorage.Current,
    /// JobActivator.Current), so two hosts in one process would share the last one configured. This host registers
    /// its own before AddHangfire (whose registrations are TryAdd), so its client and server use only its database
    /// and its container.
    /// </summary>
    public static IServiceCollection AddTalentHubHangfire(this IServiceCollection services, string connectionString, HangfireSettings settings, bool runServer)
    {
        var storageOptions = StorageOptions(settings);
        services.AddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        // Hangfire's global filters and this host's own, which its client and server read from here (GlobalJobFilters
        // is process-wide: a second host in the process would add them twice).
        services.AddSingleton<IJobFilterProvider>(new JobFilterProviderCollection(JobFilterProviders.Providers, new JobFilterCollection { new JobTracePropagation() }));
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .UseStorage(provider.GetRequiredService<JobStorage>()));

        if (runServer)
        {
            services.AddHostedService<RecurringJobsRegistration>();
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = settings.WorkerCount;
                options.Queues = settings.Queues;
                options.ServerName = ChunkLog.Worker;
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

/// <summary>
/// Hangfire's log provider is process-wide. If the host that set it is disposed while another host in the process
/// runs (integration tests), logging through it would throw; this provider falls silent instead.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return new SilentLog();
        }
    }

    private sealed class SilentLog : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception exception) => false;
    }
}
