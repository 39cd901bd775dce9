using System.ComponentModel;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using TalentHub.Api.Http;
using TalentHub.Domain.Access;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Resilience;

namespace TalentHub.Api.Auth;

/// <summary>
/// <c>POST /connect/token</c>: OAuth 2.0 client credentials (RFC 6749 §4.4). Errors use RFC 6749's own JSON
/// shape (<c>{"error": ...}</c>), the one place the API answers without problem details, as OAuth clients expect.
/// </summary>
public static class TokenApi
{
    public const string Path = "/connect/token";

    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, IssueToken)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimits.TokenPolicy)
            .WithName("IssueToken")
            .WithTags("Authentication")
            .WithSummary("Issue an access token (OAuth 2.0 client credentials)")
            .WithDescription("Form body: grant_type=client_credentials, client_id, client_secret (or HTTP Basic), optional scope (space-separated). The token lasts 15 minutes.")
            .Accepts<TokenRequestForm>("application/x-www-form-urlencoded")
            .Produces<TokenResponse>()
            .Produces<OAuthError>(StatusCodes.Status400BadRequest)
            .Produces<OAuthError>(StatusCodes.Status401Unauthorized);
        return app;
    }

    /// <summary>The form of a token request (documentation of the body; the endpoint reads the form itself).</summary>
    public sealed record TokenRequestForm(
        [property: JsonPropertyName("grant_type"), Description("Always client_credentials.")] string GrantType,
        [property: JsonPropertyName("client_id"), Description("The client id, unless sent as HTTP Basic credentials.")] string? ClientId = null,
        [property: JsonPropertyName("client_secret"), Description("The client secret, unless sent as HTTP Basic credentials (never both).")] string? ClientSecret = null,
        [property: JsonPropertyName("scope"), Description("Space-separated scopes to narrow the token to; without it, every scope the client holds.")] string? Scope = null);

    public sealed record TokenResponse(
        [property: JsonPropertyName("access_token")] string AccessToken,
        [property: JsonPropertyName("token_type")] string TokenType,
        [property: JsonPropertyName("expires_in")] int ExpiresIn,
        [property: JsonPropertyName("scope")] string Scope);

    public sealed record OAuthError(
        [property: JsonPropertyName("error")] string Error,
        [property: JsonPropertyName("error_description")] string Description);

    private static async Task<Results<Ok<TokenResponse>, JsonHttpResult<OAuthError>>> IssueToken(HttpContext http, TalentHubDbContext db, DatabaseRetry retry, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";

        if (!http.Request.HasFormContentType)
        {
            return Error("invalid_request", "The body must be application/x-www-form-urlencoded.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            // The form reader refuses NUL (%00) and bodies over its limits.
            return Error("invalid_request", "The form body is not readable: a value holds a NUL character, or the form exceeds its limits.");
        }

        if (form.Files.Count > 0 || form.Any(field => field.Value.Count > 1))
        {
            return Error("invalid_request", "Each parameter may appear once, and no files are accepted.");
        }

        var grantType = form["grant_type"].ToString();
        if (grantType.Length == 0)
        {
            return Error("invalid_request", "grant_type is required.");
        }

        if (grantType != "client_credentials")
        {
            return Error("unsupported_grant_type", "Only client_credentials is supported.");
        }

        var basic = ParseBasic(http.Request.Headers.Authorization.ToString());
        var clientId = basic?.ClientId ?? form["client_id"].ToString();
        var clientSecret = basic?.Secret ?? form["client_secret"].ToString();
        // RFC 6749 §2.3: one authentication method per request. A body client_id naming the Basic client only identifies it.
        if (basic is not null && (form.ContainsKey("client_secret") || (form.ContainsKey("client_id") && form["client_id"] != basic.Value.ClientId)))
        {
            return Error("invalid_request", "Use one client authentication method, not two.");
        }

        if (clientId.Length is 0 or > 64 || clientSecret.Length is 0 or > 256)
        {
            return InvalidClient(http, basic is not null);
        }

        var client = await retry.ExecuteAsync(async ct => await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, ct), cancellationToken);
        // Hash the presented secret even for an unknown client, so timing does not reveal which ids exist.
        var secretMatches = ClientSecrets.Verify(clientSecret, client?.SecretHash ?? new byte[32]);
        if (client is null || !secretMatches || client.DisabledAt is not null)
        {
            return InvalidClient(http, basic is not null);
        }

        var requested = form["scope"].ToString();
        if (requested.Length > 1000)
        {
            return Error("invalid_scope", "The scope parameter is too long.");
        }

        var granted = Scopes.Grant(client.Scopes, requested);
        if (granted is null)
        {
            return Error("invalid_scope", "The client may not hold one of the requested scopes.");
        }

        var token = issuer.Issue(client.ClientId, client.AgencyCode, granted);
        return TypedResults.Ok(new TokenResponse(token.AccessToken, "Bearer", token.ExpiresIn, token.Scope));
    }

    private static (string ClientId, string Secret)? ParseBasic(string authorization)
    {
        if (!AuthenticationHeaderValue.TryParse(authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return null;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon <= 0
                ? null
                : (Uri.UnescapeDataString(decoded[..colon]), Uri.UnescapeDataString(decoded[(colon + 1)..]));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static JsonHttpResult<OAuthError> InvalidClient(HttpContext http, bool usedBasic)
    {
        if (!usedBasic)
        {
            return Error("invalid_client", "Unknown client, wrong secret, or disabled client.");
        }

        http.Response.Headers[HeaderNames.WWWAuthenticate] = "Basic realm=\"talenthub\"";
        return TypedResults.Json(new OAuthError("invalid_client", "Unknown client, wrong secret, or disabled client."), statusCode: StatusCodes.Status401Unauthorized);
    }

    public static bool IsTokenRequest(HttpContext http) => http.Request.Path.Equals(Path, StringComparison.OrdinalIgnoreCase);

    /// <summary>A token request refused as invalid before the endpoint ran (hostile text), still in RFC 6749's shape.</summary>
    public static Task WriteInvalidRequestAsync(HttpContext http, string description) => Error("invalid_request", description).ExecuteAsync(http);

    private static JsonHttpResult<OAuthError> Error(string error, string description) =>
        TypedResults.Json(new OAuthError(error, description), statusCode: StatusCodes.Status400BadRequest);
}
