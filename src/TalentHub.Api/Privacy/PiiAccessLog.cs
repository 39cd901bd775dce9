using TalentHub.Api.Auth;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Api.Privacy;

/// <summary>
/// The access log of unmasked personal data (05-api.md, Scopes): every read by a caller with <c>pii</c> of an endpoint
/// that returns a person's NIK or birth place writes one row — who (client id), when, which endpoint, which NIPs.
/// </summary>
public static class PiiAccessLog
{
    /// <summary>Writes one row for this request and saves it: the caller's client id, the database's now, the request path and the NIPs read.</summary>
    public static async Task WriteAsync(TalentHubDbContext db, HttpContext http, TimeProvider clock, IReadOnlyCollection<string> nips, CancellationToken cancellationToken)
    {
        db.PiiAccessLog.Add(new PiiAccess { ClientId = http.User.ClientId(), At = clock.DatabaseNow(), Endpoint = http.Request.Path.Value ?? "", Nips = [.. nips] });
        await db.SaveChangesAsync(cancellationToken);
    }
}
