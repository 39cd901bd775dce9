namespace TalentHub.Domain.Records;

internal enum TextFault
{
    None,
    ControlCharacter,
    NotNormalizable,
}

/// <summary>The checks every free-text value of a record passes.</summary>
internal static class TextRules
{
    public const int MaxEchoedCharacters = 50;

    /// <summary>
    /// <see cref="TextFault.NotNormalizable"/>: a lone surrogate, U+FFFE or U+FFFF, which <see cref="string.Normalize()"/>
    /// rejects (and PostgreSQL cannot store as text); <see cref="TextFault.ControlCharacter"/>: C0, DEL or C1.
    /// </summary>
    public static TextFault Inspect(ReadOnlySpan<char> text)
    {
        if (!text.ContainsAnyExceptInRange(' ', '~'))
        {
            return TextFault.None;
        }

        var fault = TextFault.None;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF')
            {
                return TextFault.NotNormalizable;
            }
            else if (char.IsControl(c))
            {
                fault = TextFault.ControlCharacter;
            }
        }

        return fault;
    }

    /// <summary>The length in Unicode code points (what PostgreSQL counts as characters); a pair counts once.</summary>
    public static int Length(ReadOnlySpan<char> text)
    {
        var length = text.Length;
        foreach (var c in text)
        {
            if (char.IsLowSurrogate(c))
            {
                length--;
            }
        }

        return length;
    }

    /// <summary>A value as an error message quotes it: <see cref="Storable"/>, at most 50 characters, in quotes.</summary>
    public static string Echo(string value) => string.Concat("'", Storable(value, MaxEchoedCharacters), "'");

    /// <summary>
    /// Text that can always be stored and shown: at most <paramref name="maxLength"/> UTF-16 units (then "…"),
    /// control characters and unpaired surrogates replaced by U+FFFD.
    /// </summary>
    public static string Storable(string value, int maxLength)
    {
        var span = value.AsSpan(0, Math.Min(value.Length, maxLength));
        if (span.Length < value.Length && char.IsHighSurrogate(span[^1]))
        {
            span = span[..^1];
        }

        var ellipsis = span.Length < value.Length ? "…" : string.Empty;
        if (Inspect(span) == TextFault.None)
        {
            return ellipsis.Length == 0 ? value : string.Concat(span, ellipsis);
        }

        var chars = span.ToArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(chars[i]) || char.IsControl(chars[i]) || chars[i] is '\uFFFE' or '\uFFFF')
            {
                chars[i] = '\uFFFD';
            }
        }

        return string.Concat(new string(chars), ellipsis);
    }
}
