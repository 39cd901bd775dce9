using System.Text.Encodings.Web;
using System.Text.Json;

namespace TalentHub.DataGen.Writers;

public static class JsonOptions
{
    /// <summary>Readable output: '+' of the offsets and non-ASCII letters as they are; control characters still escaped.</summary>
    public static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = false };

    public static readonly JsonWriterOptions Indented = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };
}
