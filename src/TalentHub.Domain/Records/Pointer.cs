using System.Globalization;

namespace TalentHub.Domain.Records;

/// <summary>
/// A JSON Pointer (RFC 6901) that is only turned into a string when an error needs it: a parent pointer, then
/// optionally an array index, then optionally a property name (already escaped).
/// </summary>
internal readonly struct Pointer
{
    public const int MaxSegmentLength = 200;

    private readonly string _parent;
    private readonly int _index;
    private readonly string? _property;

    private Pointer(string parent, int index, string? property)
    {
        _parent = parent;
        _index = index;
        _property = property;
    }

    /// <summary>The whole record: <c>""</c>.</summary>
    public static Pointer Record => new(string.Empty, -1, null);

    public static Pointer Of(string pointer) => new(pointer, -1, null);

    /// <summary>The property's display name for messages, else "the entry" or "the record".</summary>
    public string Name => _property ?? (_index >= 0 ? "the entry" : "the record");

    public Pointer Property(string escapedName) =>
        _property is null ? new(_parent, _index, escapedName) : new(ToString(), -1, escapedName);

    public Pointer Item(int index) =>
        _property is null && _index < 0 ? new(_parent, index, null) : new(ToString(), index, null);

    /// <summary>
    /// A property name as a pointer segment (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>), made storable: an
    /// unknown name is the sender's text, so control characters are replaced and an absurd length is cut.
    /// </summary>
    public static string Segment(string name)
    {
        var storable = TextRules.Storable(name, MaxSegmentLength);
        return storable.AsSpan().ContainsAny('~', '/')
            ? storable.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : storable;
    }

    public override string ToString() => (_index, _property) switch
    {
        ( < 0, null) => _parent,
        ( < 0, _) => string.Concat(_parent, "/", _property),
        (_, null) => string.Create(CultureInfo.InvariantCulture, $"{_parent}/{_index}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{_parent}/{_index}/{_property}"),
    };
}
