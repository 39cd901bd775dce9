using System.Collections.Frozen;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Records;

/// <summary>A fixed list of wire values (case-sensitive), and its description for messages.</summary>
internal sealed class WireEnum
{
    private readonly FrozenSet<string> _values;
    private readonly string _description;

    public WireEnum(params string[] values)
    {
        _values = values.ToFrozenSet(StringComparer.Ordinal);
        _description = values.Length <= 6 ? string.Join(", ", values) : $"one of {values.Length} values such as {values[0]}";
    }

    public static WireEnum Of<TEnum>()
        where TEnum : struct, Enum => new([.. System.Enum.GetValues<TEnum>().Select(UpperSnakeCase.Of)]);

    public bool Contains(string value) => _values.Contains(value);

    public override string ToString() => _description;
}
