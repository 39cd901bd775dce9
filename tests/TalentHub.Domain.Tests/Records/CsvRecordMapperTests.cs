using System.Text;
using System.Text.Json.Nodes;
using TalentHub.Domain.Records;
using static TalentHub.Domain.Tests.Records.RecordSamples;

namespace TalentHub.Domain.Tests.Records;

public class CsvRecordMapperTests
{
    private static readonly string[] FullHeader =
    [
        "nip", "nik", "name", "birthDate", "birthPlace", "gender", "employmentType", "status", "grade",
        "positionTitle", "positionLevel", "positionUnit", "positionJobFamily", "positionProvince", "positionSince",
        "a1.id", "a1.method", "a1.scale", "a1.assessedAt", "a1.assessor", "a1.r.INTEGRITAS", "a1.r.KERJASAMA",
        "a1.r.Kerja Sama Tim", "a1.potential", "a1.potentialScale",
        "a2.id", "a2.method", "a2.scale", "a2.assessedAt", "a2.r.KOMUNIKASI",
        "skp.2024", "skp.2023.hasilKerja", "skp.2023.perilaku", "skp.2021", "sourceUpdatedAt",
    ];

    private static readonly string[] FullRow =
    [
        "198503152010012002", "3578015503850002", "Siti Rahmawati", "1985-03-15", "Surabaya", "F", "PNS", "ACTIVE", "III/d",
        "Kepala Bidang Perencanaan Anggaran", "ADMINISTRATOR", "Badan Keuangan Daerah", "KEU", "35", "2019-01-02",
        "AC-2023-0117", "ASSESSMENT_CENTER", "JATIM-AC5", "2023-05-10", "UPT Penilaian", "4", "3.5",
        "B", "78", "JATIM-POTENSI-100",
        "CACT-2021-9", "CACT", "JATIM-CACT", "2021-02-01", "3",
        "SANGAT_BAIK", "DI_ATAS", "SESUAI", "88.4", "2025-01-10T08:00:00+07:00",
    ];

    private static CsvRecord Map(string[] header, string[] row, bool decimalComma = false) => CsvRecordMapper.Map(header, row, decimalComma);

    private static JsonNode Json(CsvRecord record) => JsonNode.Parse(record.Utf8Json)!;

    private static string[] With(string[] row, string[] header, params (string Column, string Cell)[] cells)
    {
        var copy = (string[])row.Clone();
        foreach (var (column, cell) in cells)
        {
            copy[Array.IndexOf(header, column)] = cell;
        }

        return copy;
    }

    [Fact]
    public void A_full_row_becomes_the_record_it_describes_and_is_valid()
    {
        var record = Map(FullHeader, FullRow);

        var expected = JsonNode.Parse("""
            {
              "nip": "198503152010012002", "nik": "3578015503850002", "name": "Siti Rahmawati", "birthDate": "1985-03-15",
              "birthPlace": "Surabaya", "gender": "F", "employmentType": "PNS", "status": "ACTIVE", "grade": "III/d",
              "sourceUpdatedAt": "2025-01-10T08:00:00+07:00",
              "position": { "title": "Kepala Bidang Perencanaan Anggaran", "level": "ADMINISTRATOR", "unit": "Badan Keuangan Daerah",
                            "jobFamily": "KEU", "province": "35", "since": "2019-01-02" },
              "assessments": [
                { "id": "AC-2023-0117", "method": "ASSESSMENT_CENTER", "scale": "JATIM-AC5", "assessedAt": "2023-05-10", "assessor": "UPT Penilaian",
                  "results": [ { "competency": "INTEGRITAS", "score": 4 }, { "competency": "KERJASAMA", "score": 3.5 },
                               { "competency": "Kerja Sama Tim", "score": "B" } ],
                  "potential": { "score": 78, "scale": "JATIM-POTENSI-100" } },
                { "id": "CACT-2021-9", "method": "CACT", "scale": "JATIM-CACT", "assessedAt": "2021-02-01",
                  "results": [ { "competency": "KOMUNIKASI", "score": 3 } ] }
              ],
              "performance": [
                { "year": 2021, "score": 88.4 },
                { "year": 2023, "hasilKerja": "DI_ATAS", "perilaku": "SESUAI" },
                { "year": 2024, "rating": "SANGAT_BAIK" }
              ]
            }
            """);
        Assert.True(JsonNode.DeepEquals(expected, Json(record)), Json(record).ToJsonString());
        Assert.Empty(record.ColumnErrors);
        Assert.Empty(RecordValidator.Validate(record.Utf8Json, Context).Errors);
    }

