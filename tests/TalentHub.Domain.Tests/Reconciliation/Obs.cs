using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Records;
using TalentHub.Domain.Standard;

namespace TalentHub.Domain.Tests.Reconciliation;

/// <summary>Hand-built observations: a valid record (docs/domain/records.md) with fluent changes, and the seeded standard.</summary>
internal sealed class Obs
{
    public const string Nip = "198503152010012002";
    public static readonly DateOnly Evaluation = new(2026, 11, 1);

    private readonly JsonObject _record;
    private readonly List<ObservedLevel> _levels = [];
    private readonly List<ObservedPotential> _potentials = [];
    private readonly string _agency;
    private Guid _submission;
    private int _index;
    private DateTimeOffset _received = new(2025, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private Obs(string agency)
    {
        _agency = agency;
        _submission = new Guid(agency.Sum(c => c), 0, 0, new byte[8]);
        _record = new JsonObject
        {
            ["nip"] = Nip,
            ["nik"] = "3578015503850002",
            ["name"] = "Siti Rahmawati",
            ["birthDate"] = "1985-03-15",
            ["birthPlace"] = "Surabaya",
            ["gender"] = "F",
            ["employmentType"] = "PNS",
            ["status"] = "ACTIVE",
            ["grade"] = "III/d",
            ["position"] = new JsonObject
            {
                ["title"] = "Kepala Bidang",
                ["level"] = "ADMINISTRATOR",
                ["unit"] = "Badan Keuangan Daerah",
                ["province"] = "35",
                ["since"] = "2019-01-02",
            },
            ["positionHistory"] = new JsonArray(),
            ["assessments"] = new JsonArray(),
            ["performance"] = new JsonArray(),
            ["previousNips"] = new JsonArray(),
            ["sourceUpdatedAt"] = "2025-01-10T08:00:00+07:00",
        };
    }

    public static Obs Of(string agency) => new(agency);

    public static StandardSnapshot Standard(decimal optimal = 90, decimal cukup = 78)
    {
        var methods = new Dictionary<string, MethodRule>(StringComparer.Ordinal)
        {
            ["ASSESSMENT_CENTER"] = new(1, 3, true),
            ["CACT"] = new(2, 3, true),
            ["BEHAVIORAL_INTERVIEW"] = new(3, 2, true),
            ["PORTFOLIO"] = new(4, 2, true),
            ["MULTI_RATER"] = new(5, 1, true),
            ["SELF_ASSESSMENT"] = new(6, 1, false),
        };
        var perLevel = new Dictionary<PositionLevel, int>
        {
            [PositionLevel.JptUtama] = 5, [PositionLevel.JptMadya] = 5, [PositionLevel.JptPratama] = 4, [PositionLevel.Administrator] = 3,
            [PositionLevel.Pengawas] = 2, [PositionLevel.Pelaksana] = 1, [PositionLevel.FungsionalAhliUtama] = 4, [PositionLevel.FungsionalAhliMadya] = 3,
            [PositionLevel.FungsionalAhliMuda] = 2, [PositionLevel.FungsionalAhliPertama] = 1, [PositionLevel.FungsionalPenyelia] = 2,
            [PositionLevel.FungsionalMahir] = 1, [PositionLevel.FungsionalTerampil] = 1, [PositionLevel.FungsionalPemula] = 1,
        };
        var levels = perLevel.ToDictionary(
            e => e.Key,
            e => (IReadOnlyDictionary<string, int>)Codes.ToDictionary(c => c, _ => e.Value, StringComparer.Ordinal));
        return new StandardSnapshot(methods, levels, optimal, cukup, ["Prof.", "Dr.", "Drs.", "H.", "Hj.", "S.E.", "S.H.", "M.Si.", "M.M.", "MBA", "Ph.D."]);
    }

    public static readonly string[] Codes = ["M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "SK1"];

    public static ConsolidatedProfile Build(params Obs[] observations) => Build(Evaluation, observations);

    public static ConsolidatedProfile Build(DateOnly evaluation, params Obs[] observations) =>
        ProfileBuilder.Build(Nip, [.. observations.Select(o => o.Observation())], Standard(), evaluation);

    public static JsonElement Content(ConsolidatedProfile profile) => JsonDocument.Parse(profile.ContentJson).RootElement;

    public static JsonElement Provenance(ConsolidatedProfile profile, string field) =>
        JsonDocument.Parse(ExpandedProvenance(profile)).RootElement.GetProperty(field);

    /// <summary>The provenance as clients read it (per field, with its source written out).</summary>
    public static byte[] ExpandedProvenance(ConsolidatedProfile profile)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ProvenanceDocument.Expand(System.Text.Encoding.UTF8.GetBytes(profile.ProvenanceJson), writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public Observation Observation() => new(
        _agency, _submission, _index, _received, TalentRecordReader.From(JsonDocument.Parse(_record.ToJsonString()).RootElement), [.. _levels], [.. _potentials]);

    public Obs Updated(string sourceUpdatedAt) => Set("sourceUpdatedAt", sourceUpdatedAt);

    public Obs Received(DateTimeOffset at, int index = 0, Guid? submission = null)
    {
        _received = at;
        _index = index;
        _submission = submission ?? _submission;
        return this;
    }

    public Obs Status(string status) => Set("status", status);

    public Obs Name(string? name) => Set("name", name);

    public Obs Nik(string? nik) => Set("nik", nik);

    public Obs BirthPlace(string? place) => Set("birthPlace", place);

    public Obs Grade(string grade) => Set("grade", grade);

    public Obs EmploymentType(string type) => Set("employmentType", type);

    public Obs PreviousNip(string nip)
    {
        _record["previousNips"]!.AsArray().Add(nip);
        return this;
    }

    public Obs Set(string field, string? value)
    {
        _record[field] = value;
        return this;
    }

    public Obs Position(string level, string since, string province = "35", string title = "Kepala Bidang")
    {
        _record["position"] = new JsonObject { ["title"] = title, ["level"] = level, ["unit"] = "Unit", ["province"] = province, ["since"] = since };
        return this;
    }

    public Obs NoPosition()
    {
        _record.Remove("position");
        return this;
    }

    public Obs History(string level, string from, string to, string? agencyCode = null, string title = "Staf")
    {
        var entry = new JsonObject { ["title"] = title, ["level"] = level, ["unit"] = "Unit", ["from"] = from, ["to"] = to };
        if (agencyCode is not null)
        {
            entry["agencyCode"] = agencyCode;
        }

        _record["positionHistory"]!.AsArray().Add(entry);
        return this;
    }

    public Obs Rating(int year, string rating) => Performance(new JsonObject { ["year"] = year, ["rating"] = rating });

    public Obs Pair(int year, string hasilKerja, string perilaku) =>
        Performance(new JsonObject { ["year"] = year, ["hasilKerja"] = hasilKerja, ["perilaku"] = perilaku });

    public Obs Score(int year, decimal score) => Performance(new JsonObject { ["year"] = year, ["score"] = score });

    /// <summary>An assessment with one normalized result per code (all at the given level and score).</summary>
    public Obs Assessment(string id, string method, string assessedAt, int level, decimal? score = null, params string[] codes)
    {
        AddAssessment(id, method, assessedAt);
        var date = DateOnly.ParseExact(assessedAt, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var code in codes.Length == 0 ? Codes : codes)
        {
            _levels.Add(new ObservedLevel(id, method, date, code, score ?? level, level));
        }

        return this;
    }

    public Obs Potential(string id, string method, string assessedAt, int level)
    {
        AddAssessment(id, method, assessedAt);
        _potentials.Add(new ObservedPotential(id, method, DateOnly.ParseExact(assessedAt, "yyyy-MM-dd", CultureInfo.InvariantCulture), level, level));
        return this;
    }

    private void AddAssessment(string id, string method, string assessedAt)
    {
        var assessments = _record["assessments"]!.AsArray();
        if (assessments.Any(a => (string?)a!["id"] == id))
        {
            return;
        }

        assessments.Add(new JsonObject { ["id"] = id, ["method"] = method, ["scale"] = "S", ["assessedAt"] = assessedAt, ["results"] = new JsonArray() });
    }

    private Obs Performance(JsonObject entry)
    {
        _record["performance"]!.AsArray().Add(entry);
        return this;
    }
}
