using System.Text.Json;

namespace TalentHub.Domain.Reconciliation;

/// <summary>
/// A profile's provenance as clients read it, from the stored form of <c>ContentWriter.WriteProvenance</c>: per field,
/// its source's agencyCode, submissionId, recordIndex and receivedAt, then its rule and any steward decision.
/// </summary>
public static class ProvenanceDocument
{
    internal const string Sources = "sources";
    internal const string Fields = "fields";
    internal const string Source = "source";

    /// <summary>Writes the per-field provenance object for the stored form <paramref name="stored"/>.</summary>
    /// <exception cref="FormatException">The text is not stored provenance.</exception>
    public static void Expand(ReadOnlySpan<byte> stored, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var reader = new Utf8JsonReader(stored);
        // Each source's properties as ranges of the stored text, copied into each field it is the source of.
        var sources = new List<List<(Range Name, Range Value)>>();
        Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        Expect(reader.Read() && reader.ValueTextEquals(Sources) && reader.Read() && reader.TokenType == JsonTokenType.StartArray);
        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            var properties = new List<(Range Name, Range Value)>(4);
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var nameStart = (int)reader.TokenStartIndex + 1;
                var name = new Range(nameStart, nameStart + reader.ValueSpan.Length);
                reader.Read();
                properties.Add((name, new Range((int)reader.TokenStartIndex, (int)reader.BytesConsumed)));
            }

            sources.Add(properties);
        }

        Expect(reader.Read() && reader.ValueTextEquals(Fields) && reader.Read() && reader.TokenType == JsonTokenType.StartObject);
        writer.WriteStartObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            writer.WritePropertyName(reader.ValueSpan);
            Expect(reader.Read() && reader.TokenType == JsonTokenType.StartObject);
            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(Source))
                {
                    Expect(reader.Read() && reader.TokenType == JsonTokenType.Number);
                    var index = reader.GetInt32();
                    Expect(index >= 0 && index < sources.Count);
                    foreach (var (name, value) in sources[index])
                    {
                        writer.WritePropertyName(stored[name]);
                        writer.WriteRawValue(stored[value], skipInputValidation: true);
                    }

                    continue;
                }

                writer.WritePropertyName(reader.ValueSpan);
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                writer.WriteRawValue(stored[valueStart..(int)reader.BytesConsumed], skipInputValidation: true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void Expect(bool condition)
    {
        if (!condition)
        {
            throw new FormatException("Stored provenance has not the form ContentWriter writes.");
        }
    }
}
