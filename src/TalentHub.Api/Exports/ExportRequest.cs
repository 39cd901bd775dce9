using System.Text.Json;

namespace TalentHub.Api.Exports;

/// <summary>The filter of an export: each field narrows the profiles (null: not filtered on). Merged NIPs are never exported.</summary>
public sealed record ExportFilter(string? AgencyCode, string? Province, string? PositionLevel, string? Status, int? Box);

public sealed record ExportRequest(string? Format, ExportFilter? Filter);

public static class ExportFormats
{
    public const string Ndjson = "NDJSON";
    public const string Csv = "CSV";
}

public static class ExportStatuses
{
    public const string Queued = "QUEUED";
    public const string Running = "RUNNING";
    public const string Completed = "COMPLETED";
    public const string Failed = "FAILED";
    public const string Expired = "EXPIRED";
}

public static class ExportRequests
{
    private const int MaxCodeLength = 64;

    /// <summary>Errors of the request keyed by property (empty when valid); codes are bounded and free of control characters.</summary>
    public static Dictionary<string, string[]> Validate(ExportRequest request)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Format is not (ExportFormats.Ndjson or ExportFormats.Csv))
        {
            errors["format"] = ["format is NDJSON or CSV."];
        }

        var filter = request.Filter ?? new ExportFilter(null, null, null, null, null);
        foreach (var (name, value) in new[] { ("filter.agencyCode", filter.AgencyCode), ("filter.province", filter.Province), ("filter.positionLevel", filter.PositionLevel), ("filter.status", filter.Status) })
        {
            if (value is not null && (value.Length is 0 or > MaxCodeLength || value.Any(char.IsControl)))
            {
                errors[name] = [$"{name} is 1 to {MaxCodeLength} characters without control characters."];
            }
        }

        if (filter.Box is < 1 or > 9)
        {
            errors["filter.box"] = ["filter.box is 1 to 9."];
        }

        return errors;
    }

    /// <summary>The request in one canonical spelling (what an Idempotency-Key replay must match).</summary>
    public static string Canonical(ExportRequest request) =>
        JsonSerializer.Serialize(new { format = request.Format, filter = request.Filter ?? new ExportFilter(null, null, null, null, null) }, JsonSerializerOptions.Web);

    public static string FilterJson(ExportFilter? filter) => JsonSerializer.Serialize(filter ?? new ExportFilter(null, null, null, null, null), JsonSerializerOptions.Web);

    public static ExportFilter ParseFilter(string json) => JsonSerializer.Deserialize<ExportFilter>(json, JsonSerializerOptions.Web) ?? new ExportFilter(null, null, null, null, null);
}
