using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Api.Privacy;
using TalentHub.Domain.Access;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Stewardship;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Stewardship;

/// <summary>
/// POSSIBLE_DUPLICATE items for BKN's data stewards: two NIPs that may be one person, both people's identity (NIK and
/// birth place masked without <c>pii</c>) and the evidence that raised the item. An item is stored once per side; a
/// list shows each pair once (the side whose NIP is the lower), a single item answers by either side's id.
/// </summary>
public static class DuplicatesApi
{
    private const string ListName = "duplicates";

    public static IEndpointRouteBuilder MapDuplicatesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/duplicates").WithTags("Stewardship").RequireScope(Scopes.Stewardship);
        api.MapGet("/", ListDuplicates).WithName("ListDuplicates").WithSummary("POSSIBLE_DUPLICATE items by status, agency (either person's employer) and NIP (either side)");
        api.MapGet("/{id:guid}", GetDuplicate).WithName("GetDuplicate").WithSummary("One POSSIBLE_DUPLICATE item with both identities and its evidence");
        return app;
    }

    /// <summary>Why the item was raised: SAME_NIK (the NIK), SAME_NAME_AND_BIRTH_DATE (normalized name, birth date, agency), PREVIOUS_NIPS.</summary>
    public sealed record EvidenceResponse(string Kind, string? Value);

    public sealed record PersonSummary(
        string Nip, string? Name, string? Nik, string? BirthPlace, string? BirthDate, string? Gender, string? Status, string? EmployingAgency, string? MergedInto);

    public sealed record DuplicateResponse(
        Guid Id,
        string Status,
        IReadOnlyList<EvidenceResponse> Evidence,
        IReadOnlyList<PersonSummary> People,
        DateTimeOffset OpenedAt,
        Guid? DecisionId,
        string? ResolvedBy,
        DateTimeOffset? ResolvedAt,
        string? Reason);

    public static async Task<Results<Ok<Page<DuplicateResponse>>, ValidationProblem>> ListDuplicates(
        string? status, string? agencyCode, string? nip, int? limit, string? cursor, HttpContext http, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var invalid = QueryValues.Errors([("agencyCode", agencyCode)], [("nip", nip)]);
        if (invalid.Count > 0)
        {
            return TypedResults.ValidationProblem(invalid);
        }

        if (!PageRequest.TryParse(ListName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        var wanted = status ?? ConflictStatuses.Open;
        if (!ConflictStatuses.IsKnown(wanted))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["status"] = ["status is OPEN, RESOLVED or CLOSED."] });
        }

        var query = db.Conflicts.AsNoTracking()
            .Where(c => c.Kind == ConflictKinds.PossibleDuplicate && c.Status == wanted && string.Compare(c.Nip, c.Field) < 0);
        if (nip is not null)
        {
            query = query.Where(c => c.Nip == nip || c.Field == nip);
        }

        if (agencyCode is not null)
        {
            query = query.Where(c => db.Profiles.Any(p => (p.Nip == c.Nip || p.Nip == c.Field) && p.EmployingAgency == agencyCode));
        }

        if (page.After is [var after])
        {
            if (!Guid.TryParse(after, CultureInfo.InvariantCulture, out var afterId))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = ["The cursor is not one this list issued."] });
            }

            query = query.Where(c => c.Id.CompareTo(afterId) > 0);
        }

        var rows = await query.OrderBy(c => c.Id).Take(page.Limit + 1).ToListAsync(cancellationToken);
        var people = await PeopleAsync(db, rows.Take(page.Limit), http.User, cancellationToken);
        if (http.User.HasScope(Scopes.Pii) && people.Count > 0)
        {
            await PiiAccessLog.WriteAsync(db, http, clock, [.. people.Keys], cancellationToken);
        }

        return TypedResults.Ok(page.ToPage(rows, ListName, c => [c.Id.ToString()], c => ToResponse(c, people, http.User)));
    }

    public static async Task<Results<ETagged<DuplicateResponse>, NotFound>> GetDuplicate(
        Guid id, HttpContext http, TalentHubDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var item = await db.Conflicts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.Kind == ConflictKinds.PossibleDuplicate, cancellationToken);
        if (item is null)
        {
            return TypedResults.NotFound();
        }

        var people = await PeopleAsync(db, [item], http.User, cancellationToken);
        if (http.User.HasScope(Scopes.Pii))
        {
            await PiiAccessLog.WriteAsync(db, http, clock, [.. people.Keys], cancellationToken);
        }

        return ETags.Ok(ToResponse(item, people, http.User));
    }

    /// <summary>Both people of every item, read in one query: identity from the profile's content, masked unless the caller has pii.</summary>
    private static async Task<Dictionary<string, PersonSummary>> PeopleAsync(TalentHubDbContext db, IEnumerable<Infrastructure.Data.Conflict> items, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var nips = items.SelectMany(i => new[] { i.Nip, i.Field! }).Distinct().ToArray();
        var rows = await db.Profiles.AsNoTracking()
            .Where(p => nips.Contains(p.Nip))
            .Select(p => new { p.Nip, p.Content, p.Status, p.EmployingAgency, p.MergedInto })
            .ToListAsync(cancellationToken);
        var unmasked = user.HasScope(Scopes.Pii);
        var people = new Dictionary<string, PersonSummary>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            using var content = JsonDocument.Parse(row.Content);
            var identity = content.RootElement.TryGetProperty("identity", out var found) && found.ValueKind == JsonValueKind.Object ? found : default;
            string? Text(string name) =>
                identity.ValueKind == JsonValueKind.Object && identity.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            string? Personal(string name) => unmasked ? Text(name) : PersonalDataMasking.MaskField(name, Text(name));
            people[row.Nip] = new PersonSummary(
                row.Nip, Text("name"), Personal("nik"), Personal("birthPlace"), Text("birthDate"), Text("gender"), row.Status, row.EmployingAgency, row.MergedInto);
        }

        return people;
    }

    private static DuplicateResponse ToResponse(Infrastructure.Data.Conflict item, Dictionary<string, PersonSummary> people, ClaimsPrincipal user)
    {
        var unmasked = user.HasScope(Scopes.Pii);
        var evidence = (item.Evidence ?? []).Select(DuplicateEvidence.Parse).Select(e => new EvidenceResponse(
            e.Kind, e.Kind == DuplicateEvidence.SameNik && e.Key is { } nik && !unmasked ? PersonalDataMasking.MaskNik(nik) : e.Key)).ToList();
        PersonSummary Person(string nip) => people.GetValueOrDefault(nip) ?? new PersonSummary(nip, null, null, null, null, null, null, null, null);
        var (first, second) = string.CompareOrdinal(item.Nip, item.Field) < 0 ? (item.Nip, item.Field!) : (item.Field!, item.Nip);
        return new DuplicateResponse(
            item.Id, item.Status, evidence, [Person(first), Person(second)], item.OpenedAt, item.DecisionId, item.ResolvedBy, item.ResolvedAt, item.ResolutionReason);
    }
}
