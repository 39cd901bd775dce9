namespace TalentHub.Api.Http;

/// <summary>
/// Bounds on free values (query parameters, export filters) that reach SQL: a NIP is up to 18 digits; a code is 1–64 characters without control
/// characters (PostgreSQL cannot hold NUL, and nothing of ours is longer). Errors are keyed by parameter name.
/// </summary>
public static class QueryValues
{
    private const int MaxCodeLength = 64;

    public static Dictionary<string, string[]> Errors(IEnumerable<(string Name, string? Value)> codes, IEnumerable<(string Name, string? Value)> nips)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, value) in codes)
        {
            if (value is not null && (value.Length is 0 or > MaxCodeLength || value.Any(char.IsControl)))
            {
                errors[name] = [$"{name} is 1 to {MaxCodeLength} characters without control characters."];
            }
        }

        foreach (var (name, value) in nips)
        {
            if (value is not null && !IsNip(value))
            {
                errors[name] = [$"{name} is a NIP: 18 digits."];
            }
        }

        return errors;
    }

    public static bool IsNip(string value) => value.Length == 18 && value.All(char.IsAsciiDigit);
}
