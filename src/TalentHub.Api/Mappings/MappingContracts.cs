using System.Text.Json;
using TalentHub.Infrastructure.Data;

namespace TalentHub.Api.Mappings;

public sealed record ScaleResponse(string AgencyCode, string ScaleCode, int CurrentVersion, IReadOnlyList<ScaleVersionResponse> Versions);

public sealed record ScaleVersionResponse(int Version, DateOnly? AppliesFrom, JsonElement Definition, DateTimeOffset CreatedAt);

public sealed record DictionaryRequest(IReadOnlyList<DictionaryEntryRequest>? Entries);

public sealed record DictionaryEntryRequest(string? AgencyCompetency, string? NationalCode);

public sealed record DictionaryResponse(string AgencyCode, IReadOnlyList<DictionaryEntryResponse> Entries, string NationalAliases);

public sealed record DictionaryEntryResponse(string AgencyCompetency, string NationalCode, DateTimeOffset UpdatedAt);

public sealed record UnmappedItem(PendingKind Kind, string? ScaleCode, string Value, int Results, int Records);

public sealed record UnmappedResponse(string AgencyCode, IReadOnlyList<UnmappedItem> Items);

public sealed record RenormalizationResponse(
    Guid Id,
    string AgencyCode,
    RenormalizationStatus Status,
    IReadOnlyList<string> ChangedScales,
    IReadOnlyList<string> ChangedNames,
    int Done,
    int Total,
    int Accepted,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt)
{
    public static RenormalizationResponse From(Renormalization r) =>
        new(r.Id, r.AgencyCode, r.Status, r.ChangedScales, r.ChangedNames, r.Done, r.Total, r.Accepted, r.CreatedAt, r.CompletedAt);
}
