using Microsoft.IdentityModel.Tokens;

namespace TalentHub.Api.Auth;

/// <summary>Token settings (section <c>Auth</c>). The signing keys come from configuration, never from the repository.</summary>
public sealed class AuthSettings
{
    public const string Section = "Auth";
    public const int MinimumKeyBytes = 32;

    public string Issuer { get; set; } = "talenthub";
    public string Audience { get; set; } = "talenthub-api";
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The first key signs; all of them validate, so a key can be rotated in by key id.</summary>
    public List<SigningKeySetting> SigningKeys { get; set; } = [];

    public IReadOnlyList<SymmetricSecurityKey> SecurityKeys()
    {
        if (SigningKeys.Count == 0)
        {
            throw new InvalidOperationException(
                "No token signing key is configured. Set Auth:SigningKeys:0:KeyId and Auth:SigningKeys:0:Key (base64, at least 32 bytes); deploy/local/run.sh generates one for development.");
        }

        return SigningKeys.Select(k =>
        {
            var bytes = Convert.FromBase64String(k.Key);
            if (bytes.Length < MinimumKeyBytes)
            {
                throw new InvalidOperationException($"Signing key '{k.KeyId}' is shorter than {MinimumKeyBytes} bytes.");
            }

            return new SymmetricSecurityKey(bytes) { KeyId = k.KeyId };
        }).ToList();
    }
}

public sealed class SigningKeySetting
{
    public string KeyId { get; set; } = "";
    public string Key { get; set; } = "";
}
