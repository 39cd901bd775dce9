using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TalentHub.Domain.Time;

namespace TalentHub.Domain.Normalization;

/// <summary>
/// Scale bodies of the Mappings API: <c>{"kind":"LINEAR","min":0,"max":100,"higherIsBetter":true,"appliesFrom":"2026-01-01"}</c>,
/// <c>{"kind":"BANDS","bands":[{"from":0,"to":60,"level":1},…]}</c>, <c>{"kind":"LABELS","labels":{"A":5,…}}</c>;
/// property names are case-sensitive and unknown ones are rejected.
/// </summary>
public static class ScaleDefinitions
{
    /// <summary>The most bands or labels in one scale.</summary>
    public const int MaxEntries = 200;

    /// <summary>The longest label, in characters as written.</summary>
    public const int MaxLabelLength = 64;

    /// <summary>Bound of every min, max, from and to (not in the specification): keeps the arithmetic exact and far from overflow.</summary>
    public const decimal MaxMagnitude = 1_000_000_000_000m;

    public const string Linear = "LINEAR";
    public const string Bands = "BANDS";
    public const string Labels = "LABELS";

    private const string BodyKey = "$";
    private const string KindKey = "kind";
    private const string AppliesFromKey = "appliesFrom";
    private const string MinKey = "min";
    private const string MaxKey = "max";
    private const string HigherIsBetterKey = "higherIsBetter";
    private const string BandsKey = "bands";
    private const string LabelsKey = "labels";
    private const string FromKey = "from";
    private const string ToKey = "to";
    private const string LevelKey = "level";
    private const string PlainDecimalFormat = "0.############################";

    private static readonly string[] LinearProperties = [KindKey, AppliesFromKey, MinKey, MaxKey, HigherIsBetterKey];
    private static readonly string[] BandsProperties = [KindKey, AppliesFromKey, BandsKey];
    private static readonly string[] LabelsProperties = [KindKey, AppliesFromKey, LabelsKey];
    private static readonly string[] AnyKindProperties = [.. LinearProperties, BandsKey, LabelsKey];
    private static readonly string[] BandProperties = [FromKey, ToKey, LevelKey];

    public static ParsedScale Parse(JsonElement body)
    {
        var errors = new ErrorList();
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors.Add(BodyKey, "The body must be a JSON object with a kind: LINEAR, BANDS or LABELS.");
            return errors.Result(null, null);
        }

        var properties = ReadProperties(body, string.Empty, errors);
        var kind = ReadKind(properties, errors);
        var appliesFrom = ReadAppliesFrom(properties, errors);

        var allowed = kind switch
        {
            Linear => LinearProperties,
            Bands => BandsProperties,
            Labels => LabelsProperties,
            _ => AnyKindProperties,
        };
        var kindName = kind is null ? "scale" : $"{kind} scale";
        RejectUnknown(properties, allowed, string.Empty, $"a {kindName} (it has {string.Join(", ", allowed)})", errors);

        ScaleDefinition? definition = kind switch
        {
            Linear => ReadLinear(properties, errors),
            Bands => ReadBands(properties, errors),
            Labels => ReadLabels(properties, errors),
            _ => null,
        };

