using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using TalentHub.Domain.Identity;
using TalentHub.Domain.Records;

namespace TalentHub.Domain.Tests.Records;

/// <summary>A fixed context and a fully valid record with every optional part, to mutate one fault at a time.</summary>
internal static class RecordSamples
{
    public static readonly DateOnly Today = new(2026, 11, 1);

    public static readonly ReferenceSets Reference = new()
    {
        PnsGrades = Set("I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d", "IV/a", "IV/b", "IV/c", "IV/d", "IV/e"),
        PppkGrades = Set("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"),
        Methods = Set("ASSESSMENT_CENTER", "CACT", "BEHAVIORAL_INTERVIEW", "PORTFOLIO", "MULTI_RATER", "SELF_ASSESSMENT"),
        ProvinceCodes = ProvinceCodes.Reference,
        AgencyCodes = Set("BKN", "PROV-35", "KOTA-3578"),
    };

    public static readonly ValidationContext Context = new(Today, Reference);

    /// <summary>The example of docs/domain/records.md#fields, completed with every optional part (all valid on <see cref="Today"/>).</summary>
    public const string FullRecord = """
        {
          "nip": "198503152010012002",
          "nik": "3578015503850002",
          "name": "Siti Rahmawati",
          "birthDate": "1985-03-15",
          "birthPlace": "Surabaya",
          "gender": "F",
          "employmentType": "PNS",
          "status": "ACTIVE",
          "grade": "III/d",
          "position": {
            "title": "Kepala Bidang Perencanaan Anggaran",
            "level": "ADMINISTRATOR",
            "unit": "Badan Keuangan Daerah",
            "jobFamily": "KEU",
            "province": "35",
            "since": "2019-01-02"
          },
          "positionHistory": [
            { "title": "Kepala Seksi Anggaran", "level": "PENGAWAS", "unit": "Badan Keuangan Daerah",
              "from": "2014-07-01", "to": "2019-01-01" },
            { "title": "Analis Anggaran", "level": "PELAKSANA", "unit": "Biro Keuangan",
              "agencyCode": "PROV-35", "from": "2010-01-01", "to": "2014-06-30" }
          ],
          "assessments": [
            {
              "id": "AC-2023-0117",
              "method": "ASSESSMENT_CENTER",
              "scale": "JATIM-AC5",
              "assessedAt": "2023-05-10",
              "assessor": "UPT Penilaian Kompetensi Provinsi Jawa Timur",
              "results": [
                { "competency": "INTEGRITAS", "score": 4 },
                { "competency": "KERJASAMA", "score": 3.5 },
                { "competency": "ANGGARAN", "score": "B", "scale": "JATIM-HURUF" }
              ],
              "potential": { "score": 78, "scale": "JATIM-POTENSI-100" }
            },
            {
              "id": "CACT-2021-9",
              "method": "CACT",
              "scale": "JATIM-CACT",
              "assessedAt": "2021-02-01",
              "results": [ { "competency": "KOMUNIKASI", "score": "3" } ]
            }
          ],
          "performance": [
            { "year": 2024, "rating": "SANGAT_BAIK" },
            { "year": 2023, "hasilKerja": "DI_ATAS", "perilaku": "SESUAI" },
            { "year": 2021, "score": 88.4 }
          ],
          "previousNips": ["198503152008212001"],
          "sourceUpdatedAt": "2025-01-10T08:00:00+07:00"
        }
        """;

    public static JsonObject Full() => JsonNode.Parse(FullRecord)!.AsObject();

    public static RecordValidation Validate(JsonNode record) => Validate(record.ToJsonString());

    public static RecordValidation Validate(string json) => RecordValidator.Validate(Encoding.UTF8.GetBytes(json), Context);

    /// <summary>The errors as "pointer code" lines, to compare whole outcomes at a glance.</summary>
    public static string[] Outcome(RecordValidation validation) =>
        [.. validation.Errors.Select(e => $"{e.Pointer} {e.Code}").Order(StringComparer.Ordinal)];

    /// <summary>Applies each change to the full record: a JSON value at a pointer, or null to remove it.</summary>
    public static JsonObject FullWith(params (string Pointer, string? Json)[] changes)
    {
        var record = Full();
        foreach (var (pointer, json) in changes)
        {
            Set(record, pointer, json is null ? null : JsonNode.Parse(json), remove: json is null);
        }

        return record;
    }

    /// <summary>Sets (or adds, or removes) the value at an RFC 6901 pointer; "-" appends to an array.</summary>
    public static void Set(JsonNode root, string pointer, JsonNode? value, bool remove = false)
    {
        var segments = pointer.Split('/')[1..].Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        var parent = root;
        foreach (var segment in segments[..^1])
        {
            parent = parent is JsonArray array ? array[int.Parse(segment, CultureInfo.InvariantCulture)]! : parent[segment]!;
        }

        var last = segments[^1];
        if (parent is JsonArray list)
        {
            if (last == "-")
            {
                list.Add(value);
            }
            else if (remove)
            {
                list.RemoveAt(int.Parse(last, CultureInfo.InvariantCulture));
            }
            else
            {
                list[int.Parse(last, CultureInfo.InvariantCulture)] = value;
            }
        }
        else if (remove)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = value;
        }
    }

    private static HashSet<string> Set(params string[] values) => new(values, StringComparer.Ordinal);
}
