using System.Text.Json;
using TalentHub.Api.Auth;
using TalentHub.Api.Exports;
using TalentHub.Infrastructure.Data;
using TalentHub.Infrastructure.Time;

namespace TalentHub.Api.Privacy;

/// <summary>
/// The access log of unmasked personal data (docs/domain/README.md#access): every read by a caller with <c>pii</c> of
/// an endpoint that returns a person's NIK or birth place writes one row — who (client id), when, which endpoint, which
/// NIPs.
/// </summary>
public static class PiiAccessLog
{
    /// <summary>Writes one row for this request and saves it: the caller's client id, the database's now, the request path and the NIPs read.</summary>
    public static Task WriteAsync(TalentHubDbContext db, HttpContext http, TimeProvider clock, IReadOnlyCollection<string> nips, CancellationToken cancellationToken) =>
        WriteAsync(db, http, clock, nips, details: null, cancellationToken);

    /// <summary>Writes one row with <paramref name="details"/> (JSON) for a read that names no NIPs one by one.</summary>
    public static async Task WriteAsync(TalentHubDbContext db, HttpContext http, TimeProvider clock, IReadOnlyCollection<string> nips, string? details, CancellationToken cancellationToken)
    {
        db.PiiAccessLog.Add(new PiiAccess { ClientId = http.User.ClientId(), At = clock.DatabaseNow(), Endpoint = http.Request.Path.Value ?? "", Nips = [.. nips], Details = details });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>What a row about an export names instead of its NIPs: the export, its filter and its row count.</summary>
    public static string ExportDetails(Guid exportId, ExportFilter filter, long rowCount) =>
        JsonSerializer.Serialize(new { exportId, filter, rowCount }, JsonSerializerOptions.Web);
}
