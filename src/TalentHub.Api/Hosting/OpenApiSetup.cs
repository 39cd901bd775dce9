using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using TalentHub.Api.Auth;

namespace TalentHub.Api.Hosting;

/// <summary>The OpenAPI document: the bearer scheme, each operation's required scope and its 401/403/429 answers.</summary>
public static class OpenApiSetup
{
    private const string BearerScheme = "Bearer";

    public static IServiceCollection AddTalentHubOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "TalentHub API",
                    Version = "v1",
                    Description = "The national ASN talent-database integration service. Get a token at POST /connect/token (client credentials), then use Authorize.",
                };
                // The document must not depend on the host it was fetched from (it is committed and compared).
                document.Servers = [];
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "JWT",
                    Description = "An access token from POST /connect/token.",
                };
                return Task.CompletedTask;
            });

            options.AddOperationTransformer((operation, context, _) =>
            {
                var metadata = context.Description.ActionDescriptor.EndpointMetadata;
                if (metadata.OfType<IAllowAnonymous>().Any())
                {
                    return Task.CompletedTask;
                }

                var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
                var requirement = string.Join(", ", policies.Select(p => p == ScopePolicies.AnyScope ? "any valid token" : "scope " + p[(p.IndexOf(':') + 1)..]));
                operation.Description = string.IsNullOrEmpty(operation.Description)
                    ? $"Requires {requirement}."
                    : $"{operation.Description}\n\nRequires {requirement}.";
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
                operation.Responses ??= [];
                operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid bearer token (problem details)." });
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The token lacks the required scope (problem details)." });
                operation.Responses.TryAdd("429", new OpenApiResponse { Description = "Rate limit exceeded; see Retry-After (problem details)." });
                return Task.CompletedTask;
            });
        });
}
