using System.Security.Claims;

namespace TalentHub.Api.Auth;

/// <summary>What a validated token says about its bearer.</summary>
public static class Caller
{
    public const string ClientIdClaim = "client_id";
    public const string ScopeClaim = "scope";
    public const string AgencyClaim = "agency";

    public static string ClientId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClientIdClaim) ?? throw new InvalidOperationException("The token has no client_id.");

    /// <summary>The agency an agency client acts for; null for a BKN (national) client.</summary>
    public static string? AgencyCode(this ClaimsPrincipal user) => user.FindFirstValue(AgencyClaim);

    public static bool HasScope(this ClaimsPrincipal user, string scope) =>
        user.FindAll(ScopeClaim).Any(claim => claim.Value.Split(' ').Contains(scope, StringComparer.Ordinal));
}
