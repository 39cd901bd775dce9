using System.Text;

namespace TalentHub.Domain.Standard;

/// <summary>
/// The wire and storage spelling of every enum of the contract (docs/domain/README.md#spellings: enums as UPPER_SNAKE
/// strings), e.g. <c>PositionLevel.FungsionalAhliMadya</c> ⇄ <c>FUNGSIONAL_AHLI_MADYA</c>.
/// </summary>
public static class UpperSnakeCase
{
    public static string From(string pascalCase)
    {
        var builder = new StringBuilder(pascalCase.Length + 8);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            var c = pascalCase[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(pascalCase[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        return builder.ToString();
    }

    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => From(value.ToString());

    /// <summary>Parses the exact UPPER_SNAKE spelling (case-sensitive, as the contract is); false for anything else.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), text, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }
}
