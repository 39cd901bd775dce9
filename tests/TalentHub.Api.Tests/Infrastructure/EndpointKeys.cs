using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace TalentHub.Api.Tests.Infrastructure;

/// <summary>The app's endpoints from its endpoint data source, each keyed "METHOD /pattern" ("*" when it answers any method), without a trailing slash.</summary>
public static class EndpointKeys
{
    public static Dictionary<string, RouteEndpoint> Of(IServiceProvider services)
    {
        var endpoints = new Dictionary<string, RouteEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods.Count == 0 ? ["*"] : methods)
            {
                endpoints.Add($"{method} {pattern}", endpoint);
            }
        }

        return endpoints;
    }
}
