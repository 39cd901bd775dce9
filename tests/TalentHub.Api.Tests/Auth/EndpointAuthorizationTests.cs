using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using TalentHub.Api.Auth;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Auth;

[Collection(ApiCollection.Name)]
public sealed class EndpointAuthorizationTests(TalentHubFactory factory)
{
    /// <summary>
    /// The anonymous allow-list of README.md (Conventions and decisions: deny by default; Swagger UI and the console's static files are middleware, not endpoints; so is
    /// the operators' /metrics, served on the management port alone: Operations/MetricsTests).
    /// </summary>
    private static readonly HashSet<string> AnonymousAllowList = new(StringComparer.Ordinal)
    {
        "/connect/token",
        "/health/live",
        "/health/ready",
        "/openapi/{documentName}.json",
    };

    [Fact]
    public void Every_endpoint_declares_a_scope_policy_or_is_on_the_anonymous_allow_list()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.True(endpoints.Count >= 12, $"only {endpoints.Count} endpoints found");

        var offenders = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            if (AnonymousAllowList.Contains(pattern))
            {
                if (!anonymous)
                {
                    offenders.Add($"{pattern}: on the allow-list but not anonymous");
                }

                continue;
            }

            if (anonymous)
            {
                offenders.Add($"{pattern}: anonymous but not on the allow-list");
            }
            else if (policies.Count == 0 || !policies.All(ScopePolicies.IsScopePolicy))
            {
                offenders.Add($"{pattern} ({endpoint.DisplayName}): declares no scope policy");
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public async Task The_fallback_policy_denies_an_endpoint_that_declares_no_scope()
    {
        var policyProvider = factory.Services.GetRequiredService<IAuthorizationPolicyProvider>();
        var fallback = await policyProvider.GetFallbackPolicyAsync();

        Assert.NotNull(fallback);
        var authorization = factory.Services.GetRequiredService<IAuthorizationService>();
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim("client_id", "x"), new Claim("scope", "admin")], "Bearer"));
        var http = new DefaultHttpContext();
        http.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/undeclared"), 0, EndpointMetadataCollection.Empty, "undeclared"));

        var result = await authorization.AuthorizeAsync(admin, http, fallback);

        Assert.False(result.Succeeded);
    }
}
