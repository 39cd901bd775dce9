using System.Buffers;
using System.Text;
using System.Text.Json;
using TalentHub.Domain.Reconciliation;

namespace TalentHub.Api.Privacy;

/// <summary>
/// The one place where personal data is masked for callers without <c>pii</c> (docs/domain/README.md#access):
/// NIK as its first and last four digits, birth place withheld. Every endpoint that returns a person's data goes
/// through it: profiles and their history, the candidates of identity conflicts, and raw submitted records.
/// </summary>
public static class PersonalDataMasking
{
    public const string NikField = "nik";
    public const string BirthPlaceField = "birthPlace";

    /// <summary>NIK as its first and last four digits (3578********0002).</summary>
    public static string MaskNik(string nik) => nik.Length <= 8 ? new string('*', nik.Length) : nik[..4] + new string('*', nik.Length - 8) + nik[^4..];

    /// <summary>A value of the named identity field as a caller without <c>pii</c> sees it: NIK masked, birth place withheld (null), anything else unchanged.</summary>
    public static string? MaskField(string field, string? value) => field switch
    {
        NikField => value is null ? null : MaskNik(value),
        BirthPlaceField => null,
        _ => value,
    };

    /// <summary>
    /// A conflict's candidates (<c>[{ value, agencyCode }]</c>) with their values masked when the conflict is about
    /// <c>nik</c> or <c>birthPlace</c>; the candidates of any other field are returned unchanged.
    /// </summary>
    public static JsonElement Candidates(string? field, JsonElement candidates)
    {
        if (field is not (NikField or BirthPlaceField) || candidates.ValueKind != JsonValueKind.Array)
        {
            return candidates.Clone();
        }

        return ToElement(Write(null, writer => WriteCandidates(writer, field, candidates)));
    }

    /// <summary>
    /// A raw submitted record (a JSON record, or a CSV row staged as an object of its cells by column) as a caller without
    /// <c>pii</c> sees it: <c>nik</c> masked and <c>birthPlace</c> nulled. The names are matched case-insensitively and at
    /// any depth, because a raw record is what arrived, before validation: a misspelt <c>NIK</c> column or a nik nested
    /// where it does not belong still holds the person's NIK.
    /// </summary>
    /// <remarks>
    /// Anything but an object is withheld (JSON null): a record that did not parse is kept as the text that arrived and is
    /// shown as a JSON string, and a record that parsed as an array, string or number has no field names to mask by.
    /// Either can hold a NIK or a birth place anywhere, and no test on free text can prove that a birth place is absent,
    /// so without <c>pii</c> none of it is shown; its errors (code, line) still tell the agency which line to fix.
    /// </remarks>
    public static JsonElement RawRecord(JsonElement raw)
    {
        if (raw.ValueKind != JsonValueKind.Object)
        {
            return Null;
        }

        return ToElement(Write(null, writer => WriteRawValue(writer, raw)));
    }

    /// <summary>
    /// The profile's content with <c>version</c> and <c>provenance</c> (written out per field from its stored form)
    /// added at the end, masked unless <paramref name="unmasked"/>. The content is canonical JSON: every field but the
    /// identity and the conflicts of a masked read is copied as it is stored, without being parsed into a document.
    /// </summary>
    public static byte[] Profile(string content, int version, string provenance, bool unmasked, JsonSerializerOptions options)
    {
        var json = Encoding.UTF8.GetBytes(content);
        return Write(options, writer =>
        {
            var reader = new Utf8JsonReader(json);
            reader.Read();
            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var personal = !unmasked && (reader.ValueTextEquals("identity"u8) || reader.ValueTextEquals("conflicts"u8));
                var name = reader.GetString()!;
                writer.WritePropertyName(name);
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                var value = json.AsSpan(start, (int)reader.BytesConsumed - start);
                if (personal)
                {
                    using var document = JsonDocument.Parse(json.AsMemory(start, value.Length));
                    WriteField(writer, name, document.RootElement, unmasked: false);
                }
                else
                {
                    writer.WriteRawValue(value, skipInputValidation: true);
                }
            }

            writer.WriteNumber("version", version);
            writer.WritePropertyName("provenance");
            ProvenanceDocument.Expand(Encoding.UTF8.GetBytes(provenance), writer);
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
        return ToElement(bytes);
    }

    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement.Clone();

    private static JsonElement ToElement(byte[] json) => JsonSerializer.Deserialize<JsonElement>(json);

    private static byte[] Write(JsonSerializerOptions? options, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = options?.Encoder, SkipValidation = true }))
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
            if (property.NameEquals(NikField) && property.Value.ValueKind == JsonValueKind.String)
            {
                writer.WriteString(NikField, MaskNik(property.Value.GetString()!));
            }
            else if (property.NameEquals(BirthPlaceField))
            {
                writer.WriteNull(BirthPlaceField);
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
            if (field is not (NikField or BirthPlaceField))
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

                writer.WritePropertyName("candidates");
                WriteCandidates(writer, field, property.Value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    /// <summary>The candidates of a nik or birthPlace conflict: each value masked (a NIK) or withheld (a birth place or anything that is not a string).</summary>
    private static void WriteCandidates(Utf8JsonWriter writer, string field, JsonElement candidates)
    {
        writer.WriteStartArray();
        foreach (var candidate in candidates.EnumerateArray())
        {
            if (candidate.ValueKind != JsonValueKind.Object)
            {
                writer.WriteNullValue();
                continue;
            }

            writer.WriteStartObject();
            foreach (var part in candidate.EnumerateObject())
            {
                if (!part.NameEquals("value"))
                {
                    part.WriteTo(writer);
                }
                else if (field == NikField && part.Value.ValueKind == JsonValueKind.String)
                {
                    writer.WriteString("value", MaskNik(part.Value.GetString()!));
                }
                else
                {
                    writer.WriteNull("value");
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteRawValue(Utf8JsonWriter writer, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    writer.WritePropertyName(property.Name);
                    if (property.Name.Equals(NikField, StringComparison.OrdinalIgnoreCase))
                    {
                        if (property.Value.ValueKind == JsonValueKind.String)
                        {
                            writer.WriteStringValue(MaskNik(property.Value.GetString()!));
                        }
                        else
                        {
                            writer.WriteNullValue();
                        }
                    }
                    else if (property.Name.Equals(BirthPlaceField, StringComparison.OrdinalIgnoreCase))
                    {
                        writer.WriteNullValue();
                    }
                    else
                    {
                        WriteRawValue(writer, property.Value);
                    }
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.EnumerateArray())
                {
                    WriteRawValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                value.WriteTo(writer);
                break;
        }
    }
}