    [Fact]
    public void The_json_keeps_non_ascii_text_readable()
    {
        var record = Map(FullHeader, With(FullRow, FullHeader, ("name", "Siti Ñurhayati")));

        Assert.Contains("Siti Ñurhayati", Encoding.UTF8.GetString(record.Utf8Json), StringComparison.Ordinal);
    }

    [Fact]
    public void Each_pointer_names_the_column_it_came_from()
    {
        var map = Map(FullHeader, FullRow).ColumnOfPointer;

        Assert.Equal("nip", map["/nip"]);
        Assert.Equal("positionLevel", map["/position/level"]);
        Assert.Equal("a1.method", map["/assessments/0/method"]);
        Assert.Equal("a1.r.KERJASAMA", map["/assessments/0/results/1/score"]);
        Assert.Equal("a1.r.Kerja Sama Tim", map["/assessments/0/results/2/competency"]);
        Assert.Equal("a1.potential", map["/assessments/0/potential/score"]);
        Assert.Equal("a1.potentialScale", map["/assessments/0/potential/scale"]);
        Assert.Equal("a2.r.KOMUNIKASI", map["/assessments/1/results/0/score"]);
        Assert.Equal("skp.2021", map["/performance/0/score"]);
        Assert.Equal("skp.2023.hasilKerja", map["/performance/1/year"]);
        Assert.Equal("skp.2023.perilaku", map["/performance/1/perilaku"]);
        Assert.Equal("skp.2024", map["/performance/2/rating"]);
    }

    [Fact]
    public void Validator_errors_map_back_to_their_columns()
    {
        var row = With(FullRow, FullHeader,
            ("positionTitle", string.Empty),
            ("a1.id", string.Empty), ("a1.method", string.Empty), ("a1.scale", string.Empty), ("a1.assessedAt", string.Empty),
            ("a1.assessor", string.Empty), ("a1.r.INTEGRITAS", string.Empty), ("a1.r.KERJASAMA", string.Empty),
            ("a1.r.Kerja Sama Tim", string.Empty), ("a1.potential", string.Empty), ("a1.potentialScale", string.Empty),
            ("a2.method", "PSIKOTES"), ("a2.r.KOMUNIKASI", "[x]"),
            ("skp.2024", "AMAT_BAIK"), ("skp.2023.perilaku", string.Empty), ("skp.2021", "101"));
        var header = FullHeader.Append("skp.1999").ToArray();
        var record = Map(header, [.. row, "BAIK"]);

        var validation = RecordValidator.Validate(record.Utf8Json, Context);
        string[] byColumn = [.. validation.Errors.Select(e => $"{record.ColumnOf(e.Pointer)} {e.Code}").Order(StringComparer.Ordinal)];

        Assert.Equal(
            [
                "a2.method unknown_method",
                "positionTitle required",
                "skp.1999 out_of_range",
                "skp.2021 out_of_range",
                "skp.2023.perilaku required",
                "skp.2024 invalid_enum",
            ],
            byColumn);
    }

    [Fact]
    public void An_assessment_without_results_is_reported_at_its_first_column()
    {
        var row = With(FullRow, FullHeader, ("a2.r.KOMUNIKASI", string.Empty));
        var record = Map(FullHeader, row);

        var error = Assert.Single(RecordValidator.Validate(record.Utf8Json, Context).Errors);
        Assert.Equal("/assessments/1/results", error.Pointer);
        Assert.Equal("a2.id", record.ColumnOf(error.Pointer));
    }

    [Fact]
    public void A_missing_column_of_a_required_field_is_still_named()
    {
        string[] header = [.. FullHeader.Where(c => c != "name")];
        string[] row = [.. FullRow.Where((_, i) => FullHeader[i] != "name")];
        var record = Map(header, row);

        var error = Assert.Single(RecordValidator.Validate(record.Utf8Json, Context).Errors);
        Assert.Equal("name", record.ColumnOf(error.Pointer));
        Assert.Equal("/x/y", record.ColumnOf("/x/y"));
    }

    [Fact]
    public void An_empty_cell_is_absent()
    {
        var record = Map(FullHeader, With(FullRow, FullHeader, ("nik", string.Empty), ("birthPlace", string.Empty), ("a1.potential", string.Empty), ("a1.potentialScale", string.Empty)));

        var json = Json(record).AsObject();
        Assert.False(json.ContainsKey("nik"));
        Assert.False(json.ContainsKey("birthPlace"));
        Assert.False(json["assessments"]![0]!.AsObject().ContainsKey("potential"));
        Assert.Empty(RecordValidator.Validate(record.Utf8Json, Context).Errors);
    }

