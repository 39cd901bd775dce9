using Npgsql;

namespace TalentHub.Api.Exports;

/// <summary>
/// A stored export file read as one seekable stream: a position maps to a chunk (every chunk but the last holds exactly
/// ChunkBytes), each chunk is read when reached. Seekable, so the framework answers Range requests from it.
/// </summary>
internal sealed class ExportFileStream(NpgsqlDataSource dataSource, Guid exportId, long length, int chunkBytes) : Stream
{
    private byte[]? _chunk;
    private int _chunkSeq = -1;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = value is >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_position >= length || buffer.Length == 0)
        {
            return 0;
        }

        var seq = (int)(_position / chunkBytes);
        if (seq != _chunkSeq)
        {
            await using var command = dataSource.CreateCommand("SELECT data FROM export_chunks WHERE export_id = @id AND seq = @seq");
            command.Parameters.AddWithValue("id", exportId);
            command.Parameters.AddWithValue("seq", seq);
            _chunk = await command.ExecuteScalarAsync(cancellationToken) as byte[]
                ?? throw new InvalidOperationException($"Export {exportId} has no chunk {seq}: its file was deleted while being read.");
            _chunkSeq = seq;
        }

        var offset = (int)(_position - ((long)seq * chunkBytes));
        var count = Math.Min(buffer.Length, _chunk!.Length - offset);
        _chunk.AsMemory(offset, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
