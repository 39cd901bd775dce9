using System.Text.Json;
using TalentHub.DataGen.Mappings;

namespace TalentHub.DataGen.Writers;

/// <summary>
/// Writes what an agency registers before it sends records: each scale as the body of
/// <c>PUT /agencies/{code}/scales/{scaleCode}</c>, the dictionary as the body of <c>PUT /agencies/{code}/dictionary</c>,
/// and, for the tests, which of the names, labels and scales its records use are deliberately left unmapped.
/// </summary>
public static class MappingsWriter
{
    public static void Write(string path, string agencyCode, AgencyAssessmentProfile profile)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, JsonOptions.Indented);
        json.WriteStartObject();
        json.WriteString("agencyCode", agencyCode);
        json.WriteStartArray("methods");
        foreach (var method in profile.Methods)
        {
            json.WriteStartObject();
            json.WriteString("method", method);
            json.WriteString("scaleCode", profile.ScaleFor(method).Code);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("scales");
        foreach (var scale in profile.Scales)
        {
            json.WriteStartObject();
            json.WriteString("scaleCode", scale.Code);
            json.WritePropertyName("body");
            WriteScaleBody(json, scale);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartObject("dictionary");
        json.WriteStartArray("entries");
        foreach (var competency in profile.AllCompetencies.Where(c => c.Registered && c.Name != c.NationalCode))
        {
            json.WriteStartObject();
            json.WriteString("agencyCompetency", competency.Name);
            json.WriteString("nationalCode", competency.NationalCode);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("deliberatelyUnmapped");
        json.WriteStartArray("competencies");
        foreach (var competency in profile.AllCompetencies.Where(c => !c.Registered))
        {
            json.WriteStringValue(competency.Name);
        }

        json.WriteEndArray();
        json.WriteStartArray("labels");
        foreach (var scale in profile.Scales.Where(s => s.UnlistedLabel is not null))
        {
            json.WriteStartObject();
            json.WriteString("scaleCode", scale.Code);
            json.WriteString("label", scale.UnlistedLabel);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("scales");
        if (profile.UnregisteredScaleCode is not null)
        {
            json.WriteStringValue(profile.UnregisteredScaleCode);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteScaleBody(Utf8JsonWriter json, Scale scale)
    {
        json.WriteStartObject();
        switch (scale.Kind)
        {
            case ScaleKind.Linear:
                json.WriteString("kind", "LINEAR");
                json.WriteNumber("min", scale.Min);
                json.WriteNumber("max", scale.Max);
                json.WriteBoolean("higherIsBetter", true);
                break;
            case ScaleKind.Bands:
                json.WriteString("kind", "BANDS");
                json.WriteStartArray("bands");
                foreach (var band in scale.Bands)
                {
                    json.WriteStartObject();
                    json.WriteNumber("from", band.From);
                    json.WriteNumber("to", band.To);
                    json.WriteNumber("level", band.Level);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            default:
                json.WriteString("kind", "LABELS");
                json.WriteStartObject("labels");
                foreach (var label in scale.Labels)
                {
                    json.WriteNumber(label.Key, label.Value);
                }

                json.WriteEndObject();
                break;
        }

        json.WriteEndObject();
    }
}
