using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.OpenApi;
using TalentHub.Api.Auth;
using TalentHub.Api.Submissions;
using TalentHub.Domain.Access;
using TalentHub.Domain.Records;

namespace TalentHub.Api.Hosting;

/// <summary>
/// The OpenAPI document (openapi/talenthub.v1.json): info, servers and tag descriptions; the bearer and OAuth2
/// client-credentials schemes with each operation's scope; every error an operation can answer as problem details;
/// the record error codes as an enum; examples on the main operations (<see cref="OpenApiExamples"/>).
/// </summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "Bearer";
    public const string OAuth2Scheme = "OAuth2";
    public const string RecordErrorCodeSchema = "RecordErrorCode";
    private const string ProblemSchema = "ProblemDetails";
    private const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<string, string> TagDescriptions = new()
    {
        ["Authentication"] = "OAuth 2.0 client credentials: a 15-minute bearer token for a client created by an admin.",
        ["Reference"] = "The national competency standard and the agencies; any valid token reads them.",
        ["Submissions"] = "Agency HR systems push talent records (JSON array, NDJSON or CSV) and follow their validation.",
        ["Mappings"] = "An agency's own scales and competency dictionary, which normalize its results to the national standard.",
        ["Vacancies"] = "Open positions an agency declares; offered to rotation candidates of other agencies.",
        ["Profiles"] = "Consolidated profiles of civil servants, their history and how each competency level was derived.",
        ["Change feed"] = "Every profile change in commit order, and bulk exports that hand over to the feed without gaps.",
        ["Stewardship"] = "BKN's data stewards decide conflicts and possible duplicates; every decision is audited.",
        ["Analytics"] = "Talent analytics: the 9-box, succession pools, JPT rotation, the competency map and data quality.",
        ["Admin: clients"] = "API clients: create, list, disable, rotate secrets.",
        ["Admin: agencies"] = "Register and update agencies.",
        ["Admin: standard"] = "Change the national standard (levels, JPM thresholds, methods); affected profiles are re-derived.",
        ["Admin: index"] = "Rebuild the consolidated index and read the access log of personal data.",
    };

    /// <summary>What an error status means wherever the framework or the conventions answer it (RFC 9457 problem details).</summary>
    private static readonly Dictionary<string, string> ErrorMeanings = new()
    {
        ["400"] = "The request is malformed: a parameter or body that does not parse or validate, an unknown or repeated JSON property, or hostile text (control characters, invalid UTF-8); validation problems carry an errors map.",
        ["401"] = "No valid bearer token.",
        ["403"] = "The token lacks the scope this operation requires, or the operation is not for this kind of client.",
        ["404"] = "No such resource; an agency client also gets 404 for another agency's resources and for people it does not employ.",
        ["409"] = "The resource is not in a state that allows this request.",
        ["410"] = "The resource is gone.",
        ["412"] = "The resource has changed since the ETag named in If-Match; read it again and retry.",
        ["413"] = "The request body exceeds the limit of this operation (1 MB unless stated).",
        ["415"] = "The request's Content-Type (or Content-Encoding) is not accepted here.",
        ["416"] = "The requested range is not satisfiable.",
        ["422"] = "The Idempotency-Key was used for a different request.",
        ["428"] = "The request must be conditional: send If-Match.",
        ["429"] = "Rate limit exceeded; retry after the seconds of Retry-After.",
        ["503"] = "The database is temporarily unavailable; retry shortly.",
    };

    public static IServiceCollection AddTalentHubOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                DescribeDocument(document);
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, context, _) =>
            {
                DescribeSchema(schema, context);
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                Secure(operation, context);
                DescribeErrors(operation, context);
                AddAlternativeContent(operation, context);
                OpenApiExamples.Apply(operation, context);
                return Task.CompletedTask;
            });
        });

    private static void DescribeDocument(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "TalentHub API",
            Version = "v1",
            Description = "The national ASN talent-database integration service. Get a token at POST /connect/token "
                + "(OAuth 2.0 client credentials), or use Authorize in Swagger UI with a client id and secret.",
            Contact = new OpenApiContact { Name = "Badan Kepegawaian Negara (BKN), TalentHub integration", Url = new Uri("https://www.bkn.go.id/") },
            License = new OpenApiLicense { Name = "Proprietary: Badan Kepegawaian Negara (BKN); for authorized integrators only", Url = new Uri("https://www.bkn.go.id/") },
        };
        // Relative: the document must not depend on the host it was fetched from (it is committed and compared).
        document.Servers = [new OpenApiServer { Url = "/", Description = "This service: the host the document was fetched from." }];

        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description = TagDescriptions.TryGetValue(tag.Name!, out var description)
                ? description
                : throw new InvalidOperationException($"The OpenAPI tag '{tag.Name}' has no description in OpenApiSetup.TagDescriptions.");
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An access token from POST /connect/token, pasted as it is.",
        };
        document.Components.SecuritySchemes[OAuth2Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.OAuth2,
            Description = "OAuth 2.0 client credentials: the client id and secret (as HTTP Basic or in the form) give a 15-minute token.",
            Flows = new OpenApiOAuthFlows
            {
                ClientCredentials = new OpenApiOAuthFlow
                {
                    TokenUrl = new Uri(TokenApi.Path, UriKind.Relative),
                    Scopes = Scopes.Grants.ToDictionary(g => g.Scope, g => g.Grants),
                },
            },
        };

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[RecordErrorCodeSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "The stable code of a record error (docs/domain/records.md#error-codes), one rule each:\n\n"
                + string.Join("\n", RecordErrorCodes.Rules.Select(r => $"- `{r.Code}`: {r.Rule}")),
            Enum = [.. RecordErrorCodes.Rules.Select(r => (JsonNode)r.Code)],
            Extensions = new Dictionary<string, IOpenApiExtension>
            {
                ["x-enumDescriptions"] = new JsonNodeExtension(new JsonObject(RecordErrorCodes.Rules.Select(r => KeyValuePair.Create(r.Code, (JsonNode?)r.Rule)))),
            },
        };
        // Here rather than in a schema transformer, which runs before this component exists and cannot resolve a reference to it.
        if (document.Components.Schemas.TryGetValue(nameof(RecordErrorResponse), out var recordError) && recordError.Properties is { } properties)
        {
            properties["code"] = new OpenApiSchemaReference(RecordErrorCodeSchema, document);
        }
    }

    private static void DescribeSchema(OpenApiSchema schema, OpenApiSchemaTransformerContext context)
    {
        var type = context.JsonTypeInfo.Type;
        if (type == typeof(ProblemDetails) || type == typeof(HttpValidationProblemDetails))
        {
            // RFC 9457 allows extension members; every problem of this service carries a traceId.
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
            if (schema.Properties is { } problemProperties)
            {
                problemProperties["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's trace id; quote it when reporting a problem." };
            }
        }
    }

    /// <summary>Anonymous operations declare no security; every other one the bearer scheme or OAuth2 with its scope, as alternatives.</summary>
    private static void Secure(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security = [];
            return;
        }

        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList();
        var requirement = string.Join(", ", policies.Select(p => p == ScopePolicies.AnyScope
            ? "any valid token"
            : "scope " + string.Join(" or ", ScopesOf(p))));
        operation.Description = string.IsNullOrEmpty(operation.Description)
            ? $"Requires {requirement}."
            : $"{operation.Description}\n\nRequires {requirement}.";

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] });
        var scopes = policies.Where(p => p != ScopePolicies.AnyScope).SelectMany(ScopesOf).ToList();
        foreach (var scope in scopes.Count == 0 ? [null] : scopes.Cast<string?>())
        {
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(OAuth2Scheme, context.Document)] = scope is null ? [] : [scope],
            });
        }
    }

    /// <summary>The scopes a policy accepts, any one of them sufficing ("scope:admin", "scopes:mappings.write|profiles.read").</summary>
    private static string[] ScopesOf(string policy) => policy[(policy.IndexOf(':') + 1)..].Split('|');

    /// <summary>
    /// Every error an operation can answer, as problem details: those the conventions give every operation (a
    /// malformed request, body limits and media types where a body is read, authentication, scope, rate limit, database
    /// outage) and the operation's own (declared with ProducesProblem, or by typed results such as NotFound).
    /// </summary>
    private static void DescribeErrors(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        operation.Responses ??= [];
        var anonymous = context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any();
        var general = new List<string>();
        if (operation.Parameters is { Count: > 0 } || operation.RequestBody is not null)
        {
            general.Add("400");
        }

        if (!anonymous)
        {
            general.AddRange(["401", "403"]);
        }

        if (operation.RequestBody is not null)
        {
            general.AddRange(["413", "415"]);
        }

        general.AddRange(["429", "503"]);
        foreach (var status in general)
        {
            operation.Responses.TryAdd(status, new OpenApiResponse());
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (!ErrorMeanings.TryGetValue(status, out var meaning) || response is not OpenApiResponse concrete)
            {
                continue;
            }

            if (string.IsNullOrEmpty(concrete.Description) || concrete.Description == ReasonPhrases.GetReasonPhrase(int.Parse(status, System.Globalization.CultureInfo.InvariantCulture)))
            {
                concrete.Description = meaning;
            }

            concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
            if (concrete.Content.Count == 0)
            {
                concrete.Content[ProblemJson] = new OpenApiMediaType { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) };
            }

            if (status == "429")
            {
                concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                concrete.Headers["Retry-After"] = new OpenApiHeader
                {
                    Description = "Seconds to wait before retrying.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Integer },
                };
            }
        }
    }

    private static void AddAlternativeContent(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        foreach (var alternative in context.Description.ActionDescriptor.EndpointMetadata.OfType<AlternativeContent>())
        {
            operation.Responses ??= [];
            var status = alternative.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(status, out var existing) || existing is not OpenApiResponse response)
            {
                response = new OpenApiResponse();
                operation.Responses[status] = response;
            }

            response.Description = string.IsNullOrEmpty(response.Description) || response.Description == ReasonPhrases.GetReasonPhrase(alternative.StatusCode)
                ? alternative.Description
                : $"{response.Description} {alternative.Description}";
            response.Content ??= new Dictionary<string, OpenApiMediaType>();
            response.Content[alternative.ContentType] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = alternative.Binary ? "binary" : null },
            };
        }
    }
}

/// <summary>A response body in a media type the handler writes itself (a CSV download, a gzip file), for the OpenAPI document.</summary>
public sealed record AlternativeContent(int StatusCode, string ContentType, bool Binary, string Description);

public static class AlternativeContentExtensions
{
    public static RouteHandlerBuilder ProducesAlternative(this RouteHandlerBuilder builder, int statusCode, string contentType, bool binary, string description) =>
        builder.WithMetadata(new AlternativeContent(statusCode, contentType, binary, description));
}
