using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

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

            context.Request.Body = new LimitedReadStream(context.Request.Body, max);
        }
        else if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } unlimited)
        {
            unlimited.MaxRequestBodySize = null;
        }

        await next(context);
    }

    private sealed class LimitedReadStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            return _read > limit
                ? throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge)
                : read;
        }

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
