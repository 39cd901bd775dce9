using System.IO.Compression;

namespace TalentHub.Api.Tests.Infrastructure;

public static class GzipBodies
{
    public static byte[] Compress(byte[] plain)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return compressed.ToArray();
    }

    /// <summary>
    /// A gzip stream of line feeds that inflates about a thousandfold, built without compressing them all: after a
    /// sync flush the compressed form of the next megabyte refers back only to line feeds, so it can be repeated. The
    /// stream never ends (no final block, no trailer): the server must stop reading it first.
    /// </summary>
    public static byte[] LineFeedBomb(int inflatedMegabytes)
    {
        var megabyte = new byte[1024 * 1024];
        Array.Fill(megabyte, (byte)'\n');
        using var start = new MemoryStream();
        using var gzip = new GZipStream(start, CompressionLevel.SmallestSize, leaveOpen: true);
        gzip.Write(megabyte);
        gzip.Flush();
        var first = start.ToArray();
        gzip.Write(megabyte);
        gzip.Flush();
        var repeated = start.ToArray()[first.Length..];

        using var bomb = new MemoryStream();
        bomb.Write(first);
        for (var i = 1; i < inflatedMegabytes; i++)
        {
            bomb.Write(repeated);
        }

        return bomb.ToArray();
    }
}
