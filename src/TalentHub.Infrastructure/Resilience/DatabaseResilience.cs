using Npgsql;
using Polly;
using Polly.Retry;

namespace TalentHub.Infrastructure.Resilience;

/// <summary>
/// Retries database work on transient PostgreSQL errors (connection loss, server restart, serialization
/// failures, deadlocks) with exponential backoff and jitter. Work passed here must be safe to run again.
/// </summary>
public static class DatabaseResilience
{
    public static ResiliencePipeline Create(int maxRetryAttempts = 5, TimeSpan? baseDelay = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxRetryAttempts = maxRetryAttempts,
                Delay = baseDelay ?? TimeSpan.FromMilliseconds(200),
                MaxDelay = TimeSpan.FromSeconds(10),
            })
            .Build();

    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected } => true,
        Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: { } inner } => IsTransient(inner),
        Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException => false,
        TimeoutException => true,
        _ when exception.InnerException is NpgsqlException inner => IsTransient(inner),
        // Hangfire's storage wraps what Npgsql throws.
        _ when exception.InnerException is { } inner && exception.GetType().Namespace?.StartsWith("Hangfire", StringComparison.Ordinal) == true => IsTransient(inner),
        _ => false,
    };
}
