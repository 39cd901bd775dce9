using System.Text.Json;
using TalentHub.Api.Http;
using TalentHub.Api.Profiles;

namespace TalentHub.Api.Tests.Profiles;

/// <summary>
/// The served profile read back into <see cref="ProfileDocument"/>, the type the OpenAPI document describes it with:
/// an unknown member, a missing required one or a null where the type says none fails, so the two cannot drift.
/// </summary>
internal static class ProfileContract
{
    private static readonly JsonSerializerOptions Strict = CreateStrict();

    public static ProfileDocument Read(JsonElement served) => served.Deserialize<ProfileDocument>(Strict)!;

    public static ProfilesApi.DerivationResponse ReadDerivation(JsonElement served) => served.Deserialize<ProfilesApi.DerivationResponse>(Strict)!;

    private static JsonSerializerOptions CreateStrict()
    {
        var options = new JsonSerializerOptions();
        JsonConventions.Apply(options);
        options.RespectNullableAnnotations = true;
        options.RespectRequiredConstructorParameters = true;
        return options;
    }
}
