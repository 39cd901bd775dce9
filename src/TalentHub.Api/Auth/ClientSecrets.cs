using System.Security.Cryptography;
using System.Text;

namespace TalentHub.Api.Auth;

/// <summary>
/// Client secrets are 256 random bits, so a single SHA-256 is enough to store them (no password stretching
/// needed: nothing to guess); they are compared in constant time.
/// </summary>
public static class ClientSecrets
{
    public static string NewSecret() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string NewClientId() => "thc_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Verify(string presented, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(presented), storedHash);

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
