using System.Text.Json;

namespace TalentHub.Domain.Records;

/// <summary>
/// The NIP a record names, read when it is staged (docs/domain/records.md#outcome): the top-level <c>nip</c> string of a
/// well-formed JSON object. The duplicate-NIP rule of a submission is decided on it before any record is validated, so
/// that each chunk of records can be reconciled as soon as it is validated. For every record that passes validation
/// it equals the validated NIP; a record that does not pass still counts for the rule when it names a NIP.
/// </summary>
public static class StagedNip
{
    private static readonly JsonReaderOptions Options = new() { MaxDepth = RecordValidator.MaxDepth };

    public static string? Read(ReadOnlySpan<byte> utf8Json)
    {
        if (utf8Json.StartsWith("\uFEFF"u8))
        {
            utf8Json = utf8Json[3..];
        }

        string? nip = null;
        try
        {
            var reader = new Utf8JsonReader(utf8Json, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isNip = reader.ValueTextEquals("nip"u8);
                reader.Read();
                if (isNip && reader.TokenType == JsonTokenType.String)
                {
                    nip = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }

            // Only a whole, well-formed object names a NIP: the rest of the text must be nothing but whitespace.
            return reader.TokenType == JsonTokenType.EndObject && !reader.Read() ? nip : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate, which no .NET string holds.
            return null;
        }
    }
}
