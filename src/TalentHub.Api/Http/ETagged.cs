using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace TalentHub.Api.Http;

/// <summary>
/// A single resource served with a strong ETag computed from its JSON representation; a matching
/// <c>If-None-Match</c> gets <c>304 Not Modified</c> without a body.
/// </summary>
public sealed class ETagged<T>(T value) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>
{
    public T Value => value;

    object? IValueHttpResult.Value => value;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return ETags.WriteAsync(httpContext, JsonSerializer.SerializeToUtf8Bytes(value, options));
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }
}

/// <summary>
/// Like <see cref="ETagged{T}"/> for a representation already written as UTF-8 JSON; <typeparamref name="TDocument"/>
/// describes that JSON in the OpenAPI document (a test reads served documents back into it strictly).
/// </summary>
public sealed class ETaggedJson<TDocument>(byte[] utf8Json) : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) => ETags.WriteAsync(httpContext, utf8Json);

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => ETagged<TDocument>.PopulateMetadata(method, builder);
}

public static class ETags
{
    public static ETagged<T> Ok<T>(T value) => new(value);

    /// <summary>A representation already written as UTF-8 JSON, served like <see cref="Ok{T}"/> and documented as <typeparamref name="TDocument"/>.</summary>
    public static ETaggedJson<TDocument> OkJson<TDocument>(byte[] utf8Json) => new(utf8Json);

    /// <summary>Writes the body with its strong ETag, or 304 when If-None-Match names it.</summary>
    public static async Task WriteAsync(HttpContext httpContext, byte[] body)
    {
        var etag = Of(body);
        httpContext.Response.Headers.ETag = etag;
        if (Matches(httpContext.Request.Headers.IfNoneMatch, etag))
        {
            httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = "application/json; charset=utf-8";
        httpContext.Response.ContentLength = body.Length;
        await httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted);
    }

    public static string Of(ReadOnlySpan<byte> representation) =>
        $"\"{Convert.ToBase64String(SHA256.HashData(representation)[..18]).Replace('+', '-').Replace('/', '_')}\"";

    public static string Of<T>(T value, JsonSerializerOptions options) => Of(JsonSerializer.SerializeToUtf8Bytes(value, options));

    /// <summary>True when a conditional header (If-None-Match or If-Match) names this ETag or is <c>*</c>.</summary>
    public static bool Matches(Microsoft.Extensions.Primitives.StringValues header, string etag)
    {
        if (header.Count == 0)
        {
            return false;
        }

        return EntityTagHeaderValue.TryParseList(header, out var tags)
            && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || string.Equals(tag.Tag.Value, etag, StringComparison.Ordinal));
    }

    /// <summary>412 when the request carries an If-Match that does not name the current representation.</summary>
    public static bool IsStale(HttpRequest request, string currentEtag) =>
        request.Headers.IfMatch.Count > 0 && !Matches(request.Headers.IfMatch, currentEtag);
}

public static class PreconditionFailed
{
    public static ProblemHttpResult Problem() => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        detail: "The resource has changed since the ETag named in If-Match; read it again and retry.");
}
