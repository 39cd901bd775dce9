using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Api.Privacy;
using TalentHub.Api.ReadRouting;
using TalentHub.Domain.Access;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Profiles;

/// <summary>
/// Consolidated profiles (docs/domain/README.md#access). An agency client sees only the people it currently employs (404
/// otherwise); NIK and birth place are masked without <c>pii</c>, and every unmasked read is written to the access log.
/// </summary>
public static class ProfilesApi
{
    private const string ListName = "profiles";
    private const string HistoryName = "profile-history";

    public static IEndpointRouteBuilder MapProfilesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/profiles").WithTags("Profiles").RequireScope(Scopes.ProfilesRead).ReadsFromReplica();
        api.MapGet("/{nip}", GetProfile).WithName("GetProfile").WithSummary("The consolidated profile of a civil servant")
            .Produces(StatusCodes.Status307TemporaryRedirect);
        api.MapGet("/{nip}/history", GetHistory).WithName("GetProfileHistory").WithSummary("The profile's versions with their changed fields (keyset-paged)");
        api.MapGet("/{nip}/competencies/{nationalCode}/derivation", GetDerivation).WithName("GetDerivation").WithSummary("How the current level of a competency was obtained");
        api.MapGet("/", ListProfiles).WithName("ListProfiles").WithSummary("Filtered profile summaries (keyset-paged by NIP)");
        return app;
    }

    public sealed record ProfileSummaryResponse(string Nip, string Name, string Status, string? EmployingAgency, string? PositionLevel, string? WorkProvince, int? Box, decimal? Jpm, int Version);

    /// <summary>A version: its kind (as in the change feed) and the fields it changed; a CREATED version changed none, it is the first content.</summary>
    public sealed record VersionResponse(int Version, string Kind, JsonElement Changes, string Cause, DateTimeOffset ChangedAt);

    public static async Task<Results<ETaggedJson<ProfileDocument>, RedirectHttpResult, NotFound>> GetProfile(
        string nip, HttpContext http, ReadRoute reads, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        // The hottest read of the service: one statement for only the columns it serves, owner in the predicate.
        int version;
        string content, provenance;
        await using (var command = reads.DataSource.CreateCommand(
            "SELECT version, content, provenance, merged_into FROM profiles WHERE nip = $1 AND ($2::text IS NULL OR employing_agency = $2)"))
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nip });
            command.Parameters.Add(new NpgsqlParameter<string?> { TypedValue = http.User.AgencyCode(), NpgsqlDbType = NpgsqlDbType.Text });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return TypedResults.NotFound();
            }

            if (!reader.IsDBNull(3))
            {
                return TypedResults.Redirect($"/api/v1/profiles/{reader.GetString(3)}", permanent: false, preserveMethod: true);
            }

            (version, content, provenance) = (reader.GetInt32(0), reader.GetString(1), reader.GetString(2));
        }

        var unmasked = http.User.HasScope(Scopes.Pii);
        if (unmasked)
        {
            // Resolved only here, for the access log on the primary: a masked read, the hot path, needs no context.
            var db = http.RequestServices.GetRequiredService<TalentHubDbContext>();
            await PiiAccessLog.WriteAsync(db, http, http.RequestServices.GetRequiredService<TimeProvider>(), [nip], cancellationToken);
        }

        return ETags.OkJson<ProfileDocument>(PersonalDataMasking.Profile(content, version, provenance, unmasked, json.Value.SerializerOptions));
    }

    public static async Task<Results<Ok<Page<VersionResponse>>, NotFound, ValidationProblem>> GetHistory(
        string nip, HttpContext http, ReadRoute reads, TalentHubDbContext db, TimeProvider clock, IOptions<JsonOptions> json, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var user = http.User;
        if (await VisibleAsync(reads.Db, user, nip, cancellationToken) is null)
        {
            return TypedResults.NotFound();
        }

        if (!PageRequest.TryParse(HistoryName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var after = page.After is [var v] && int.TryParse(v, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        var rows = await reads.Db.ProfileVersions.AsNoTracking()
            .Where(x => x.Nip == nip && x.Version > after)
            .OrderBy(x => x.Version)
            .Take(page.Limit + 1)
            .ToListAsync(cancellationToken);
        if (user.HasScope(Scopes.Pii))
        {
            await PiiAccessLog.WriteAsync(db, http, clock, [nip], cancellationToken);
        }

        return TypedResults.Ok(page.ToPage(
            rows,
            HistoryName,
            x => [x.Version.ToString(CultureInfo.InvariantCulture)],
            x => new VersionResponse(x.Version, x.Kind, Changes(x.Changes, user.HasScope(Scopes.Pii), json.Value.SerializerOptions), x.Cause, x.ChangedAt)));
    }

    public sealed record DerivationResponse(string Nip, string NationalCode, JsonElement Current, string WhyCurrent, DerivationSource Source, JsonElement Normalized);

    public sealed record DerivationSource(string AgencyCode, Guid SubmissionId, int RecordIndex, DateTimeOffset ReceivedAt);

    public static async Task<Results<Ok<DerivationResponse>, NotFound>> GetDerivation(
        string nip, string nationalCode, ClaimsPrincipal user, ReadRoute reads, CancellationToken cancellationToken)
    {
        var db = reads.Db;
        var profile = await VisibleAsync(db, user, nip, cancellationToken);
        if (profile is null)
        {
            return TypedResults.NotFound();
        }

        var content = JsonNode.Parse(profile.Content)!.AsObject();
        var current = content["competencies"]?.AsArray().FirstOrDefault(c => c?["code"]?.GetValue<string>() == nationalCode);
        if (current is null)
        {
            return TypedResults.NotFound();
        }

        var agency = current["agencyCode"]!.GetValue<string>();
        var assessmentId = current["assessmentId"]!.GetValue<string>();
        // normalized_records has no index on the NIP alone: the person's records are found by staged_records' NIP index.
        var records = await db.StagedRecords.AsNoTracking()
            .Where(staged => staged.Nip == nip)
            .Join(
                db.NormalizedRecords.Where(r => r.AgencyCode == agency),
                staged => new { staged.SubmissionId, staged.RecordIndex, Nip = staged.Nip! },
                r => new { r.SubmissionId, r.RecordIndex, r.Nip },
                (staged, r) => r)
            .Join(db.Submissions, r => r.SubmissionId, s => s.Id, (r, s) => new { r.SubmissionId, r.RecordIndex, r.Values, s.ReceivedAt })
            .OrderByDescending(r => r.ReceivedAt)
            .ToListAsync(cancellationToken);
        foreach (var record in records)
        {
            var value = JsonNode.Parse(record.Values)!.AsArray().FirstOrDefault(v =>
                v?["kind"]?.GetValue<string>() == "COMPETENCY" && v["assessmentId"]?.GetValue<string>() == assessmentId && v["nationalCode"]?.GetValue<string>() == nationalCode);
            if (value is not null)
            {
                return TypedResults.Ok(new DerivationResponse(
                    nip,
                    nationalCode,
                    JsonSerializer.SerializeToElement(current),
                    "Among non-stale results of talent-decision methods: the lowest method rank, then the latest assessedAt, then the higher score, then the lower agency code, then the lower assessment id (docs/domain/reconciliation.md#current-competency-level).",
                    new DerivationSource(agency, record.SubmissionId, record.RecordIndex, record.ReceivedAt),
                    JsonSerializer.SerializeToElement(value)));
            }
        }

        return TypedResults.NotFound();
    }

    public static async Task<Results<Ok<Page<ProfileSummaryResponse>>, ValidationProblem>> ListProfiles(
        ClaimsPrincipal user,
        ReadRoute reads,
        string? agencyCode,
        string? positionLevel,
        int? box,
        string? province,
        string? status,
        bool? unplaced,
        int? limit,
        string? cursor,
        CancellationToken cancellationToken)
    {
        if (!PageRequest.TryParse(ListName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var query = reads.Db.Profiles.AsNoTracking().Where(p => p.MergedInto == null);
        // An agency client lists only the people it employs, whatever it asks for.
        if (user.AgencyCode() is { } own)
        {
            query = query.Where(p => p.EmployingAgency == own);
        }

        if (agencyCode is not null)
        {
            query = query.Where(p => p.EmployingAgency == agencyCode);
        }

        if (positionLevel is not null)
        {
            query = query.Where(p => p.PositionLevel == positionLevel);
        }

        if (box is not null)
        {
            query = query.Where(p => p.Box == box);
        }

        if (province is not null)
        {
            query = query.Where(p => p.WorkProvince == province);
        }

        if (status is not null)
        {
            query = query.Where(p => p.Status == status);
        }

        // The 9-box's UNPLACED members: ACTIVE people without a box.
        if (unplaced is true)
        {
            query = query.Where(p => p.Status == "ACTIVE" && p.Box == null);
        }

        if (page.After is [var after])
        {
            query = query.Where(p => string.Compare(p.Nip, after) > 0);
        }

        var rows = await query.OrderBy(p => p.Nip).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return TypedResults.Ok(page.ToPage(
            rows,
            ListName,
            p => [p.Nip],
            p => new ProfileSummaryResponse(p.Nip, p.Name, p.Status, p.EmployingAgency, p.PositionLevel, p.WorkProvince, p.Box, p.Jpm, p.Version)));
    }

    /// <summary>The profile when the caller may see it: BKN any; an agency only the people it currently employs (owner in the predicate).</summary>
    private static Task<Profile?> VisibleAsync(TalentHubDbContext db, ClaimsPrincipal user, string nip, CancellationToken cancellationToken)
    {
        var query = db.Profiles.AsNoTracking().Where(p => p.Nip == nip);
        if (user.AgencyCode() is { } own)
        {
            query = query.Where(p => p.EmployingAgency == own);
        }

        return query.SingleOrDefaultAsync(cancellationToken);
    }

    private static JsonElement Changes(string changes, bool unmasked, JsonSerializerOptions options)
    {
        using var document = JsonDocument.Parse(changes);
        return unmasked ? document.RootElement.Clone() : PersonalDataMasking.Changes(document.RootElement, options);
    }
}
