using System.Text.Json;

namespace TalentHub.Domain.Tests.Normalization;

internal static class Json
{
    /// <summary>A detached element of a JSON text written with single quotes for readability.</summary>
    public static JsonElement Of(string json)
    {
        using var document = JsonDocument.Parse(json.Replace('\'', '"'));
        return document.RootElement.Clone();
    }
}
