using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace TalentHub.Infrastructure.Ingestion;

/// <summary>
/// Decompresses a gzip body and, at its end, proves the body was whole. <see cref="GZipStream"/> reports a clean end
/// when its input simply stops (mid-block, or before the trailer), and checks a member's CRC-32 only when the trailer
/// arrives; so the last 8 bytes of the body must be the CRC-32 and length (RFC 1952 CRC32 and ISIZE) of everything
/// decompressed. A body of several gzip members fails this check too: one gzip stream is what a submission sends.
/// A body that inflates more than <see cref="MaxInflation"/>-fold is a decompression bomb, refused long before the
/// decompressed limit (2 GB of line feeds take seconds to inflate; records compress about tenfold).
/// </summary>
public sealed class VerifiedGzipStream : Stream
{
    public const int MaxInflation = 250;

    private const int TrailerBytes = 8;

    /// <summary>Below this much output the ratio is not judged: a small body may be all repetition.</summary>
    private const long InflationJudgedFrom = 64L * 1024 * 1024;

    private readonly TailKeepingStream _compressed;
    private readonly GZipStream _gzip;
    private readonly Crc32 _crc = new();
    private long _length;
    private bool _verified;

    public VerifiedGzipStream(Stream compressed)
    {
        _compressed = new TailKeepingStream(compressed, TrailerBytes);
        _gzip = new GZipStream(_compressed, CompressionMode.Decompress, leaveOpen: true);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await _gzip.ReadAsync(buffer, cancellationToken);
        if (read > 0)
        {
            _crc.Append(buffer.Span[..read]);
            _length += read;
            if (_length > InflationJudgedFrom && _length > MaxInflation * _compressed.BytesRead)
            {
                throw new GzipBombException();
            }
        }
        else if (!_verified && buffer.Length > 0)
        {
            // Whatever the decompressor left unread belongs to the body's end too.
            await _compressed.CopyToAsync(Stream.Null, cancellationToken);
            if (!EndsWithTrailer())
            {
                throw new TruncatedGzipException();
            }

            _verified = true;
        }

        return read;
    }

    private bool EndsWithTrailer()
    {
        var tail = _compressed.Tail;
        return tail.Length == TrailerBytes
            && BinaryPrimitives.ReadUInt32LittleEndian(tail) == _crc.GetCurrentHashAsUInt32()
            && BinaryPrimitives.ReadUInt32LittleEndian(tail[4..]) == unchecked((uint)_length);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
        }

        base.Dispose(disposing);
    }

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Remembers the last bytes read through it.</summary>
    private sealed class TailKeepingStream(Stream inner, int tailLength) : Stream
    {
        private readonly byte[] _tail = new byte[tailLength];
        private int _kept;

        public long BytesRead { get; private set; }

        public ReadOnlySpan<byte> Tail => _tail.AsSpan(0, _kept);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Keep(buffer.AsSpan(offset, inner.Read(buffer, offset, count)));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken);
            return Keep(buffer.Span[..read]);
        }

        private int Keep(ReadOnlySpan<byte> read)
        {
            BytesRead += read.Length;
            if (read.Length >= _tail.Length)
            {
                read[^_tail.Length..].CopyTo(_tail);
                _kept = _tail.Length;
            }
            else if (read.Length > 0)
            {
                var keep = Math.Min(_kept, _tail.Length - read.Length);
                _tail.AsSpan(_kept - keep, keep).CopyTo(_tail);
                read.CopyTo(_tail.AsSpan(keep));
                _kept = keep + read.Length;
            }

            return read.Length;
        }

        public override void Flush() => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

public sealed class GzipBombException() : IOException($"The gzip body inflates more than {VerifiedGzipStream.MaxInflation}-fold.");

public sealed class TruncatedGzipException() : IOException("The gzip body does not end with the trailer of what it holds.");
