using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Fuzzing;

/// <summary>One operation of the OpenAPI document: its parameters and the schema of its JSON body, references resolved.</summary>
public sealed record FuzzOperation(string Method, string Path, IReadOnlyList<FuzzParameter> Parameters, IReadOnlyList<string> ContentTypes, JsonNode? BodySchema)
{
    public override string ToString() => $"{Method} {Path}";

    public static IReadOnlyList<FuzzOperation> Load(string documentPath)
    {
        var document = JsonNode.Parse(File.ReadAllText(documentPath))!;
        var schemas = document["components"]?["schemas"]?.AsObject();
        JsonNode? Resolve(JsonNode? schema) =>
            schema?["$ref"]?.GetValue<string>() is { } reference ? schemas?[reference["#/components/schemas/".Length..]] : schema;

        var operations = new List<FuzzOperation>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var parameters = (operation!["parameters"]?.AsArray() ?? [])
                    .Select(p => new FuzzParameter(
                        p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>(), Resolve(p["schema"]) ?? new JsonObject(), p["required"]?.GetValue<bool>() == true))
                    .ToList();
                var content = operation["requestBody"]?["content"]?.AsObject();
                var contentTypes = content?.Select(c => c.Key).ToList() ?? [];
                var bodySchema = content?.FirstOrDefault().Value?["schema"] is { } schema ? Inline(schema, Resolve, 0) : null;
                operations.Add(new FuzzOperation(method.ToUpperInvariant(), path, parameters, contentTypes, bodySchema));
            }
        }

        return operations;
    }

    /// <summary>A copy of the schema with every reference replaced by what it names (bounded: schemas may recurse).</summary>
    private static JsonNode Inline(JsonNode schema, Func<JsonNode?, JsonNode?> resolve, int depth)
    {
        var resolved = resolve(schema) ?? new JsonObject();
        if (depth > 6 || resolved is not JsonObject node)
        {
            return new JsonObject();
        }

        var copy = new JsonObject();
        foreach (var (key, value) in node)
        {
            copy[key] = key switch
            {
                "properties" => new JsonObject(value!.AsObject().Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Inline(p.Value!, resolve, depth + 1)))),
                "items" or "additionalProperties" when value is JsonObject => Inline(value, resolve, depth + 1),
                _ => value?.DeepClone(),
            };
        }

        return copy;
    }
}

public sealed record FuzzParameter(string Name, string In, JsonNode Schema, bool Required);

/// <summary>A generated request, kept whole so that a failure can print exactly what was sent.</summary>
public sealed record FuzzRequest(string Method, string Url, IReadOnlyList<(string Name, string Value)> Headers, string? ContentType, string? ContentEncoding, byte[]? Body)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
            }

            if (ContentEncoding is not null)
            {
                message.Content.Headers.TryAddWithoutValidation("Content-Encoding", ContentEncoding);
            }
        }

        return message;
    }

    public string Describe()
    {
        var text = new StringBuilder().Append(Method).Append(' ').Append(Url).AppendLine();
        foreach (var (name, value) in Headers)
        {
            text.Append(name).Append(": ").AppendLine(Printable(value, 300));
        }

        if (Body is not null)
        {
            text.Append("Content-Type: ").AppendLine(ContentType ?? "(none)");
            if (ContentEncoding is not null)
            {
                text.Append("Content-Encoding: ").AppendLine(ContentEncoding);
            }

            text.Append("Body (").Append(Body.Length).Append(" bytes): ").Append(Printable(Encoding.UTF8.GetString(Body.AsSpan(0, Math.Min(Body.Length, 600))), 600));
        }

        return text.ToString();
    }

    /// <summary>Control characters shown as \uXXXX so the failure message itself stays readable.</summary>
    public static string Printable(string value, int max)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > max ? value[..max] + "…" : value)
        {
            text.Append(char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:X4}" : c.ToString());
        }

        return text.ToString();
    }
}

