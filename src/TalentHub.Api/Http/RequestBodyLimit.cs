using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using TalentHub.Infrastructure.Ingestion;

namespace TalentHub.Api.Http;

/// <summary>
/// Enforces the body limit of the matched endpoint (its <see cref="IRequestSizeLimitMetadata"/>, else 1 MB),
/// both on the server's own feature and on the stream itself, so a chunked body without Content-Length is
/// cut off too. An announced Content-Length over the limit is refused before a byte is read.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next)
{
    public const long DefaultLimitBytes = 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } metadata
            ? metadata.MaxRequestBodySize
            : DefaultLimitBytes;

        if (limit is { } max)
        {
            if (context.Request.ContentLength > max)
            {
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return;
            }

            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = max;
            }

            context.Request.Body = new LimitedReadStream(
                context.Request.Body, max, () => new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));
        }
        else if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } unlimited)
        {
            unlimited.MaxRequestBodySize = null;
        }

        await next(context);
    }
}
