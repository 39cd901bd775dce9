using System.Text.Json.Nodes;

namespace TalentHub.Browser.Tests;

/// <summary>
/// The population the browser tests see, evaluated on 2026-11-01 (the host's clock). Boxes worked out from
/// docs/domain/analytics.md as in the API's analytics tests (tests/TalentHub.Api.Tests/Analytics/AnalyticsTests.cs):
///
/// | who | agency | level | nine levels | performance 2025/2024 | box |
/// | 1 | PROV-35 | ADMINISTRATOR | 3×9 | SB/SB | 9 |
/// | 2 | PROV-35 | ADMINISTRATOR | 3×8, SK1 2 | B/B | 8 |
/// | 3 | PROV-35 | ADMINISTRATOR | 3×7, two missing | B/B | 2 (JPM 77.78) |
/// | 4 | PROV-35 | ADMINISTRATOR | 3×6 | none | UNPLACED (INSUFFICIENT_JPM, NO_PERFORMANCE) |
/// | 5 | PROV-35 | ADMINISTRATOR | self-assessment (never counts) | B/- | UNPLACED (INSUFFICIENT_JPM) |
/// | 6 | PROV-33 | ADMINISTRATOR | 3×9, stale | SB/- | UNPLACED (INSUFFICIENT_JPM) |
/// | 7, 8, 9 | PROV-33 | ADMINISTRATOR | 4×9 | SB (or SB/SB, B/SB) | 9 |
/// | 10 | PROV-35 | JPT_PRATAMA | 4×9 | B/B | 8 |
/// | 11 | PROV-33 | JPT_PRATAMA | 4×9 | B/B | 8 |
/// | 12 | PROV-33 | JPT_PRATAMA | 3×9 | K/K | 1 |
/// | 13 | PROV-33 | JPT_PRATAMA | 3×9 | B/B | 2 |
/// | 20 | PROV-31 and PROV-32 (the same record but the birth place: conflicts) | ADMINISTRATOR | 3×9 | B/B | 8 |
/// | 21, 22 | PROV-31 (one NIK: a POSSIBLE_DUPLICATE) | ADMINISTRATOR | 3×9 | B/B | 8 |
///
/// PROV-35 also sends two broken records (an error CSV to download).
/// </summary>
public static class Population
{
    /// <summary>National counts per box 1–9 and UNPLACED.</summary>
    public static readonly IReadOnlyDictionary<int, int> NationalBoxes = new Dictionary<int, int>
    {
        [1] = 1, [2] = 2, [3] = 0, [4] = 0, [5] = 0, [6] = 0, [7] = 0, [8] = 6, [9] = 4,
    };

    public const int NationalUnplaced = 3;

    /// <summary>PROV-35 alone.</summary>
    public static readonly IReadOnlyDictionary<int, int> Prov35Boxes = new Dictionary<int, int>
    {
        [1] = 0, [2] = 1, [3] = 0, [4] = 0, [5] = 0, [6] = 0, [7] = 0, [8] = 2, [9] = 1,
    };

    public const int Prov35Unplaced = 2;

    public const int ConflictPerson = 20;
    public const int DuplicateFirst = 21;
    public const int DuplicateSecond = 22;
    public const int BrokenRecords = 2;

    public static readonly (string Code, string Province)[] Agencies = [("PROV-35", "35"), ("PROV-33", "33"), ("PROV-31", "31"), ("PROV-32", "32")];

    private static readonly string[] Nine =
        ["INTEGRITAS", "KERJASAMA", "KOMUNIKASI", "ORIENTASI PADA HASIL", "PELAYANAN PUBLIK", "PENGEMBANGAN DIRI", "MENGELOLA PERUBAHAN", "PENGAMBILAN KEPUTUSAN", "PEREKAT BANGSA"];

    private static readonly (int, string)[] SbSb = [(2025, "SANGAT_BAIK"), (2024, "SANGAT_BAIK")];
    private static readonly (int, string)[] BB = [(2025, "BAIK"), (2024, "BAIK")];

    public static string Nip(int sequence) => $"198503152010012{sequence:D3}";