/// <summary>
/// Generates requests for an operation from its parameters and body schema: plausible values mixed with hostile ones
/// (wrong types, huge and negative numbers, long strings, control characters and NUL, invalid UTF-8, deep nesting,
/// unknown and miscased properties, repeated properties, gzip bombs and truncated gzip for submissions).
/// </summary>
public sealed class FuzzRequestGenerator(Random random, string agencyCode)
{
    private const string RawMarker = "__fuzz_raw_";

    private readonly List<string> _raw = [];

    private static readonly string[] HostileStrings =
    [
        "", " ", "\0", "a\0b", "\u001b[31m", "\t\r\n", "\u0085", "\u200b", "🙂", "Ä̈", "%00", "%", "../../etc/passwd",
        "'; DROP TABLE profiles; --", "=cmd|' /C calc'!A0", "<script>", "null", "[]", "{}", "-1", "0", "1e400",
        "99999999999999999999999", "NaN", "true", "2024-02-30", "9999-12-31T99:99:99Z", new string('x', 300), new string('9', 5000),
        "198503152010012002", "0000000000000000000", "PROV-35", "prov-35", "IGNORE", "T.KEU.01",
    ];

    private static readonly string[] HostileRawJson =
    [
        "1e400", "-1e400", "-1", "2147483648", "-9223372036854775809", "0.5", "1e-400", "true", "null", "[]", "{}", "\"\"",
        "\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u001f\"", "\"" + new string('x', 70_000) + "\"",
        new string('[', 40) + new string(']', 40), new string('[', 2000) + new string(']', 2000),
        "{\"a\":" + new string('{', 35) + new string('}', 35) + "}",
    ];

    private static readonly string[] HostileHeaderValues = ["", " ", "ключ", "é", "\u0080", new string('k', 256), new string('k', 8000), "a b", "\"quoted\"", "*", "W/\"x\""];

    public FuzzRequest Next(FuzzOperation operation)
    {
        _raw.Clear();
        var url = new StringBuilder();
        foreach (var segment in operation.Path.Split('/'))
        {
            if (segment.Length == 0)
            {
                continue;
            }

            url.Append('/');
            url.Append(segment.StartsWith('{') ? Escape(PathValue(operation.Parameters.First(p => p.In == "path" && "{" + p.Name + "}" == segment))) : segment);
        }

        var query = new List<string>();
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query"))
        {
            if (random.NextDouble() < 0.6)
            {
                query.Add(Escape(Encoding.UTF8.GetBytes(Name(parameter.Name))) + "=" + Escape(QueryValue(parameter)));
            }
        }

        if (random.NextDouble() < 0.15)
        {
            query.Add(Escape(HostileBytes()) + "=" + Escape(HostileBytes()));
        }

        if (query.Count > 0)
        {
            url.Append('?').Append(string.Join('&', query));
        }

        var headers = new List<(string, string)>();
        if (operation.Parameters.Any(p => p.In == "header" && p.Name == "Idempotency-Key") || random.NextDouble() < 0.1)
        {
            headers.Add(("Idempotency-Key", random.NextDouble() < 0.6 ? RandomGuid() : Pick(HostileHeaderValues)));
        }

        if (random.NextDouble() < 0.15)
        {
            headers.Add((random.Next(2) == 0 ? "If-Match" : "If-None-Match", Pick(HostileHeaderValues)));
        }

        if (random.NextDouble() < 0.15)
        {
            headers.Add(("Accept", Pick(["text/html", "application/xml", "text/csv", "*/*", "application/problem+json", "ключ"])));
        }

        if (operation.ContentTypes.Count == 0)
        {
            return new FuzzRequest(operation.Method, url.ToString(), headers, null, null, random.NextDouble() < 0.1 ? "{}"u8.ToArray() : null);
        }

        var (contentType, encoding, body) = operation.Path == "/api/v1/submissions"
            ? SubmissionBody()
            : operation.ContentTypes.Contains("application/x-www-form-urlencoded") ? FormBody() : JsonBody(operation.BodySchema);
        return new FuzzRequest(operation.Method, url.ToString(), headers, contentType, encoding, body);
    }

