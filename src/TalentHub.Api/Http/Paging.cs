using System.Buffers.Text;
using System.Text.Json;

namespace TalentHub.Api.Http;

/// <summary>A page of a keyset-paged list: no offsets, no totals.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// <c>?limit=</c> (1–1000, default 100) and <c>?cursor=</c>: an opaque token holding the sort key of the last
/// item served. Each list decides what its key is; the cursor names its list so one list's cursor is refused by another.
/// </summary>
public sealed record PageRequest(int Limit, IReadOnlyList<string>? After)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    private const int MaxCursorLength = 1024;

    /// <summary>Parses the paging parameters; on failure, <paramref name="errors"/> holds why (callers may add their own).</summary>
    public static bool TryParse(string list, int? limit, string? cursor, out PageRequest request, out Dictionary<string, string[]> errors)
    {
        errors = [];
        request = new PageRequest(DefaultLimit, null);
        if (limit is { } l && l is < 1 or > MaxLimit)
        {
            errors["limit"] = [$"limit must be between 1 and {MaxLimit}."];
        }

        IReadOnlyList<string>? after = null;
        if (cursor is not null && !TryDecode(list, cursor, out after))
        {
            errors["cursor"] = ["The cursor is not one this list issued."];
        }

        if (errors.Count > 0)
        {
            return false;
        }

        request = new PageRequest(limit ?? DefaultLimit, after);
        return true;
    }

    /// <summary>Cuts a page out of up to limit + 1 rows read in key order.</summary>
    public Page<TItem> ToPage<TRow, TItem>(IReadOnlyList<TRow> rows, string list, Func<TRow, string[]> keyOf, Func<TRow, TItem> project)
    {
        var hasMore = rows.Count > Limit;
        var items = rows.Take(Limit).Select(project).ToList();
        return new Page<TItem>(items, hasMore ? Encode(list, keyOf(rows[Limit - 1])) : null);
    }

    public static string Encode(string list, IReadOnlyList<string> key)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new CursorBody(list, key), CursorJson.Default.CursorBody);
        return Base64Url.EncodeToString(json);
    }

    private static bool TryDecode(string list, string cursor, out IReadOnlyList<string>? key)
    {
        key = null;
        if (cursor.Length is 0 or > MaxCursorLength || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        try
        {
            var body = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(cursor), CursorJson.Default.CursorBody);
            if (body is null || body.List != list || body.Key is not { Count: > 0 })
            {
                return false;
            }

            key = body.Key;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    internal sealed record CursorBody(string List, IReadOnlyList<string> Key);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(PageRequest.CursorBody))]
internal sealed partial class CursorJson : System.Text.Json.Serialization.JsonSerializerContext;
