using System.Buffers;
using System.Text.Json;

namespace TalentHub.Api.Profiles;

/// <summary>
/// Writes stored profile JSON to a response without building a document: NIK as its first and last four digits and
/// birth place withheld (in the identity and in the candidates of identity conflicts), unless the caller may see them.
/// </summary>
public static class ProfileMasking
{
    private const string Nik = "nik";
    private const string BirthPlace = "birthPlace";

    /// <summary>NIK as its first and last four digits (3578********0002).</summary>
    public static string MaskNik(string nik) => nik.Length <= 8 ? new string('*', nik.Length) : nik[..4] + new string('*', nik.Length - 8) + nik[^4..];

    /// <summary>The profile's content with <c>version</c> and <c>provenance</c> added at the end, masked unless <paramref name="unmasked"/>.</summary>
    public static byte[] Profile(string content, int version, string provenance, bool unmasked, JsonSerializerOptions options)
    {
        using var document = JsonDocument.Parse(content);
        return Write(options, writer =>
        {
            writer.WriteStartObject();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                writer.WritePropertyName(property.Name);
                WriteField(writer, property.Name, property.Value, unmasked);
            }

            writer.WriteNumber("version", version);
            writer.WritePropertyName("provenance");
            writer.WriteRawValue(provenance, skipInputValidation: true);
            writer.WriteEndObject();
        });
    }

    /// <summary>A version's changes ([{ field, old, new }]) with the old and new identity and conflicts masked.</summary>
    public static JsonElement Changes(JsonElement changes, JsonSerializerOptions options)
    {
        var bytes = Write(options, writer =>
        {
            writer.WriteStartArray();
            foreach (var change in changes.EnumerateArray())
            {
                var field = change.TryGetProperty("field", out var name) ? name.GetString() : null;
                writer.WriteStartObject();
                foreach (var property in change.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (property.Name is "old" or "new" && field is not null)
                    {
                        WriteField(writer, field, property.Value, unmasked: false);
                    }
                    else
                    {
                        property.Value.WriteTo(writer);
                    }
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
        return JsonSerializer.Deserialize<JsonElement>(bytes);
    }

    private static byte[] Write(JsonSerializerOptions options, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options.Encoder, SkipValidation = true }))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A top-level field of a profile: the identity and the conflicts are where personal data stands.</summary>
    private static void WriteField(Utf8JsonWriter writer, string field, JsonElement value, bool unmasked)
    {
        if (unmasked)
        {
            value.WriteTo(writer);
        }
        else if (field == "identity" && value.ValueKind == JsonValueKind.Object)
        {
            WriteIdentity(writer, value);
        }
        else if (field == "conflicts" && value.ValueKind == JsonValueKind.Array)
        {
            WriteConflicts(writer, value);
        }
        else
        {
            value.WriteTo(writer);
        }
    }

    private static void WriteIdentity(Utf8JsonWriter writer, JsonElement identity)
    {
        writer.WriteStartObject();
        foreach (var property in identity.EnumerateObject())
        {
            if (property.NameEquals(Nik) && property.Value.ValueKind == JsonValueKind.String)
            {
                writer.WriteString(Nik, MaskNik(property.Value.GetString()!));
            }
            else if (property.NameEquals(BirthPlace))
            {
                writer.WriteNull(BirthPlace);
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteConflicts(Utf8JsonWriter writer, JsonElement conflicts)
    {
        writer.WriteStartArray();
        foreach (var conflict in conflicts.EnumerateArray())
        {
            var field = conflict.ValueKind == JsonValueKind.Object && conflict.TryGetProperty("field", out var f) ? f.GetString() : null;
            if (field is not (Nik or BirthPlace))
            {
                conflict.WriteTo(writer);
                continue;
            }

            writer.WriteStartObject();
            foreach (var property in conflict.EnumerateObject())
            {
                if (!property.NameEquals("candidates") || property.Value.ValueKind != JsonValueKind.Array)
                {
                    property.WriteTo(writer);
                    continue;
                }

                writer.WriteStartArray("candidates");
                foreach (var candidate in property.Value.EnumerateArray())
                {
                    writer.WriteStartObject();
                    foreach (var part in candidate.EnumerateObject())
                    {
                        if (part.NameEquals("value") && part.Value.ValueKind == JsonValueKind.String)
                        {
                            if (field == Nik)
                            {
                                writer.WriteString("value", MaskNik(part.Value.GetString()!));
                            }
                            else
                            {
                                writer.WriteNull("value");
                            }
                        }
                        else
                        {
                            part.WriteTo(writer);
                        }
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}
