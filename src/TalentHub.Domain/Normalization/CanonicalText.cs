using System.Text;

namespace TalentHub.Domain.Normalization;

/// <summary>
/// The form in which competency names and labels are compared: trimmed, every inner run of white space one space,
/// upper case (invariant). Text already in that form is returned as is, without allocating.
/// </summary>
internal static class CanonicalText
{
    public static string Of(string text) => IsCanonicalAscii(text) ? text : Rebuild(text);

    private static bool IsCanonicalAscii(string text)
    {
        if (text.Length > 0 && (text[0] == ' ' || text[^1] == ' '))
        {
            return false;
        }

        var afterSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (afterSpace)
                {
                    return false;
                }

                afterSpace = true;
            }
            else if (!char.IsAscii(c) || char.IsAsciiLetterLower(c) || char.IsWhiteSpace(c))
            {
                return false;
            }
            else
            {
                afterSpace = false;
            }
        }

        return true;
    }

    private static string Rebuild(string text)
    {
        var builder = new StringBuilder(text.Length);
        var spaceDue = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                spaceDue = builder.Length > 0;
                continue;
            }

            if (spaceDue)
            {
                builder.Append(' ');
                spaceDue = false;
            }

            builder.Append(c);
        }

        return builder.ToString().ToUpperInvariant();
    }
}
