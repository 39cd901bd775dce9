using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace TalentHub.Api.Changes;

/// <summary>
/// A position in the change feed: after (transaction id, sequence). A cursor handed out with an export also carries
/// the export's snapshot (PostgreSQL's <c>xmin:xmax:xip</c>): from it the feed serves exactly the entries that snapshot
/// does not hold (<c>NOT pg_visible_in_snapshot</c>), so "load the export, follow the feed" misses nothing and applies
/// nothing twice. Once the position passes the snapshot's xmax every later entry is outside it, and the cursor is a
/// plain one again. Opaque to clients.
/// </summary>
public sealed record FeedCursor(ulong Xid, long Seq, string? Snapshot)
{
    /// <summary>Room for a snapshot that lists a few hundred running transactions.</summary>
    public const int MaxLength = 8192;

    public static readonly FeedCursor Start = new(0, 0, null);

    /// <summary>The cursor of an export taken in <paramref name="snapshot"/>: every entry below its xmin is in the snapshot.</summary>
    public static FeedCursor OfSnapshot(string snapshot)
    {
        var xmin = ulong.Parse(snapshot.AsSpan(0, snapshot.IndexOf(':', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
        return new FeedCursor(xmin - 1, long.MaxValue, snapshot);
    }

    /// <summary>The cursor after an entry read from this one: the snapshot is dropped once the position is past its xmax.</summary>
    public FeedCursor After(ulong xid, long seq) => new(xid, seq, Snapshot is not null && xid < Xmax(Snapshot) ? Snapshot : null);

    public string Encode() => Base64Url.EncodeToString(Encoding.ASCII.GetBytes(
        Snapshot is null
            ? string.Create(CultureInfo.InvariantCulture, $"feed:{Xid}:{Seq}")
            : string.Create(CultureInfo.InvariantCulture, $"snap|{Xid}|{Seq}|{Snapshot}")));

    public static FeedCursor? Decode(string cursor)
    {
        if (cursor.Length > MaxLength || !Base64Url.IsValid(cursor))
        {
            return null;
        }

        var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
        if (text.Split(':') is ["feed", var xid, var seq] && ulong.TryParse(xid, CultureInfo.InvariantCulture, out var x) && long.TryParse(seq, CultureInfo.InvariantCulture, out var s))
        {
            return new FeedCursor(x, s, null);
        }

        return text.Split('|') is ["snap", var sxid, var sseq, var snapshot]
            && ulong.TryParse(sxid, CultureInfo.InvariantCulture, out var snapXid)
            && long.TryParse(sseq, CultureInfo.InvariantCulture, out var snapSeq)
            && IsSnapshot(snapshot)
            ? new FeedCursor(snapXid, snapSeq, snapshot)
            : null;
    }

    private static ulong Xmax(string snapshot) => ulong.Parse(snapshot.Split(':')[1], CultureInfo.InvariantCulture);

    /// <summary>PostgreSQL's text form of a snapshot: <c>xmin:xmax:</c> and a comma-separated list of running xids, all numbers.</summary>
    private static bool IsSnapshot(string text) =>
        text.Split(':') is [var xmin, var xmax, var xip]
        && ulong.TryParse(xmin, NumberStyles.None, CultureInfo.InvariantCulture, out var low)
        && ulong.TryParse(xmax, NumberStyles.None, CultureInfo.InvariantCulture, out var high)
        && low <= high && low > 0
        && (xip.Length == 0 || xip.Split(',').All(x => ulong.TryParse(x, NumberStyles.None, CultureInfo.InvariantCulture, out _)));
}
