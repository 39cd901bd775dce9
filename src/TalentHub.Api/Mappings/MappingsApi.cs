using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using TalentHub.Api.Auth;
using TalentHub.Api.Http;
using TalentHub.Domain.Access;
using TalentHub.Domain.Normalization;

namespace TalentHub.Api.Mappings;

/// <summary>
/// An agency's scales and dictionary (docs/domain/normalization.md#scales, #dictionary, #re-normalization). Every change starts a
/// re-normalization of exactly the records it affects, linked from the response (<c>Link: rel="renormalization"</c>).
/// The handlers check the request and shape the answer; <see cref="MappingService"/> reads and writes.
/// </summary>
public static class MappingsApi
{
    private const string ScaleListName = "scales";

    public static IEndpointRouteBuilder MapMappingsApi(this IEndpointRouteBuilder app)
    {
        var agency = app.MapGroup("/api/v1/agencies/{agencyCode}").WithTags("Mappings");
        var read = agency.MapGroup("").RequireAuthorization(ScopePolicies.MappingsRead);
        var write = agency.MapGroup("").RequireScope(Scopes.MappingsWrite);

        write.MapPut("/scales/{scaleCode}", PutScale).WithName("PutScale").WithSummary("Define a scale, or replace it with a new version (If-Match optional)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        read.MapGet("/scales", ListScales).WithName("ListScales").WithSummary("The agency's scales with their versions (keyset-paged by code)");
        read.MapGet("/scales/{scaleCode}", GetScale).WithName("GetScale").WithSummary("One scale with all its versions");
        read.MapGet("/dictionary", GetDictionary).WithName("GetDictionary").WithSummary("The agency's dictionary (its own entries; BKN's national aliases apply beneath them)");
        write.MapPut("/dictionary", PutDictionary).WithName("PutDictionary").WithSummary("Replace the agency's whole dictionary (If-Match optional)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        write.MapPost("/dictionary/entries", PostDictionaryEntry).WithName("PutDictionaryEntry").WithSummary("Add or change one dictionary entry (nationalCode may be IGNORE)")
            .ProducesProblem(StatusCodes.Status412PreconditionFailed);
        write.MapDelete("/dictionary/entries", DeleteDictionaryEntry).WithName("DeleteDictionaryEntry").WithSummary("Remove one dictionary entry (?agencyCompetency=...)");
        read.MapGet("/unmapped", GetUnmapped).WithName("GetUnmapped").WithSummary("Unmapped scales, names and labels, with the results and records waiting on each");
        read.MapGet("/renormalizations/{id:guid}", GetRenormalization).WithName("GetRenormalization").WithSummary("Progress of a re-normalization after a mapping change");
        return app;
    }

    public static async Task<Results<Created<ScaleResponse>, Ok<ScaleResponse>, ValidationProblem, NotFound, ProblemHttpResult>> PutScale(
        string agencyCode, string scaleCode, JsonElement body, HttpContext http, MappingService mappings, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!await mappings.IsVisibleAgencyAsync(http.User, agencyCode, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (!IsScaleCode(scaleCode))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["scaleCode"] = ["A scale code is 1–64 characters of letters, digits, '.', '_' and '-'."] });
        }

        var parsed = ScaleDefinitions.Parse(body);
        if (parsed.Definition is null || parsed.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(parsed.Errors.ToDictionary(e => e.Key, e => e.Value));
        }

        var written = await mappings.PutScaleAsync(
            agencyCode, scaleCode, parsed.Definition, parsed.AppliesFrom, http.User.ClientId(), IsStale<ScaleResponse>(http, json), cancellationToken);
        if (written is not { Outcome: not WriteOutcome.Stale, Value: { } scale })
        {
            return PreconditionFailed.Problem();
        }

        Answer(http, json, agencyCode, written);
        return written.Outcome == WriteOutcome.Created
            ? TypedResults.Created($"/api/v1/agencies/{agencyCode}/scales/{scaleCode}", scale)
            : TypedResults.Ok(scale);
    }

