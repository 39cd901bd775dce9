using Microsoft.AspNetCore.Authorization;
using TalentHub.Domain.Access;

namespace TalentHub.Api.Auth;

/// <summary>
/// One authorization policy per scope, a policy for "any valid token" (the reference endpoints), and a fallback
/// that denies every endpoint that declares none of them.
/// </summary>
public static class ScopePolicies
{
    public const string AnyScope = "token";
    public const string HangfireDashboard = "hangfire-dashboard";
    public const string HangfireScheme = "HangfireCookie";

    /// <summary>Mappings are written with mappings.write and read with profiles.read (docs/domain/README.md#access); either reads.</summary>
    public const string MappingsRead = "scopes:mappings.write|profiles.read";
    private const string Prefix = "scope:";

    public static string For(string scope) => Prefix + scope;

    public static bool IsScopePolicy(string? policy) =>
        policy == AnyScope || policy == HangfireDashboard || policy == MappingsRead || (policy is not null && policy.StartsWith(Prefix, StringComparison.Ordinal) && Scopes.IsKnown(policy[Prefix.Length..]));

    public static void Configure(AuthorizationBuilder authorization)
    {
        foreach (var scope in Scopes.All)
        {
            authorization.AddPolicy(For(scope), policy => policy
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasScope(scope)));
        }

        authorization.AddPolicy(AnyScope, policy => policy.RequireAuthenticatedUser());
        authorization.AddPolicy(MappingsRead, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasScope(Scopes.MappingsWrite) || context.User.HasScope(Scopes.ProfilesRead)));
        authorization.AddPolicy(HangfireDashboard, policy => policy
            .AddAuthenticationSchemes(HangfireScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasScope(Scopes.Admin)));

        // Deny by default: an endpoint that declares no policy is refused even to a valid token. A request that
        // matches no endpoint falls through to a 404 for an authenticated caller; the framework's own rejection
        // endpoints (405 wrong method, 415 wrong content type) only answer with their status, so anyone may see them.
        authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder()
            .RequireAssertion(context => context.Resource is HttpContext http && http.GetEndpoint() switch
            {
                null => context.User.Identity?.IsAuthenticated == true,
                RouteEndpoint => false,
                _ => true,
            })
            .Build());
    }
}

public static class ScopeEndpointExtensions
{
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(ScopePolicies.For(scope));

    public static TBuilder RequireAnyScope<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(ScopePolicies.AnyScope);
}
