using System.Text.Json;
using System.Text.Json.Serialization;

namespace TalentHub.Api.Http;

/// <summary>The JSON contract (docs/domain/README.md#spellings): camelCase, enums as UPPER_SNAKE strings, strict reading.</summary>
public static class JsonConventions
{
    public const int MaxDepth = 32;

    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        // Property names are case-sensitive (the web defaults match them case-insensitively).
        options.PropertyNameCaseInsensitive = false;
        // Unknown members are an error, never silently ignored.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // The web defaults read numbers from strings; the contract does not.
        options.NumberHandling = JsonNumberHandling.Strict;
        // A repeated property would silently lose one of its values.
        options.AllowDuplicateProperties = false;
        options.MaxDepth = MaxDepth;
        options.AllowTrailingCommas = false;
        options.ReadCommentHandling = JsonCommentHandling.Disallow;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false));
    }
}