    public static async Task<Results<Ok<Page<ScaleResponse>>, ValidationProblem, NotFound>> ListScales(
        string agencyCode, ClaimsPrincipal user, MappingService mappings, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (!await mappings.IsVisibleAgencyAsync(user, agencyCode, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (!PageRequest.TryParse(ScaleListName, limit, cursor, out var page, out var errors))
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await mappings.ListScalesAsync(agencyCode, page, ScaleListName, cancellationToken));
    }

    public static async Task<Results<ETagged<ScaleResponse>, NotFound>> GetScale(
        string agencyCode, string scaleCode, ClaimsPrincipal user, MappingService mappings, CancellationToken cancellationToken) =>
        await mappings.IsVisibleAgencyAsync(user, agencyCode, cancellationToken) && await mappings.GetScaleAsync(agencyCode, scaleCode, cancellationToken) is { } scale
            ? ETags.Ok(scale)
            : TypedResults.NotFound();

    public static async Task<Results<ETagged<DictionaryResponse>, NotFound>> GetDictionary(
        string agencyCode, ClaimsPrincipal user, MappingService mappings, CancellationToken cancellationToken) =>
        await mappings.IsVisibleAgencyAsync(user, agencyCode, cancellationToken)
            ? ETags.Ok(await mappings.ReadDictionaryAsync(agencyCode, cancellationToken))
            : TypedResults.NotFound();

    public static async Task<Results<Ok<DictionaryResponse>, ValidationProblem, NotFound, ProblemHttpResult>> PutDictionary(
        string agencyCode, DictionaryRequest request, HttpContext http, MappingService mappings, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!await mappings.IsVisibleAgencyAsync(http.User, agencyCode, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var entries = request.Entries ?? [];
        var errors = entries.Count > MappingService.MaxDictionaryEntries
            ? new Dictionary<string, string[]> { ["entries"] = [$"At most {MappingService.MaxDictionaryEntries} entries."] }
            : await mappings.ValidateEntriesAsync(entries, cancellationToken);
        if (request.Entries is null)
        {
            errors["entries"] = ["entries is required (an empty list clears the dictionary)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var written = await mappings.ReplaceDictionaryAsync(agencyCode, entries, IsStale<DictionaryResponse>(http, json), cancellationToken);
        if (written is not { Outcome: not WriteOutcome.Stale, Value: { } dictionary })
        {
            return PreconditionFailed.Problem();
        }

        Answer(http, json, agencyCode, written);
        return TypedResults.Ok(dictionary);
    }

    public static async Task<Results<Ok<DictionaryEntryResponse>, ValidationProblem, NotFound, ProblemHttpResult>> PostDictionaryEntry(
        string agencyCode, DictionaryEntryRequest request, HttpContext http, MappingService mappings, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!await mappings.IsVisibleAgencyAsync(http.User, agencyCode, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var errors = await mappings.ValidateEntriesAsync([request], cancellationToken);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors.ToDictionary(e => e.Key.Replace("entries[0].", "", StringComparison.Ordinal), e => e.Value));
        }

        var written = await mappings.PutDictionaryEntryAsync(agencyCode, request, IsStale<DictionaryResponse>(http, json), cancellationToken);
        if (written is not { Outcome: not WriteOutcome.Stale, Value: { } entry })
        {
            return PreconditionFailed.Problem();
        }

        LinkRenormalization(http, agencyCode, written.Renormalization);
        return TypedResults.Ok(entry);
    }

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> DeleteDictionaryEntry(
        string agencyCode, string? agencyCompetency, HttpContext http, MappingService mappings, CancellationToken cancellationToken)
    {
        if (!await mappings.IsVisibleAgencyAsync(http.User, agencyCode, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(agencyCompetency) || agencyCompetency.Length > MappingService.MaxNameLength)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["agencyCompetency"] = ["agencyCompetency (the name to remove) is required."] });
        }

        if (await mappings.DeleteDictionaryEntryAsync(agencyCode, agencyCompetency, cancellationToken) is not { } run)
        {
            return TypedResults.NotFound();
        }

        LinkRenormalization(http, agencyCode, run);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<UnmappedResponse>, NotFound>> GetUnmapped(
        string agencyCode, ClaimsPrincipal user, MappingService mappings, CancellationToken cancellationToken) =>
        await mappings.IsVisibleAgencyAsync(user, agencyCode, cancellationToken)
            ? TypedResults.Ok(await mappings.UnmappedAsync(agencyCode, cancellationToken))
            : TypedResults.NotFound();

    public static async Task<Results<ETagged<RenormalizationResponse>, NotFound>> GetRenormalization(
        string agencyCode, Guid id, ClaimsPrincipal user, MappingService mappings, CancellationToken cancellationToken) =>
        await mappings.IsVisibleAgencyAsync(user, agencyCode, cancellationToken) && await mappings.GetRenormalizationAsync(agencyCode, id, cancellationToken) is { } run
            ? ETags.Ok(run)
            : TypedResults.NotFound();

    /// <summary>True when the request's If-Match names another representation than the current one.</summary>
    private static Func<T, bool> IsStale<T>(HttpContext http, IOptions<JsonOptions> json) =>
        current => ETags.IsStale(http.Request, ETags.Of(current, json.Value.SerializerOptions));

    /// <summary>The written representation's ETag, and the link to the re-normalization the write started.</summary>
    private static void Answer<T>(HttpContext http, IOptions<JsonOptions> json, string agencyCode, MappingWrite<T> written)
        where T : class
    {
        LinkRenormalization(http, agencyCode, written.Renormalization);
        http.Response.Headers.ETag = ETags.Of(written.Value, json.Value.SerializerOptions);
    }

    private static void LinkRenormalization(HttpContext http, string agencyCode, Guid? run)
    {
        if (run is not null)
        {
            http.Response.Headers.Link = $"</api/v1/agencies/{agencyCode}/renormalizations/{run}>; rel=\"renormalization\"";
        }
    }

    private static bool IsScaleCode(string code) =>
        code.Length is >= 1 and <= 64 && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