    /// <summary>The records each agency sends, in order.</summary>
    public static IEnumerable<(string Agency, JsonObject[] Records)> Submissions()
    {
        yield return ("PROV-35",
        [
            Person(1, "35", "ADMINISTRATOR", "2019-01-02", Levels(3), SbSb),
            Person(2, "35", "ADMINISTRATOR", "2019-01-02", Levels(3, last: 2), BB),
            Person(3, "35", "ADMINISTRATOR", "2019-01-02", Levels(3, count: 7), BB),
            Person(4, "35", "ADMINISTRATOR", "2019-01-02", Levels(3, count: 6), []),
            Person(5, "35", "ADMINISTRATOR", "2019-01-02", Levels(5), [(2025, "BAIK")], method: "SELF_ASSESSMENT"),
            Person(10, "35", "JPT_PRATAMA", "2021-11-01", Levels(4), BB),
        ]);
        yield return ("PROV-33",
        [
            Person(6, "33", "ADMINISTRATOR", "2019-01-02", Levels(3), [(2025, "SANGAT_BAIK")], assessedAt: "2023-11-01"),
            Person(7, "33", "ADMINISTRATOR", "2019-01-02", Levels(4), [(2025, "SANGAT_BAIK")]),
            Person(8, "33", "ADMINISTRATOR", "2025-06-01", Levels(4), SbSb),
            Person(9, "33", "ADMINISTRATOR", "2024-11-01", Levels(4), [(2025, "BAIK"), (2024, "SANGAT_BAIK")]),
            Person(11, "33", "JPT_PRATAMA", "2021-11-02", Levels(4), BB),
            Person(12, "33", "JPT_PRATAMA", "2021-01-01", Levels(3), [(2025, "KURANG"), (2024, "KURANG")]),
            Person(13, "33", "JPT_PRATAMA", "2023-01-01", Levels(3), BB),
        ]);
        var first = Person(DuplicateFirst, "31", "ADMINISTRATOR", "2019-01-02", Levels(3), BB);
        var second = Person(DuplicateSecond, "31", "ADMINISTRATOR", "2019-01-02", Levels(3), BB);
        second["nik"] = first["nik"]!.GetValue<string>();
        yield return ("PROV-31", [Person(ConflictPerson, "31", "ADMINISTRATOR", "2019-01-02", Levels(3), BB), first, second]);
        var elsewhere = Person(ConflictPerson, "32", "ADMINISTRATOR", "2019-01-02", Levels(3), BB);
        elsewhere["birthPlace"] = "Bandung";
        yield return ("PROV-32", [elsewhere]);
    }

    /// <summary>Two records that fail validation: a malformed NIP and an impossible birth date.</summary>
    public static JsonObject[] Broken()
    {
        var badNip = Person(30, "35", "ADMINISTRATOR", "2019-01-02", Levels(3), BB);
        badNip["nip"] = "19850315201001X";
        var badDate = Person(31, "35", "ADMINISTRATOR", "2019-01-02", Levels(3), BB);
        badDate["birthDate"] = "1985-02-30";
        return [badNip, badDate];
    }

    private static JsonObject Person(
        int seq, string province, string level, string since, int?[] levels, (int Year, string Rating)[] performance,
        string method = "ASSESSMENT_CENTER", string assessedAt = "2025-06-01")
    {
        var results = new JsonArray();
        for (var i = 0; i < Nine.Length; i++)
        {
            if (levels[i] is { } score)
            {
                results.Add(new JsonObject { ["competency"] = Nine[i], ["score"] = score });
            }
        }

        return new JsonObject
        {
            ["nip"] = Nip(seq),
            ["nik"] = $"357801550385{seq:D4}",
            ["name"] = "Siti " + (char)('A' + seq) + "minah",
            ["birthDate"] = "1985-03-15",
            ["birthPlace"] = "Surabaya",
            ["gender"] = "F",
            ["employmentType"] = "PNS",
            ["status"] = "ACTIVE",
            ["grade"] = "III/d",
            ["position"] = new JsonObject { ["title"] = "Jabatan " + level, ["level"] = level, ["unit"] = "Unit " + seq, ["province"] = province, ["since"] = since },
            ["positionHistory"] = new JsonArray(new JsonObject { ["title"] = "Kepala Seksi", ["level"] = "PENGAWAS", ["unit"] = "Unit", ["from"] = "2014-07-01", ["to"] = "2019-01-01" }),
            ["assessments"] = new JsonArray(new JsonObject
            {
                ["id"] = $"AC-{seq}", ["method"] = method, ["scale"] = "JATIM-AC5", ["assessedAt"] = assessedAt, ["assessor"] = "UPT", ["results"] = results,
            }),
            ["performance"] = new JsonArray([.. performance.Select(p => (JsonNode)new JsonObject { ["year"] = p.Year, ["rating"] = p.Rating })]),
            ["previousNips"] = new JsonArray(),
            ["sourceUpdatedAt"] = "2025-01-10T08:00:00+07:00",
        };
    }

    private static int?[] Levels(int value, int count = 9, int? last = null)
    {
        var levels = new int?[9];
        for (var i = 0; i < count; i++)
        {
            levels[i] = value;
        }

        if (last is not null)
        {
            levels[8] = last;
        }

        return levels;
    }
}
