using Polly;

namespace TalentHub.Infrastructure.Resilience;

/// <summary>
/// The retry pipeline for request-time database work (reads and idempotent writes): a dropped pooled connection
/// or a restarting server costs the caller a short delay instead of an error.
/// </summary>
public sealed class DatabaseRetry(ResiliencePipeline pipeline)
{
    public DatabaseRetry()
        : this(DatabaseResilience.Create(maxRetryAttempts: 3, baseDelay: TimeSpan.FromMilliseconds(100)))
    {
    }

    public ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(work, cancellationToken);
}
