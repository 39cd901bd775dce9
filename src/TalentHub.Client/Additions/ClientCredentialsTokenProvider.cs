using Microsoft.Kiota.Abstractions.Authentication;
using TalentHub.Client.Models;

namespace TalentHub.Client;

/// <summary>
/// An access-token provider for <see cref="BaseBearerTokenAuthenticationProvider"/>: it asks the token endpoint (the
/// generated <c>Connect.Token.PostAsync</c> of <paramref name="tokenClient"/>, a client whose adapter needs no
/// authentication) for a client-credentials token and keeps it until a minute before it expires; a refusal is thrown as
/// <see cref="OAuthError"/>. Tokens are sent only to <paramref name="allowedHosts"/> (all hosts when
/// none are given).
/// </summary>
public sealed class ClientCredentialsTokenProvider(
    TalentHubApiClient tokenClient,
    string clientId,
    string clientSecret,
    string? scope = null,
    TimeProvider? clock = null,
    params string[] allowedHosts) : IAccessTokenProvider
{
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(1);
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _token;
    private DateTimeOffset _renewAt;

    public AllowedHostsValidator AllowedHostsValidator { get; } = new(allowedHosts);

    /// <summary>The scopes of the current token, as the token endpoint granted them.</summary>
    public string? GrantedScope { get; private set; }

    public async Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!AllowedHostsValidator.IsUrlHostValid(uri))
        {
            return string.Empty;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is null || _clock.GetUtcNow() >= _renewAt)
            {
                var form = new TokenRequestForm { GrantType = "client_credentials", ClientId = clientId, ClientSecret = clientSecret, Scope = scope };
                var issued = await tokenClient.Connect.Token.PostAsync(form, cancellationToken: cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException("The token endpoint answered no token.");
                _token = issued.AccessToken ?? throw new InvalidOperationException("The token endpoint answered no access_token.");
                _renewAt = _clock.GetUtcNow() + TimeSpan.FromSeconds(issued.ExpiresIn ?? 0) - Margin;
                GrantedScope = issued.Scope;
            }

            return _token;
        }
        finally
        {
            _gate.Release();
        }
    }
}
