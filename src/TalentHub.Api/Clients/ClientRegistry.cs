using Microsoft.EntityFrameworkCore;
using TalentHub.Api.Auth;
using TalentHub.Domain.Access;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Api.Clients;

public sealed record NewClient(ApiClient Client, string Secret);

/// <summary>Creates clients and rotates their secrets: shared by the admin API and the host's command-line verbs.</summary>
public sealed class ClientRegistry(TalentHubDbContext db, TimeProvider clock)
{
    public const int MaxNameLength = 200;

    public async Task<Dictionary<string, string[]>> ValidateAsync(string? name, string? agencyCode, IReadOnlyList<string>? scopes, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            errors["name"] = [$"name is required, at most {MaxNameLength} characters."];
        }

        if (agencyCode is not null && !await db.Agencies.AnyAsync(a => a.Code == agencyCode, cancellationToken))
        {
            errors["agencyCode"] = [$"Agency '{agencyCode}' is not registered."];
        }

        if (scopes is null || scopes.Count > Scopes.All.Count * 2)
        {
            errors["scopes"] = [$"scopes is required: a list of scopes among {string.Join(", ", Scopes.All)}."];
        }
        else if (Scopes.Problems(scopes, isAgencyClient: agencyCode is not null) is { Count: > 0 } problems)
        {
            errors["scopes"] = [.. problems];
        }

        return errors;
    }

    /// <summary>Creates a client; the caller has validated the request.</summary>
    public async Task<NewClient> CreateAsync(string name, string? agencyCode, IReadOnlyList<string> scopes, CancellationToken cancellationToken, string? clientId = null)
    {
        var secret = ClientSecrets.NewSecret();
        var now = clock.DatabaseNow();
        var client = new ApiClient
        {
            ClientId = clientId ?? ClientSecrets.NewClientId(),
            Name = name.Trim(),
            AgencyCode = agencyCode,
            Scopes = [.. scopes.Order(StringComparer.Ordinal)],
            SecretHash = ClientSecrets.Hash(secret),
            CreatedAt = now,
            SecretRotatedAt = now,
        };
        db.ApiClients.Add(client);
        await db.SaveChangesAsync(cancellationToken);
        return new NewClient(client, secret);
    }

    public async Task<NewClient?> RotateSecretAsync(string clientId, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.ClientId == clientId, cancellationToken);
        if (client is null)
        {
            return null;
        }

        var secret = ClientSecrets.NewSecret();
        client.SecretHash = ClientSecrets.Hash(secret);
        client.SecretRotatedAt = clock.DatabaseNow();
        await db.SaveChangesAsync(cancellationToken);
        return new NewClient(client, secret);
    }
}
