using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Metadata;
using TalentHub.Api.Auth;

namespace TalentHub.Api.Http;

/// <summary>
/// Refuses, before any endpoint sees them, request text that PostgreSQL cannot store or that no value of the contract
/// holds: a control character (NUL above all: text and jsonb cannot hold it) in the path, a route value or a query
/// parameter, and in a JSON body invalid UTF-8, or a string with NUL or an unpaired surrogate. Each is a 400 problem
/// naming the parameter or the JSON path. Applies to every endpoint, so a new one is covered without a rule of its own.
/// </summary>
public sealed class RequestTextGuard(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        var errors = ParameterErrors(context);
        if (errors.Count == 0 && IsBufferedJsonBody(context))
        {
            errors = await JsonBodyErrorsAsync(context);
        }

        if (errors.Count == 0)
        {
            await next(context);
            return;
        }

        const string Detail = "The request holds text that is not allowed (a control character such as NUL, or invalid UTF-8).";
        if (TokenApi.IsTokenRequest(context))
        {
            await TokenApi.WriteInvalidRequestAsync(context, $"{Detail} ({string.Join(", ", errors.Keys)})");
            return;
        }

        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(errors)
            {
                Status = StatusCodes.Status400BadRequest,
                Detail = Detail,
            },
        });
    }

    private static Dictionary<string, string[]> ParameterErrors(HttpContext context)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, value) in context.Request.RouteValues)
        {
            if (value is string text && HasControl(text))
            {
                errors[name] = [$"{name} must not contain control characters."];
            }
        }

        if (errors.Count == 0 && HasControl(context.Request.Path.Value))
        {
            errors["path"] = ["The path must not contain control characters."];
        }

        foreach (var (name, values) in context.Request.Query)
        {
            if (HasControl(name))
            {
                errors["query"] = ["Query parameter names must not contain control characters."];
            }
            else if (values.Any(HasControl))
            {
                errors[name] = [$"{name} must not contain control characters."];
            }
        }

        return errors;
    }

    private static bool HasControl(string? text) => text is not null && text.Any(char.IsControl);

    /// <summary>
    /// A JSON body of an endpoint with the default 1 MB limit. An endpoint that raises its limit (submissions) streams
    /// its body and judges what is inside itself: there a NUL rejects one record, not the request.
    /// </summary>
    private static bool IsBufferedJsonBody(HttpContext context) =>
        context.Request.HasJsonContentType()
        && context.GetEndpoint() is { } endpoint
        && endpoint.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is null;

    private static async Task<Dictionary<string, string[]>> JsonBodyErrorsAsync(HttpContext context)
    {
        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        body.Position = 0;
        context.Request.Body = body;

        var bytes = body.GetBuffer().AsSpan(0, (int)body.Length);
        if (!Utf8.IsValid(bytes))
        {
            return new Dictionary<string, string[]>(StringComparer.Ordinal) { ["$"] = ["The JSON body is not valid UTF-8."] };
        }

        return StringErrors(bytes);
    }

    /// <summary>The JSON paths of strings (names or values) holding NUL or an unpaired surrogate; none when the JSON itself is broken (the binder says so).</summary>
    private static Dictionary<string, string[]> StringErrors(ReadOnlySpan<byte> json)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var path = new JsonPathTracker();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonConventions.MaxDepth });
        try
        {
            while (reader.Read())
            {
                path.Observe(ref reader);
                if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped)
                {
                    continue;
                }

                string text;
                try
                {
                    text = reader.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    errors[path.Current] = ["The string is not valid Unicode (an unpaired surrogate)."];
                    continue;
                }

                if (text.Contains('\0', StringComparison.Ordinal))
                {
                    errors[path.Current] = ["The string must not contain a NUL character."];
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is the binder's to describe.
        }

        return errors;
    }

    /// <summary>The JSON path (<c>$.entries[2].nationalCode</c>) of the token a reader is on.</summary>
    private sealed class JsonPathTracker
    {
        private readonly List<(bool IsArray, string? Property, int Index)> _frames = [];

        public string Current
        {
            get
            {
                var path = new StringBuilder("$");
                foreach (var (isArray, property, index) in _frames)
                {
                    if (isArray && index >= 0)
                    {
                        path.Append('[').Append(index).Append(']');
                    }
                    else if (!isArray && property is not null)
                    {
                        path.Append('.').Append(property);
                    }
                }

                return path.ToString();
            }
        }

        public void Observe(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    _frames[^1] = (false, NameOf(ref reader), -1);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    Advance();
                    _frames.Add((reader.TokenType == JsonTokenType.StartArray, null, -1));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    _frames.RemoveAt(_frames.Count - 1);
                    break;
                default:
                    Advance();
                    break;
            }
        }

        /// <summary>A value inside an array moves its index on.</summary>
        private void Advance()
        {
            if (_frames.Count > 0 && _frames[^1] is { IsArray: true } frame)
            {
                _frames[^1] = frame with { Index = frame.Index + 1 };
            }
        }

        /// <summary>The property's name; one that cannot be read as text (an unpaired surrogate) is reported at its object.</summary>
        private static string? NameOf(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString();
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }
}