        return errors.Result(definition, appliesFrom);
    }

    /// <summary>Stable JSON of a definition, for storage and ETags: fixed property order, labels sorted, decimals without trailing zeros.</summary>
    public static string ToCanonicalJson(ScaleDefinition definition)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            switch (definition)
            {
                case LinearScale linear:
                    writer.WriteString(KindKey, Linear);
                    WriteDecimal(writer, MinKey, linear.Min);
                    WriteDecimal(writer, MaxKey, linear.Max);
                    writer.WriteBoolean(HigherIsBetterKey, linear.HigherIsBetter);
                    break;
                case BandsScale bands:
                    writer.WriteString(KindKey, Bands);
                    writer.WriteStartArray(BandsKey);
                    foreach (var band in bands.Bands)
                    {
                        writer.WriteStartObject();
                        WriteDecimal(writer, FromKey, band.From);
                        WriteDecimal(writer, ToKey, band.To);
                        writer.WriteNumber(LevelKey, band.Level);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    break;
                case LabelsScale labels:
                    writer.WriteString(KindKey, Labels);
                    writer.WriteStartObject(LabelsKey);
                    foreach (var (label, level) in labels.Labels.OrderBy(entry => entry.Key, StringComparer.Ordinal))
                    {
                        writer.WriteNumber(label, level);
                    }

                    writer.WriteEndObject();
                    break;
                default:
                    throw new ArgumentException($"Unknown scale definition {definition.GetType().Name}.", nameof(definition));
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>A definition stored by <see cref="ToCanonicalJson"/> (or any valid body, whose appliesFrom is ignored).</summary>
    /// <exception cref="FormatException">The JSON is not a valid scale definition.</exception>
    public static ScaleDefinition FromCanonicalJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var parsed = Parse(document.RootElement);
        return parsed.Definition
            ?? throw new FormatException("Not a valid scale definition: " + string.Join("; ", parsed.Errors.Select(error => $"{error.Key}: {string.Join(" ", error.Value)}")));
    }

    private static void WriteDecimal(Utf8JsonWriter writer, string property, decimal value)
    {
        writer.WritePropertyName(property);
        // Plain digits without trailing zeros, so that 100, 100.0 and -0 store alike.
        writer.WriteRawValue(value == 0 ? "0" : value.ToString(PlainDecimalFormat, CultureInfo.InvariantCulture), skipInputValidation: true);
    }

    /// <summary>The object's properties by name; a name given twice is an error at that name.</summary>
    private static Dictionary<string, JsonElement> ReadProperties(JsonElement value, string prefix, ErrorList errors)
    {
        var properties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            if (!properties.TryAdd(property.Name, property.Value))
            {
                errors.Add(prefix + property.Name, $"{property.Name} is given more than once.");
            }
        }

        return properties;
    }

    private static void RejectUnknown(Dictionary<string, JsonElement> properties, string[] allowed, string prefix, string owner, ErrorList errors)
    {
        foreach (var name in properties.Keys)
        {
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                errors.Add(prefix + name, $"{name} is not a property of {owner}; property names are case-sensitive.");
            }
        }
    }

    private static string? ReadKind(Dictionary<string, JsonElement> properties, ErrorList errors)
    {
        if (!properties.TryGetValue(KindKey, out var kind) || kind.ValueKind == JsonValueKind.Null)
        {
            errors.Add(KindKey, "kind is required: LINEAR, BANDS or LABELS.");
            return null;
        }

        var text = kind.ValueKind == JsonValueKind.String ? kind.GetString() : null;
        if (text is Linear or Bands or Labels)
        {
            return text;
        }

        errors.Add(KindKey, $"{Quote(kind)} is not a scale kind: use LINEAR, BANDS or LABELS (upper case).");
        return null;
    }

    private static DateOnly? ReadAppliesFrom(Dictionary<string, JsonElement> properties, ErrorList errors)
    {
        if (!properties.TryGetValue(AppliesFromKey, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String
            && IsoDate.TryParse(value.GetString(), out var date))
        {
            return date;
        }

        errors.Add(AppliesFromKey, $"appliesFrom must be a real date in the form yyyy-MM-dd, not {Quote(value)}.");
        return null;
    }

    private static LinearScale? ReadLinear(Dictionary<string, JsonElement> properties, ErrorList errors)
    {
        var min = ReadBound(properties, MinKey, MinKey, errors);
        var max = ReadBound(properties, MaxKey, MaxKey, errors);
        var higherIsBetter = true;
        if (properties.TryGetValue(HigherIsBetterKey, out var flag) && flag.ValueKind != JsonValueKind.Null)
        {
            if (flag.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                higherIsBetter = flag.GetBoolean();
            }
            else
            {
                errors.Add(HigherIsBetterKey, $"higherIsBetter must be true or false, not {Quote(flag)}.");
            }
        }

        if (min is { } low && max is { } high && low >= high)
        {
            errors.Add(MaxKey, $"max ({Format(high)}) must be greater than min ({Format(low)}).");
        }

        return min is { } from && max is { } to && from < to ? new LinearScale(from, to, higherIsBetter) : null;
    }

    private static BandsScale? ReadBands(Dictionary<string, JsonElement> properties, ErrorList errors)
    {
        if (!TryGetEntries(properties, BandsKey, JsonValueKind.Array, "an array of bands {\"from\": …, \"to\": …, \"level\": …}", errors, out var array))
        {
            return null;
        }

        var count = array.GetArrayLength();
        if (!HasEntryCount(BandsKey, count, "band", errors))
        {
            return null;
        }

        var bands = new List<Band>(count);
        var valid = true;
        Band? previous = null;
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"bands[{index}]");
            var band = ReadBand(element, at, previous, index, errors);
            if (band is null)
            {
                valid = false;
            }
            else
            {
                bands.Add(band);
            }

            previous = band;
            index++;
        }

        return valid && errors.Count == 0 ? new BandsScale(bands) : null;
    }

    /// <summary>One band, checked against the previous one (when that one was readable); null when it is not usable.</summary>
    private static Band? ReadBand(JsonElement element, string at, Band? previous, int index, ErrorList errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(at, $"{at} must be an object {{\"from\": …, \"to\": …, \"level\": …}}.");
            return null;
        }

        var prefix = at + ".";
        var properties = ReadProperties(element, prefix, errors);
        RejectUnknown(properties, BandProperties, prefix, "a band (it has from, to, level)", errors);
        var from = ReadBound(properties, FromKey, prefix + FromKey, errors);
        var to = ReadBound(properties, ToKey, prefix + ToKey, errors);
        var level = ReadLevel(properties.GetValueOrDefault(LevelKey), prefix + LevelKey, errors);

        if (from is { } low && to is { } high && low >= high)
        {
            errors.Add(prefix + ToKey, $"{prefix}to ({Format(high)}) must be greater than its from ({Format(low)}).");
        }

        if (previous is not null && from is { } start && start != previous.To)
        {
            var problem = start < previous.To ? "overlaps" : "leaves a gap after";
            errors.Add(prefix + FromKey, $"{prefix}from ({Format(start)}) {problem} band {index - 1}, which ends at {Format(previous.To)}: bands must be contiguous and in ascending order, so it must be {Format(previous.To)}.");
        }

        if (previous is not null && level is { } current && current < previous.Level)
        {
            errors.Add(prefix + LevelKey, $"{prefix}level ({current}) is lower than the level of band {index - 1} ({previous.Level}): levels must not decrease.");
        }

        return from is { } f && to is { } t && level is { } l ? new Band(f, t, l) : null;
    }

    private static LabelsScale? ReadLabels(Dictionary<string, JsonElement> properties, ErrorList errors)
    {
        if (!TryGetEntries(properties, LabelsKey, JsonValueKind.Object, "an object mapping each label to a level 1–5, e.g. {\"A\": 5, \"B\": 4}", errors, out var map))
        {
            return null;
        }

        var count = map.EnumerateObject().Count();
        if (!HasEntryCount(LabelsKey, count, "label", errors))
        {
            return null;
        }

        var labels = new Dictionary<string, int>(count, StringComparer.Ordinal);
        var firstByCanonical = new Dictionary<string, string>(count, StringComparer.Ordinal);
        foreach (var property in map.EnumerateObject())
        {
            var label = property.Name;
            var at = "labels." + label;
            var level = ReadLevel(property.Value, at, errors);
            if (!IsUsableLabel(label, at, errors))
            {
                continue;
            }

            var canonical = CanonicalText.Of(label);
            if (!firstByCanonical.TryAdd(canonical, label))
            {
                errors.Add(at, $"The label '{label}' is the same as '{firstByCanonical[canonical]}' once trimmed and case-folded.");
            }
            else if (level is { } value)
            {
                labels.Add(label, value);
            }
        }

        return errors.Count == 0 ? new LabelsScale(labels) : null;
    }

    private static bool IsUsableLabel(string label, string at, ErrorList errors)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            errors.Add(at, "A label must not be empty or blank.");
            return false;
        }

        if (label.Length > MaxLabelLength)
        {
            errors.Add(at, $"A label must be at most {MaxLabelLength} characters, not {label.Length}.");
            return false;
        }

        if (label.Any(char.IsControl))
        {
            errors.Add(at, "A label must not contain control characters.");
            return false;
        }

        return true;
    }

    private static bool TryGetEntries(Dictionary<string, JsonElement> properties, string key, JsonValueKind kind, string shape, ErrorList errors, out JsonElement entries)
    {
        if (!properties.TryGetValue(key, out entries) || entries.ValueKind == JsonValueKind.Null)
        {
            errors.Add(key, $"{key} is required: {shape}.");
            return false;
        }

        if (entries.ValueKind != kind)
        {
            errors.Add(key, $"{key} must be {shape}.");
            return false;
        }

        return true;
    }

    private static bool HasEntryCount(string key, int count, string entry, ErrorList errors)
    {
        if (count == 0)
        {
            errors.Add(key, $"{key} must list at least one {entry}.");
            return false;
        }

        if (count > MaxEntries)
        {
            errors.Add(key, $"{key} may list at most {MaxEntries} {entry}s, not {count}.");
            return false;
        }

        return true;
    }

    private static decimal? ReadBound(Dictionary<string, JsonElement> properties, string name, string at, ErrorList errors)
    {
        if (!properties.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            errors.Add(at, $"{at} is required.");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number)
        {
            errors.Add(at, $"{at} must be a number, not {Quote(value)}.");
            return null;
        }

        if (!value.TryGetDecimal(out var number) || Math.Abs(number) > MaxMagnitude)
        {
            errors.Add(at, $"{at} must be between -{Format(MaxMagnitude)} and {Format(MaxMagnitude)}.");
            return null;
        }

        return number;
    }

    private static int? ReadLevel(JsonElement value, string at, ErrorList errors)
    {
        if (value.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
        {
            errors.Add(at, $"{at} is required: a level from 1 to 5.");
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var level) && level is >= 1 and <= 5)
        {
            return level;
        }

        errors.Add(at, $"{at} must be a whole level from 1 to 5, not {Quote(value)}.");
        return null;
    }

    private static string Format(decimal value) => value.ToString(PlainDecimalFormat, CultureInfo.InvariantCulture);

    /// <summary>A value as a message shows it: its JSON text, cut at 50 characters.</summary>
    private static string Quote(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 50 ? text : string.Concat(text.AsSpan(0, 50), "…");
    }

    private sealed class ErrorList
    {
        private readonly Dictionary<string, List<string>> _byField = new(StringComparer.Ordinal);

        public int Count => _byField.Count;

        public void Add(string field, string message)
        {
            if (!_byField.TryGetValue(field, out var messages))
            {
                _byField[field] = messages = [];
            }

            messages.Add(message);
        }

        public ParsedScale Result(ScaleDefinition? definition, DateOnly? appliesFrom) =>
            _byField.Count == 0
                ? new ParsedScale(definition, appliesFrom, new Dictionary<string, string[]>())
                : new ParsedScale(null, null, _byField.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray(), StringComparer.Ordinal));
    }
}
