using System.Globalization;
using System.Threading.RateLimiting;
using TalentHub.Api.Auth;

namespace TalentHub.Api.Http;

public sealed class RateLimitSettings
{
    public const string Section = "RateLimiting";

    /// <summary>Requests per client per window on the API.</summary>
    public int PermitsPerWindow { get; set; } = 1200;

    /// <summary>Token requests per remote address per window (slows down secret guessing).</summary>
    public int TokenPermitsPerWindow { get; set; } = 60;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Per-client fixed windows; a refusal is <c>429</c> problem details with <c>Retry-After</c> (the framework default is 503).</summary>
public static class RateLimits
{
    public const string TokenPolicy = "token-endpoint";

    public static IServiceCollection AddTalentHubRateLimits(this IServiceCollection services, RateLimitSettings settings) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                RateLimitPartition.GetFixedWindowLimiter(PartitionKey(http), _ => Window(settings.PermitsPerWindow, settings.Window)));
            options.AddPolicy(TokenPolicy, http =>
                RateLimitPartition.GetFixedWindowLimiter("token:" + RemoteAddress(http), _ => Window(settings.TokenPermitsPerWindow, settings.Window)));
            options.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : settings.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Detail = $"Rate limit exceeded; retry after {seconds} seconds.",
                    },
                });
            };
        });

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string PartitionKey(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true ? "client:" + http.User.ClientId() : "anonymous:" + RemoteAddress(http);

    private static string RemoteAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
