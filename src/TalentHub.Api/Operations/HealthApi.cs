using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using AspNetHealthChecks = Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace TalentHub.Api.Operations;

/// <summary><c>/health/live</c> (the process answers) and <c>/health/ready</c> (the database and the job storage answer).</summary>
public static class HealthApi
{
    private const string ReadyTag = "ready";

    public static IServiceCollection AddTalentHubHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag])
            .AddCheck<JobStorageHealthCheck>("jobStorage", tags: [ReadyTag]);
        return services;
    }

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new AspNetHealthChecks.HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .DisableRateLimiting()
            .WithTags("Operations")
            .WithName("Live")
            .WithSummary("Liveness: the process answers");
        app.MapHealthChecks("/health/ready", new AspNetHealthChecks.HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync })
            .AllowAnonymous()
            .DisableRateLimiting()
            .WithTags("Operations")
            .WithName("Ready")
            .WithSummary("Readiness: the database and the job storage answer");
        return app;
    }

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString().ToUpperInvariant(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString().ToUpperInvariant(), description = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body), http.RequestAborted);
    }

    private sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("SELECT 1");
                command.CommandTimeout = 5;
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy("PostgreSQL answers.");
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL does not answer.");
            }
        }
    }

    private sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var servers = storage.GetMonitoringApi().Servers();
                return Task.FromResult(HealthCheckResult.Healthy($"Job storage answers; {servers.Count} worker server(s) registered."));
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                return Task.FromResult(HealthCheckResult.Unhealthy("Job storage does not answer."));
            }
        }
    }
}
