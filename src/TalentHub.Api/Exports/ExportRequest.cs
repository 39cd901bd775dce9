using System.Text.Json;
using TalentHub.Api.Http;

namespace TalentHub.Api.Exports;

/// <summary>The filter of an export: each field narrows the profiles (null: not filtered on). Merged NIPs are never exported.</summary>
public sealed record ExportFilter(string? AgencyCode, string? Province, string? PositionLevel, string? Status, int? Box)
{
    public static readonly ExportFilter None = new(null, null, null, null, null);
}

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
    /// <summary>Errors of the request keyed by property (empty when valid); codes are bounded and free of control characters.</summary>
    public static Dictionary<string, string[]> Validate(ExportRequest request)
    {
        var filter = request.Filter ?? ExportFilter.None;
        var errors = QueryValues.Errors(
            [("filter.agencyCode", filter.AgencyCode), ("filter.province", filter.Province), ("filter.positionLevel", filter.PositionLevel), ("filter.status", filter.Status)],
            []);
        if (request.Format is not (ExportFormats.Ndjson or ExportFormats.Csv))
        {
            errors["format"] = ["format is NDJSON or CSV."];
        }

        if (filter.Box is < 1 or > 9)
        {
            errors["filter.box"] = ["filter.box is 1 to 9."];
        }

        return errors;
    }

    /// <summary>The request in one canonical spelling (what an Idempotency-Key replay must match).</summary>
    public static string Canonical(ExportRequest request) =>
        JsonSerializer.Serialize(new { format = request.Format, filter = request.Filter ?? ExportFilter.None }, JsonSerializerOptions.Web);

    public static string FilterJson(ExportFilter? filter) => JsonSerializer.Serialize(filter ?? ExportFilter.None, JsonSerializerOptions.Web);

    public static ExportFilter ParseFilter(string json) => JsonSerializer.Deserialize<ExportFilter>(json, JsonSerializerOptions.Web) ?? ExportFilter.None;
}
