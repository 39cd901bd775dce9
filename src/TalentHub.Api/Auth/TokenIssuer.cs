using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace TalentHub.Api.Auth;

public sealed record IssuedToken(string AccessToken, int ExpiresIn, string Scope);

/// <summary>Signs short-lived access tokens (HS256, key id in the header) carrying the granted scopes and the client's agency.</summary>
public sealed class TokenIssuer(IOptions<AuthSettings> settings, TimeProvider clock)
{
    private readonly JsonWebTokenHandler _handler = new();

    public IssuedToken Issue(string clientId, string? agencyCode, IReadOnlyList<string> scopes)
    {
        var options = settings.Value;
        var signingKey = options.SecurityKeys()[0];
        var now = clock.GetUtcNow().UtcDateTime;
        var scope = string.Join(' ', scopes);
        var claims = new Dictionary<string, object>
        {
            [JwtRegisteredClaimNames.Sub] = clientId,
            [Caller.ClientIdClaim] = clientId,
            [Caller.ScopeClaim] = scope,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (agencyCode is not null)
        {
            claims[Caller.AgencyClaim] = agencyCode;
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + options.TokenLifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, (int)options.TokenLifetime.TotalSeconds, scope);
    }

    public static TokenValidationParameters ValidationParameters(AuthSettings options, TimeProvider clock) => new()
    {
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        IssuerSigningKeys = options.SecurityKeys(),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateLifetime = true,
        ValidateIssuerSigningKey = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = Caller.ClientIdClaim,
        // Lifetimes are judged by the service's own clock, the one that issued them.
        LifetimeValidator = (notBefore, expires, _, parameters) =>
        {
            var now = clock.GetUtcNow().UtcDateTime;
            return expires is { } exp && exp + parameters.ClockSkew >= now && (notBefore is not { } nbf || nbf - parameters.ClockSkew <= now);
        },
    };
}
