using System.Text;
using System.Text.Json;

namespace TalentHub.Domain.Records;

/// <summary>The property names one object of the record format defines (case-sensitive), in slot order.</summary>
internal sealed class FieldNames
{
    private readonly byte[][] _utf8Names;

    public FieldNames(params string[] names)
    {
        if (names.Length > FieldSlots.Capacity)
        {
            throw new ArgumentException($"At most {FieldSlots.Capacity} fields fit the slots.", nameof(names));
        }

        _utf8Names = new byte[names.Length][];
        for (var i = 0; i < names.Length; i++)
        {
            _utf8Names[i] = Encoding.UTF8.GetBytes(names[i]);
        }
    }

    /// <summary>The slot of the property's name, or -1 when the format does not define it.</summary>
    public int SlotOf(JsonProperty property)
    {
        for (var i = 0; i < _utf8Names.Length; i++)
        {
            if (property.NameEquals(_utf8Names[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
