namespace TalentHub.Domain.Agencies;

/// <summary>
/// Agency codes (docs/domain/standard.md#agencies): 2–32 characters of A–Z, 0–9 and '-'. Regional governments carry
/// their Ministry of Home Affairs region code: <c>PROV-35</c>, <c>KAB-3501</c>, <c>KOTA-3578</c>.
/// </summary>
public static class AgencyCode
{
    public const int MinLength = 2;
    public const int MaxLength = 32;

    public static bool IsWellFormed(string? code)
    {
        if (code is null || code.Length is < MinLength or > MaxLength)
        {
            return false;
        }

        foreach (var c in code)
        {
            if (c is not ((>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static string ForProvince(string provinceCode) => $"PROV-{provinceCode}";

    /// <summary>
    /// The problems with an agency's code, kind and province taken together; empty when they agree.
    /// A regional government's code must name its own region inside its province.
    /// </summary>
    public static IReadOnlyList<string> Problems(string code, AgencyKind kind, string? provinceCode)
    {
        var problems = new List<string>();
        if (!IsWellFormed(code))
        {
            problems.Add("The code must be 2–32 characters of A–Z, 0–9 and '-'.");
            return problems;
        }

        if (provinceCode is not null && !IsProvinceCodeShape(provinceCode))
        {
            problems.Add("The province code must be two digits.");
            return problems;
        }

        switch (kind)
        {
            case AgencyKind.Province:
                if (provinceCode is null)
                {
                    problems.Add("A provincial government needs its province code.");
                }
                else if (code != ForProvince(provinceCode))
                {
                    problems.Add($"A provincial government's code is PROV-<province>, here {ForProvince(provinceCode)}.");
                }

                break;
            case AgencyKind.Regency:
            case AgencyKind.City:
                var prefix = kind == AgencyKind.Regency ? "KAB-" : "KOTA-";
                if (provinceCode is null)
                {
                    problems.Add("A regency or city government needs its province code.");
                }
                else if (!IsRegionalCode(code, prefix, provinceCode))
                {
                    problems.Add($"A {(kind == AgencyKind.Regency ? "regency" : "city")} government's code is {prefix}<4-digit region code starting with its province code {provinceCode}>.");
                }

                break;
            case AgencyKind.Central:
                if (code.StartsWith("PROV-", StringComparison.Ordinal) || code.StartsWith("KAB-", StringComparison.Ordinal) || code.StartsWith("KOTA-", StringComparison.Ordinal))
                {
                    problems.Add("PROV-, KAB- and KOTA- codes are reserved for regional governments.");
                }

                break;
            default:
                problems.Add("Unknown agency kind.");
                break;
        }

        return problems;
    }

    private static bool IsProvinceCodeShape(string provinceCode) =>
        provinceCode.Length == 2 && char.IsAsciiDigit(provinceCode[0]) && char.IsAsciiDigit(provinceCode[1]);

    private static bool IsRegionalCode(string code, string prefix, string provinceCode)
    {
        if (!code.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var region = code.AsSpan(prefix.Length);
        return region.Length == 4
            && region.StartsWith(provinceCode, StringComparison.Ordinal)
            && char.IsAsciiDigit(region[2]) && char.IsAsciiDigit(region[3]);
    }
}
