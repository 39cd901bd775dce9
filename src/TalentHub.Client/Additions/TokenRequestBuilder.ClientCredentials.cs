using System.Text;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using TalentHub.Client.Models;

namespace TalentHub.Client.Connect.Token;

/// <summary>
/// The OAuth 2.0 client-credentials grant. The token endpoint reads the RFC 6749 field names (<c>grant_type</c>,
/// <c>client_id</c>, <c>client_secret</c>, <c>scope</c>), while the document's <c>TokenRequestForm</c> schema names them
/// after the C# record (<c>grantType</c>, <c>clientId</c>, ...), so the generated <see cref="PostAsync"/> sends names the
/// endpoint does not read (<c>invalid_request</c>). This writes the form itself and lets the generated models read the
/// answer: <see cref="TokenResponse"/>, or an <see cref="OAuthError"/> thrown for a 4xx.
/// </summary>
public partial class TokenRequestBuilder
{
    /// <summary>Asks for a token for the client; without <paramref name="scope"/> it carries all of the client's scopes.</summary>
    /// <param name="clientId">The client's id.</param>
    /// <param name="clientSecret">The client's secret (shown once, when the client was created or its secret rotated).</param>
    /// <param name="scope">Space-separated scopes, each one the client holds.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task<TokenResponse?> PostClientCredentialsAsync(string clientId, string clientSecret, string? scope = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(clientId);
        ArgumentException.ThrowIfNullOrEmpty(clientSecret);
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "client_credentials"),
            new("client_id", clientId),
            new("client_secret", clientSecret),
        };
        if (!string.IsNullOrEmpty(scope))
        {
            fields.Add(new("scope", scope));
        }

        var form = string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));
        var requestInfo = new RequestInformation(Method.POST, UrlTemplate, PathParameters);
        requestInfo.Headers.TryAdd("Accept", "application/json");
        requestInfo.SetStreamContent(new MemoryStream(Encoding.UTF8.GetBytes(form)), "application/x-www-form-urlencoded");
        var errorMapping = new Dictionary<string, ParsableFactory<IParsable>>
        {
            { "4XX", OAuthError.CreateFromDiscriminatorValue },
        };
        return await RequestAdapter.SendAsync(requestInfo, TokenResponse.CreateFromDiscriminatorValue, errorMapping, cancellationToken).ConfigureAwait(false);
    }
}
