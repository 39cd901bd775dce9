using System.Runtime.CompilerServices;
using System.Text.Json;

namespace TalentHub.Domain.Records;

/// <summary>
/// The values of one JSON object's defined properties, by the index of their name in a <see cref="FieldNames"/>;
/// an absent (or <c>null</c>) property is <see cref="JsonValueKind.Undefined"/>. Inline, so reading an object
/// allocates nothing.
/// </summary>
[InlineArray(Capacity)]
internal struct FieldSlots
{
    public const int Capacity = 16;

    private JsonElement _element;
}
