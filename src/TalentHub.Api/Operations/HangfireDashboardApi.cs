using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using TalentHub.Api.Auth;
using TalentHub.Domain.Access;

namespace TalentHub.Api.Operations;

/// <summary>
/// The Hangfire dashboard, for <c>admin</c> tokens only. A browser cannot send a bearer header, so an admin opens
/// <c>/hangfire/login?access_token=...</c>, which validates the token and sets it as a short-lived, HttpOnly,
/// SameSite=Strict cookie scoped to <c>/hangfire</c>; every dashboard request is then validated like any bearer token.
/// </summary>
public static class HangfireDashboardApi
{
    public const string CookieName = "th_hangfire";
    private const string BasePath = "/hangfire";
    private static readonly TimeSpan CookieLifetime = TimeSpan.FromMinutes(15);

    /// <summary>The authentication scheme that reads the token from the cookie (or from the login link).</summary>
    public static void ConfigureCookieTokenScheme(JwtBearerOptions options) =>
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                var request = context.Request;
                context.Token = request.Path.Equals(BasePath + "/login", StringComparison.Ordinal)
                    ? request.Query["access_token"].ToString()
                    : request.Cookies[CookieName];
                return Task.CompletedTask;
            },
        };

    public static IEndpointRouteBuilder MapHangfireDashboardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(BasePath + "/login", Login)
            .RequireAuthorization(ScopePolicies.HangfireDashboard)
            .ExcludeFromDescription();

        app.MapHangfireDashboard(BasePath, new DashboardOptions
        {
            Authorization = [new AdminScopeFilter()],
            AppPath = "/swagger",
            DashboardTitle = "TalentHub jobs",
        }).RequireAuthorization(ScopePolicies.HangfireDashboard);
        return app;
    }

    private static IResult Login(HttpContext http, TimeProvider clock)
    {
        var token = http.Request.Query["access_token"].ToString();
        var expiresAt = http.User.FindFirst("exp") is { } exp && long.TryParse(exp.Value, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : clock.GetUtcNow() + CookieLifetime;
        var cookieLifetime = TimeSpan.FromTicks(Math.Min(CookieLifetime.Ticks, Math.Max(0, (expiresAt - clock.GetUtcNow()).Ticks)));
        http.Response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = BasePath,
            MaxAge = cookieLifetime,
        });
        return Results.Redirect(BasePath);
    }

    /// <summary>Defence in depth: the endpoint policy has already required an admin token.</summary>
    private sealed class AdminScopeFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.HasScope(Scopes.Admin);
    }
}