    [Fact]
    public void Unknown_and_repeated_columns_are_unknown_field_by_column_name()
    {
        string[] header = [.. FullHeader, "jabatan", "a10.id", "a1.r.", "skp.24", "skp.2024.nilai", "Nip", "a1.id"];
        string[] row = [.. FullRow, "Kepala", "X", "4", "BAIK", "1", "1", "AC-2"];

        var record = Map(header, row);

        Assert.All(record.ColumnErrors, e => Assert.Equal(RecordErrorCodes.UnknownField, e.Code));
        Assert.Equal(["jabatan", "a10.id", "a1.r.", "skp.24", "skp.2024.nilai", "Nip", "a1.id"], record.ColumnErrors.Select(e => e.Pointer));
        Assert.Equal("AC-2023-0117", Json(record)["assessments"]![0]!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true, "3,5", 3.5)]
    [InlineData(true, "3.5", 3.5)]
    [InlineData(false, "3.5", 3.5)]
    [InlineData(true, "-0,25", -0.25)]
    [InlineData(false, " 4 ", 4)]
    public void A_numeric_score_cell_becomes_a_json_number(bool decimalComma, string cell, double expected)
    {
        var record = Map(FullHeader, With(FullRow, FullHeader, ("a1.r.INTEGRITAS", cell)), decimalComma);

        Assert.Equal((decimal)expected, Json(record)["assessments"]![0]!["results"]![0]!["score"]!.GetValue<decimal>());
    }

    [Theory]
    [InlineData(false, "3,5")]
    [InlineData(true, "1.234,5")]
    [InlineData(true, "B+")]
    [InlineData(false, "1e3")]
    public void Any_other_score_cell_stays_a_label(bool decimalComma, string cell)
    {
        var record = Map(FullHeader, With(FullRow, FullHeader, ("a1.r.INTEGRITAS", cell)), decimalComma);

        Assert.Equal(cell, Json(record)["assessments"]![0]!["results"]![0]!["score"]!.GetValue<string>());
    }

    [Fact]
    public void A_legacy_skp_score_may_use_a_decimal_comma()
    {
        var record = Map(FullHeader, With(FullRow, FullHeader, ("skp.2021", "88,4")), decimalComma: true);

        Assert.Equal(88.4m, Json(record)["performance"]![0]!["score"]!.GetValue<decimal>());
        Assert.Empty(RecordValidator.Validate(record.Utf8Json, Context).Errors);
    }

    [Fact]
    public void Assessments_are_numbered_by_the_groups_present_in_the_row()
    {
        var row = With(FullRow, FullHeader,
            ("a1.id", string.Empty), ("a1.method", string.Empty), ("a1.scale", string.Empty), ("a1.assessedAt", string.Empty),
            ("a1.assessor", string.Empty), ("a1.r.INTEGRITAS", string.Empty), ("a1.r.KERJASAMA", string.Empty),
            ("a1.r.Kerja Sama Tim", string.Empty), ("a1.potential", string.Empty), ("a1.potentialScale", string.Empty));

        var record = Map(FullHeader, row);

        Assert.Equal("CACT-2021-9", Json(record)["assessments"]![0]!["id"]!.GetValue<string>());
        Assert.Equal("a2.id", record.ColumnOfPointer["/assessments/0/id"]);
        Assert.False(record.ColumnOfPointer.ContainsKey("/assessments/1/id"));
    }

    [Fact]
    public void A_cell_that_is_not_valid_unicode_is_invalid_format_at_its_column_and_left_out()
    {
        var record = Map(FullHeader, With(FullRow, FullHeader, ("birthPlace", "Sura\uD800baya")));

        var error = Assert.Single(record.ColumnErrors);
        Assert.Equal(("birthPlace", RecordErrorCodes.InvalidFormat), (error.Pointer, error.Code));
        Assert.False(Json(record).AsObject().ContainsKey("birthPlace"));
    }

    [Fact]
    public void A_header_reused_with_other_names_is_read_again()
    {
        var header = new List<string> { "nip", "name" };
        var first = Map([.. header], ["1", "A"]);
        var reused = header;
        Assert.Equal("1", Json(CsvRecordMapper.Map(reused, ["1", "A"], false))["nip"]!.GetValue<string>());

        reused[0] = "nik";
        var second = CsvRecordMapper.Map(reused, ["2", "B"], false);

        Assert.Equal("1", Json(first)["nip"]!.GetValue<string>());
        Assert.Equal("2", Json(second)["nik"]!.GetValue<string>());
        Assert.False(Json(second).AsObject().ContainsKey("nip"));
    }

    [Fact]
    public void A_row_with_another_cell_count_is_the_callers_error()
    {
        Assert.Throws<ArgumentException>(() => CsvRecordMapper.Map(["nip", "name"], ["1"], false));
    }
}