    /// <summary>The parameter's name, now and then in another case (names are case-sensitive).</summary>
    private string Name(string name) => random.NextDouble() < 0.1 ? name.ToUpperInvariant() : name;

    /// <summary>
    /// NUL becomes ESC in a path: %00 there never reaches the application (the server's path decoder refuses it, see
    /// KestrelEdgeTests), and the in-memory test server would throw it back at the client.
    /// </summary>
    private byte[] PathValue(FuzzParameter parameter) =>
        random.NextDouble() < 0.5
            ? Encoding.UTF8.GetBytes(QueryText(Plausible(parameter.Name, parameter.Schema)))
            : [.. HostileBytes().Select(b => b == 0 ? (byte)0x1B : b)];

    private byte[] QueryValue(FuzzParameter parameter) => random.NextDouble() < 0.5 ? Encoding.UTF8.GetBytes(QueryText(Plausible(parameter.Name, parameter.Schema))) : HostileBytes();

    private static string QueryText(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        _ => value.ToJsonString(),
    };

    /// <summary>A hostile value as bytes: text with control characters and the like, or bytes that are not UTF-8.</summary>
    private byte[] HostileBytes() => random.Next(6) switch
    {
        0 => [0xC3, 0x28],
        1 => [(byte)'a', 0xFF, 0xFE, (byte)'b'],
        2 => [0xED, 0xA0, 0x80],
        _ => Encoding.UTF8.GetBytes(Hostile()),
    };

    private string Hostile() => Pick(HostileStrings);

    /// <summary>From the seeded generator, so a case replays exactly.</summary>
    private string RandomGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string Escape(byte[] bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            if (b is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'.' or (byte)'_' or (byte)'~')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>A value the schema allows, guessed from the name where the schema says only "string".</summary>
    private JsonNode? Plausible(string name, JsonNode? schema)
    {
        if (schema?["enum"] is JsonArray { Count: > 0 } values)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        var type = TypeOf(schema);
        switch (type)
        {
            case "integer":
                return JsonValue.Create(random.Next(-2, 1200));
            case "number":
                return JsonValue.Create(Math.Round(random.NextDouble() * 100, 2));
            case "boolean":
                return JsonValue.Create(random.Next(2) == 0);
            case "array":
                var array = new JsonArray();
                for (var i = random.Next(4); i > 0; i--)
                {
                    array.Add(Plausible(name, schema?["items"]));
                }

                return array;
            case "object":
                return PlausibleObject(schema);
            default:
                break;
        }

        if (schema?["format"]?.GetValue<string>() is { } format)
        {
            switch (format)
            {
                case "uuid":
                    return RandomGuid();
                case "date":
                    return "2024-05-10";
                case "date-time":
                    return "2025-01-10T08:00:00+07:00";
                default:
                    break;
            }
        }

        return name.ToUpperInvariant() switch
        {
            var n when n.Contains("AGENCY", StringComparison.Ordinal) => random.Next(3) == 0 ? "FZ-" + random.Next(1000, 9999) : agencyCode,
            var n when n.Contains("NIP", StringComparison.Ordinal) => "1985031520100120" + random.Next(10, 99),
            var n when n.Contains("PROVINCE", StringComparison.Ordinal) => "35",
            var n when n.Contains("LEVEL", StringComparison.Ordinal) => Pick(["ADMINISTRATOR", "JPT_PRATAMA", "PELAKSANA", "FUNGSIONAL"]),
            var n when n.Contains("SCOPE", StringComparison.Ordinal) => Pick(["profiles.read", "submissions.write", "admin", "pii"]),
            var n when n.Contains("NATIONALCODE", StringComparison.Ordinal) || n.Contains("COMPETENCY", StringComparison.Ordinal) => Pick(["T.KEU.01", "INTEGRITAS", "IGNORE"]),
            var n when n.Contains("KIND", StringComparison.Ordinal) => Pick(["CENTRAL", "PROVINCE", "LINEAR", "LABELS"]),
            var n when n.Contains("ID", StringComparison.Ordinal) => random.Next(2) == 0 ? RandomGuid() : random.Next(0, 5).ToString(CultureInfo.InvariantCulture),
            _ => "fuzz-" + random.Next(100),
        };
    }

    private JsonObject PlausibleObject(JsonNode? schema)
    {
        var result = new JsonObject();
        if (schema?["properties"] is JsonObject properties)
        {
            foreach (var (property, propertySchema) in properties)
            {
                if (random.NextDouble() < 0.85)
                {
                    result[property] = Plausible(property, propertySchema);
                }
            }
        }
        else if (schema?["additionalProperties"] is JsonObject values)
        {
            for (var i = random.Next(3); i > 0; i--)
            {
                result["K" + random.Next(100)] = Plausible("value", values);
            }
        }
        else
        {
            // An untyped body (a scale definition): one of the shapes the endpoint knows, or anything.
            return random.Next(3) switch
            {
                0 => new JsonObject { ["kind"] = "LINEAR", ["min"] = random.Next(-5, 5), ["max"] = random.Next(-5, 200) },
                1 => new JsonObject { ["kind"] = "LABELS", ["labels"] = new JsonObject { ["A"] = random.Next(-1, 10), ["B"] = "x" } },
                _ => new JsonObject { ["kind"] = Hostile(), ["points"] = new JsonArray(1, "2", null) },
            };
        }

        return result;
    }

    private static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
        _ => null,
    };

