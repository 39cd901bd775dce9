using System.Globalization;
using System.Text.Json;
using TalentHub.Domain.Time;
using static TalentHub.Domain.Records.RecordErrorCodes;

namespace TalentHub.Domain.Records;

/// <summary>
/// One record's validation in progress: the context, the errors found so far, and the typed readers every part of
/// the record uses. A reader reports what is wrong with a value and returns null for anything it cannot use, so
/// that later rules are only applied to values that are themselves valid (no cascades of derived errors).
/// JSON <c>null</c> counts as absent everywhere.
/// </summary>
internal sealed class RecordChecker(ValidationContext context)
{
    private List<RecordError>? _errors;

    public DateOnly Today => context.Today;

    public ReferenceSets Reference => context.Reference;

    public IReadOnlyList<RecordError> Errors => _errors is null ? [] : _errors;

    public void Add(Pointer at, string code, string message) =>
        (_errors ??= []).Add(new RecordError(at.ToString(), code, message));

    /// <summary>Fills the slots with the defined properties of an object; every other property is unknown_field.</summary>
    public void ReadObject(JsonElement value, FieldNames fields, Pointer at, ref FieldSlots slots)
    {
        foreach (var property in value.EnumerateObject())
        {
            var slot = fields.SlotOf(property);
            if (slot < 0)
            {
                var name = NameOf(property);
                Add(at.Property(Pointer.Segment(name)), UnknownField, $"{TextRules.Echo(name)} is not a field of the record format.");
            }
            else if (property.Value.ValueKind != JsonValueKind.Null)
            {
                slots[slot] = property.Value;
            }
        }
    }

    /// <summary>True when the value is an object to read; reports required (when absent) or invalid_type.</summary>
    public bool IsObject(JsonElement value, Pointer at, bool required) =>
        IsPresent(value, at, required) && HasKind(value, JsonValueKind.Object, at, "an object");

    /// <summary>
    /// The number of items to validate: all of them, or the first <paramref name="maxItems"/> when there are more
    /// (then too_many). 0 when absent or not an array. An empty required list is required.
    /// </summary>
    public int ItemsToRead(JsonElement value, Pointer at, int maxItems, bool required)
    {
        if (!IsPresent(value, at, required) || !HasKind(value, JsonValueKind.Array, at, "an array"))
        {
            return 0;
        }

        var length = value.GetArrayLength();
        if (length == 0 && required)
        {
            Add(at, Required, $"{at.Name} needs at least one entry.");
        }
        else if (length > maxItems)
        {
            Add(at, TooMany, string.Create(CultureInfo.InvariantCulture, $"{at.Name} has {length} entries; at most {maxItems} are allowed."));
            return maxItems;
        }

        return length;
    }

    /// <summary>Free text: trimmed not empty (else required or absent), printable, valid Unicode, within its length.</summary>
    public string? Text(JsonElement value, Pointer at, int maxLength, bool required)
    {
        var text = NonEmptyString(value, at, required);
        if (text is null)
        {
            return null;
        }

        switch (TextRules.Inspect(text))
        {
            case TextFault.NotNormalizable:
                Add(at, InvalidFormat, $"{at.Name} is not valid Unicode text (it cannot be normalized to NFC).");
                return null;
            case TextFault.ControlCharacter:
                Add(at, InvalidFormat, $"{at.Name} contains control characters.");
                return null;
            default:
                break;
        }

        var length = TextRules.Length(text.AsSpan().Trim());
        if (length > maxLength)
        {
            Add(at, TooLong, string.Create(CultureInfo.InvariantCulture, $"{at.Name} has {length} characters; at most {maxLength} are allowed."));
            return null;
        }

        return text;
    }

    /// <summary>A code compared with a list or a set by the caller: a non-empty string.</summary>
    public string? Code(JsonElement value, Pointer at, bool required) => NonEmptyString(value, at, required);

    /// <summary>A code from a fixed list; reports <paramref name="errorCode"/>.</summary>
    public string? Enum(JsonElement value, Pointer at, WireEnum allowed, bool required, string errorCode = InvalidEnum)
    {
        var code = Code(value, at, required);
        if (code is null || allowed.Contains(code))
        {
            return code;
        }

        Add(at, errorCode, $"{TextRules.Echo(code)} is not a valid {at.Name}; expected {allowed}.");
        return null;
    }

    /// <summary>A code that must be in the reference data; reports <paramref name="errorCode"/>.</summary>
    public string? Member(JsonElement value, Pointer at, IReadOnlySet<string> set, string errorCode, string what, bool required)
    {
        var code = Code(value, at, required);
        if (code is null || set.Contains(code))
        {
            return code;
        }

        Add(at, errorCode, $"{TextRules.Echo(code)} is not a known {what}.");
        return null;
    }

    /// <summary>A real <c>yyyy-MM-dd</c> date.</summary>
    public DateOnly? Date(JsonElement value, Pointer at, bool required)
    {
        var text = NonEmptyString(value, at, required);
        if (text is null)
        {
            return null;
        }

        if (IsoDate.TryParse(text, out var date))
        {
            return date;
        }

        Add(at, InvalidDate, $"{TextRules.Echo(text)} is not a real date in the form yyyy-MM-dd.");
        return null;
    }

    /// <summary>A real date not after today; reports future_date (and still returns the date).</summary>
    public DateOnly? PastDate(JsonElement value, Pointer at, bool required)
    {
        var date = Date(value, at, required);
        if (date > Today)
        {
            Add(at, FutureDate, $"{at.Name} {Iso(date.Value)} is after today ({Iso(Today)}).");
        }

        return date;
    }

    /// <summary>A whole number (2023 and 2023.0 alike); a fraction is invalid_type, beyond Int32 out_of_range.</summary>
    public int? Integer(JsonElement value, Pointer at, bool required)
    {
        if (!IsPresent(value, at, required) || !HasKind(value, JsonValueKind.Number, at, "a whole number"))
        {
            return null;
        }

        if (value.TryGetInt32(out var number))
        {
            return number;
        }

        if (!value.TryGetDecimal(out var exact) || exact is > int.MaxValue or < int.MinValue)
        {
            Add(at, OutOfRange, $"{at.Name} is far outside its range.");
            return null;
        }

        if (exact != decimal.Truncate(exact))
        {
            Add(at, InvalidType, $"{at.Name} must be a whole number.");
            return null;
        }

        return (int)exact;
    }

    /// <summary>A number that fits a decimal (an absurd magnitude is out_of_range).</summary>
    public decimal? Number(JsonElement value, Pointer at, bool required)
    {
        if (!IsPresent(value, at, required) || !HasKind(value, JsonValueKind.Number, at, "a number"))
        {
            return null;
        }

        if (value.TryGetDecimal(out var number))
        {
            return number;
        }

        Add(at, OutOfRange, $"{at.Name} is far outside any range.");
        return null;
    }

    /// <summary>
    /// A score: a number or a label (a string), read later on its scale (normalization checks it against the scale).
    /// </summary>
    public void Score(JsonElement value, Pointer at)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number:
                Number(value, at, required: true);
                break;
            case JsonValueKind.String:
                Text(value, at, RecordLimits.ScoreLabelLength, required: true);
                break;
            case JsonValueKind.Undefined:
                Add(at, Required, $"{at.Name} is required.");
                break;
            default:
                Add(at, InvalidType, $"{at.Name} must be a number or a string, not {KindName(value.ValueKind)}.");
                break;
        }
    }

    /// <summary>Absent for the rules: missing, or a string of white space only.</summary>
    public static bool IsAbsent(JsonElement value) =>
        value.ValueKind == JsonValueKind.Undefined
        || (value.ValueKind == JsonValueKind.String && StringOf(value) is { } text && text.AsSpan().IsWhiteSpace());

    /// <summary>The string of a JSON string, or null for an escaped lone surrogate, which no .NET string holds.</summary>
    public static string? StringOf(JsonElement value)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string? NonEmptyString(JsonElement value, Pointer at, bool required)
    {
        if (!IsPresent(value, at, required) || !HasKind(value, JsonValueKind.String, at, "a string"))
        {
            return null;
        }

        var text = StringOf(value);
        if (text is null)
        {
            Add(at, InvalidFormat, $"{at.Name} is not valid Unicode text (an unpaired surrogate escape).");
            return null;
        }

        if (text.AsSpan().IsWhiteSpace())
        {
            if (required)
            {
                Add(at, Required, $"{at.Name} is required and must not be empty.");
            }

            return null;
        }

        return text;
    }

    private bool IsPresent(JsonElement value, Pointer at, bool required)
    {
        if (value.ValueKind != JsonValueKind.Undefined)
        {
            return true;
        }

        if (required)
        {
            Add(at, Required, $"{at.Name} is required.");
        }

        return false;
    }

    private bool HasKind(JsonElement value, JsonValueKind kind, Pointer at, string expected)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        Add(at, InvalidType, $"{at.Name} must be {expected}, not {KindName(value.ValueKind)}.");
        return false;
    }

    private static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => "a boolean",
    };

    private static string NameOf(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            return "\uFFFD";
        }
    }
}