    private (string ContentType, string? Encoding, byte[] Body) JsonBody(JsonNode? schema)
    {
        var contentType = random.NextDouble() < 0.08 ? Pick(["text/plain", "application/xml", "application/json; charset=latin1", "application/x-www-form-urlencoded"]) : "application/json";
        var mode = random.Next(10);
        if (mode == 0)
        {
            return (contentType, null, RawBody());
        }

        var body = Plausible("body", schema ?? new JsonObject()) ?? new JsonObject();
        if (mode >= 2)
        {
            Mutate(body);
        }

        var text = body.ToJsonString();
        for (var i = 0; i < _raw.Count; i++)
        {
            text = text.Replace($"\"{RawMarker}{i}\"", _raw[i], StringComparison.Ordinal);
        }

        if (mode == 9 && text.StartsWith("{\"", StringComparison.Ordinal) && text.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon)
        {
            // Repeat the first property.
            var first = text[1..colon];
            text = "{" + first + ":1," + text[1..];
        }

        return (contentType, null, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>Replaces, adds or renames a few members somewhere in the tree.</summary>
    private void Mutate(JsonNode node)
    {
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var target = RandomContainer(node);
            switch (target)
            {
                case JsonObject obj when obj.Count > 0 && random.Next(3) == 0:
                    var (name, value) = obj.ElementAt(random.Next(obj.Count));
                    obj.Remove(name);
                    obj[random.Next(2) == 0 && name.Length > 0 ? char.ToUpperInvariant(name[0]) + name[1..] : name + "x"] = value;
                    break;
                case JsonObject obj when obj.Count > 0:
                    obj[obj.ElementAt(random.Next(obj.Count)).Key] = HostileJson();
                    break;
                case JsonObject obj:
                    obj[Hostile()] = HostileJson();
                    break;
                case JsonArray array:
                    array.Add(HostileJson());
                    break;
                default:
                    break;
            }
        }
    }

    private JsonNode RandomContainer(JsonNode node)
    {
        var containers = new List<JsonNode>();
        void Collect(JsonNode? n)
        {
            if (n is JsonObject or JsonArray)
            {
                containers.Add(n);
                foreach (var child in n is JsonObject o ? o.Select(p => p.Value) : n.AsArray())
                {
                    Collect(child);
                }
            }
        }

        Collect(node);
        return containers.Count == 0 ? node : Pick(containers);
    }

    /// <summary>A hostile JSON value; raw text (numbers beyond double, escapes a writer refuses) goes in as a marker.</summary>
    private JsonNode? HostileJson()
    {
        if (random.Next(2) == 0)
        {
            return JsonValue.Create(Hostile());
        }

        _raw.Add(Pick(HostileRawJson));
        return JsonValue.Create(RawMarker + (_raw.Count - 1).ToString(CultureInfo.InvariantCulture));
    }

    private byte[] RawBody() => random.Next(8) switch
    {
        0 => [],
        1 => [(byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}'],
        2 => "{\"name\":"u8.ToArray(),
        3 => Encoding.UTF8.GetBytes(new string('[', 5000) + new string(']', 5000)),
        4 => "null"u8.ToArray(),
        5 => Encoding.UTF8.GetBytes("{\"name\":\"" + new string('x', 1_100_000) + "\"}"),
        6 => [0, 0, 0, 0],
        _ => Encoding.UTF8.GetBytes(Pick(HostileRawJson)),
    };

    private (string, string?, byte[]) FormBody()
    {
        var fields = new List<string>();
        foreach (var name in new[] { "grant_type", "client_id", "client_secret", "scope" })
        {
            if (random.NextDouble() < 0.8)
            {
                var value = random.Next(3) == 0 ? Encoding.UTF8.GetBytes(name == "grant_type" ? "client_credentials" : "fuzz") : HostileBytes();
                fields.Add(Escape(Encoding.UTF8.GetBytes(Name(name))) + "=" + Escape(value));
            }
        }

        return (random.NextDouble() < 0.9 ? "application/x-www-form-urlencoded" : "application/json", null, Encoding.ASCII.GetBytes(string.Join('&', fields)));
    }

    private (string, string?, byte[]) SubmissionBody()
    {
        var format = Pick(["application/x-ndjson", "application/json", "text/csv"]);
        var records = new List<string>();
        for (var i = random.Next(1, 5); i > 0; i--)
        {
            records.Add(SubmissionRecord());
        }

        var text = format switch
        {
            "application/json" => "[" + string.Join(",", records) + "]",
            "text/csv" => "nip,name," + Escape(Encoding.UTF8.GetBytes(Hostile())) + "\n" + string.Join("\n", records.Select(_ => "198503152010012002," + Hostile().Replace("\n", " ", StringComparison.Ordinal) + ",")) + "\n",
            _ => string.Join("\n", records) + "\n",
        };
        var plain = Encoding.UTF8.GetBytes(text);
        return random.Next(7) switch
        {
            0 => (format, "gzip", GzipBodies.Compress(plain)),
            1 => (format, "gzip", GzipBodies.Compress(plain)[..^random.Next(1, 12)]),
            2 => (format, "gzip", GzipBodies.LineFeedBomb(random.Next(70, 300))),
            3 => (format, "gzip", [.. GzipBodies.Compress(plain)[..10], .. "garbage"u8]),
            4 => (format, Pick(["br", "deflate", "gzip, gzip"]), plain),
            _ => (format, null, plain),
        };
    }

    private string SubmissionRecord()
    {
        var record = new JsonObject
        {
            ["nip"] = "1985031520100120" + random.Next(10, 99),
            ["name"] = "Siti",
            ["birthDate"] = "1985-03-15",
            ["gender"] = "F",
            ["employmentType"] = "PNS",
            ["status"] = "ACTIVE",
            ["grade"] = "III/d",
            ["position"] = new JsonObject { ["title"] = "Kepala", ["level"] = "ADMINISTRATOR", ["unit"] = "BKD", ["province"] = "35", ["since"] = "2019-01-02" },
            ["assessments"] = new JsonArray(new JsonObject
            {
                ["id"] = "A1", ["method"] = "ASSESSMENT_CENTER", ["scale"] = "S", ["assessedAt"] = "2023-05-10",
                ["results"] = new JsonArray(new JsonObject { ["competency"] = "INTEGRITAS", ["score"] = 4 }),
            }),
            ["sourceUpdatedAt"] = "2025-01-10T08:00:00+07:00",
        };
        Mutate(record);
        var text = record.ToJsonString();
        for (var i = 0; i < _raw.Count; i++)
        {
            text = text.Replace($"\"{RawMarker}{i}\"", _raw[i], StringComparison.Ordinal);
        }

        return text;
    }
}
