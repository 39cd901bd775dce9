using System.Text;
using System.Text.Json.Nodes;
using TalentHub.Domain.Records;
using static TalentHub.Domain.Tests.Records.RecordSamples;

namespace TalentHub.Domain.Tests.Records;

public class RecordValidatorTests
{
    private static readonly string Long201 = new('x', 201);

    [Fact]
    public void A_full_record_with_every_optional_part_is_valid()
    {
        var validation = Validate(FullRecord);

        Assert.Empty(validation.Errors);
        Assert.True(validation.IsValid);
        Assert.Equal("198503152010012002", validation.Nip);
    }

    [Fact]
    public void A_record_with_only_the_required_fields_is_valid()
    {
        var validation = Validate("""
            {"nip":"198503152010012002","name":"Siti","birthDate":"1985-03-15","gender":"F","employmentType":"PNS",
             "status":"RETIRED","grade":"IV/a","sourceUpdatedAt":"2026-11-01T23:59:59+07:00"}
            """);

        Assert.Empty(validation.Errors);
    }

    [Fact]
    public void A_pppk_record_needs_no_grade_and_reads_the_middle_block_as_an_appointment_code()
    {
        var validation = Validate(FullWith(("/employmentType", "\"PPPK\""), ("/nip", "\"198503152010212002\""), ("/grade", null)));

        Assert.Empty(validation.Errors);
    }

    [Theory]
    [InlineData("{")]
    [InlineData("")]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("null")]
    [InlineData("{\"nip\":\"1\"} {}")]
    [InlineData("{\"nip\":\"1\",}")]
    [InlineData("{\"nip\":\"1\",\"nip\":\"2\"}")]
    [InlineData("{/*comment*/}")]
    public void Unreadable_json_is_a_single_malformed_record_error(string json)
    {
        var validation = Validate(json);

        var error = Assert.Single(validation.Errors);
        Assert.Equal(string.Empty, error.Pointer);
        Assert.Equal(RecordErrorCodes.MalformedRecord, error.Code);
        Assert.Null(validation.Nip);
    }

    [Fact]
    public void Invalid_utf8_is_malformed()
    {
        byte[] bytes = [.. "{\"name\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        Assert.Equal([" malformed_record"], Outcome(RecordValidator.Validate(bytes, Context)));
    }

    [Fact]
    public void Nesting_up_to_the_maximum_depth_is_read_and_deeper_is_malformed()
    {
        static string Nested(int depth) => "{\"x\":" + new string('[', depth - 1) + new string(']', depth - 1) + "}";

        Assert.Equal(["/x unknown_field"], Outcome(Validate(Nested(RecordValidator.MaxDepth))).Where(e => e.StartsWith("/x", StringComparison.Ordinal)));
        Assert.Equal([" malformed_record"], Outcome(Validate(Nested(RecordValidator.MaxDepth + 1))));
    }

    [Theory]
    [InlineData("/name", null, "/name", "required")]
    [InlineData("/name", "\"   \"", "/name", "required")]
    [InlineData("/nip", null, "/nip", "required")]
    [InlineData("/nip", "\"\"", "/nip", "required")]
    [InlineData("/birthDate", null, "/birthDate", "required")]
    [InlineData("/gender", null, "/gender", "required")]
    [InlineData("/employmentType", null, "/employmentType", "required")]
    [InlineData("/status", null, "/status", "required")]
    [InlineData("/grade", null, "/grade", "required")]
    [InlineData("/grade", "null", "/grade", "required")]
    [InlineData("/sourceUpdatedAt", null, "/sourceUpdatedAt", "required")]
    [InlineData("/position", null, "/position", "required")]
    [InlineData("/position/title", null, "/position/title", "required")]
    [InlineData("/position/level", null, "/position/level", "required")]
    [InlineData("/position/unit", null, "/position/unit", "required")]
    [InlineData("/position/since", null, "/position/since", "required")]
    [InlineData("/positionHistory/0/from", null, "/positionHistory/0/from", "required")]
    [InlineData("/assessments/0/id", null, "/assessments/0/id", "required")]
    [InlineData("/assessments/0/method", null, "/assessments/0/method", "required")]
    [InlineData("/assessments/0/assessedAt", null, "/assessments/0/assessedAt", "required")]
    [InlineData("/assessments/0/scale", null, "/assessments/0/scale", "required")]
    [InlineData("/assessments/0/results", null, "/assessments/0/results", "required")]
    [InlineData("/assessments/0/results", "[]", "/assessments/0/results", "required")]
    [InlineData("/assessments/0/results/0/competency", null, "/assessments/0/results/0/competency", "required")]
    [InlineData("/assessments/0/results/0/score", null, "/assessments/0/results/0/score", "required")]
    [InlineData("/assessments/0/results/0/score", "\"\"", "/assessments/0/results/0/score", "required")]
    [InlineData("/assessments/0/potential/score", null, "/assessments/0/potential/score", "required")]
    [InlineData("/performance/0/rating", null, "/performance/0", "required")]
    [InlineData("/performance/1/perilaku", null, "/performance/1/perilaku", "required")]
    [InlineData("/previousNips/0", "\"\"", "/previousNips/0", "required")]
    [InlineData("/jabatan", "\"Kepala\"", "/jabatan", "unknown_field")]
    [InlineData("/Name", "\"Siti\"", "/Name", "unknown_field")]
    [InlineData("/jabatan", "null", "/jabatan", "unknown_field")]
    [InlineData("/a~1b~0c", "1", "/a~1b~0c", "unknown_field")]
    [InlineData("/position/eselon", "\"III\"", "/position/eselon", "unknown_field")]
    [InlineData("/position/agencyCode", "\"BKN\"", "/position/agencyCode", "unknown_field")]
    [InlineData("/positionHistory/0/jobFamily", "\"KEU\"", "/positionHistory/0/jobFamily", "unknown_field")]
    [InlineData("/assessments/0/agency", "\"BKN\"", "/assessments/0/agency", "unknown_field")]
    [InlineData("/assessments/0/results/1/note", "\"x\"", "/assessments/0/results/1/note", "unknown_field")]
    [InlineData("/assessments/0/potential/label", "\"TINGGI\"", "/assessments/0/potential/label", "unknown_field")]
    [InlineData("/performance/2/predikat", "\"BAIK\"", "/performance/2/predikat", "unknown_field")]
    [InlineData("/birthPlace", "5", "/birthPlace", "invalid_type")]
    [InlineData("/nik", "3578015503850002", "/nik", "invalid_type")]
    [InlineData("/nip", "198503152010012002", "/nip", "invalid_type")]
    [InlineData("/position", "\"Kepala\"", "/position", "invalid_type")]
    [InlineData("/positionHistory", "{}", "/positionHistory", "invalid_type")]
    [InlineData("/positionHistory/1", "[]", "/positionHistory/1", "invalid_type")]
    [InlineData("/assessments/0/results/0/score", "true", "/assessments/0/results/0/score", "invalid_type")]
    [InlineData("/assessments/0/potential/score", "{}", "/assessments/0/potential/score", "invalid_type")]
    [InlineData("/performance/0/year", "\"2024\"", "/performance/0/year", "invalid_type")]
    [InlineData("/performance/0/year", "2024.5", "/performance/0/year", "invalid_type")]
    [InlineData("/performance/2/score", "\"88\"", "/performance/2/score", "invalid_type")]
    [InlineData("/previousNips/0", "198503152008212001", "/previousNips/0", "invalid_type")]
    [InlineData("/birthPlace", "\"" + "Surabaya Surabaya Surabaya Surabaya Surabaya Surabaya Surabaya Surabaya Surabaya Surabaya Surabaya Surabaya" + "\"", "/birthPlace", "too_long")]
    [InlineData("/assessments/1/id", "\"" + "ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID-ID" + "\"", "/assessments/1/id", "too_long")]
    [InlineData("/name", "\"Siti\\u0007Rahmawati\"", "/name", "invalid_format")]
    [InlineData("/name", "\"Siti\\nRahmawati\"", "/name", "invalid_format")]
    [InlineData("/name", "\"Siti \\ufffe\"", "/name", "invalid_format")]
    [InlineData("/position/title", "\"Kepala\\u0000Bidang\"", "/position/title", "invalid_format")]
    [InlineData("/performance/0/score", "90", "/performance/0", "invalid_format")]
    [InlineData("/performance/1/rating", "\"BAIK\"", "/performance/1", "invalid_format")]
    [InlineData("/sourceUpdatedAt", "\"2025-01-10T08:00:00\"", "/sourceUpdatedAt", "invalid_format")]
    [InlineData("/sourceUpdatedAt", "\"2025-01-10\"", "/sourceUpdatedAt", "invalid_format")]
    [InlineData("/status", "\"AKTIF\"", "/status", "invalid_enum")]
    [InlineData("/status", "\"active\"", "/status", "invalid_enum")]
    [InlineData("/gender", "\"P\"", "/gender", "invalid_enum")]
    [InlineData("/employmentType", "\"HONORER\"", "/employmentType", "invalid_enum")]
    [InlineData("/position/province", "\"99\"", "/position/province", "invalid_enum")]
    [InlineData("/performance/0/rating", "\"AMAT_BAIK\"", "/performance/0/rating", "invalid_enum")]
    [InlineData("/performance/1/hasilKerja", "\"TINGGI\"", "/performance/1/hasilKerja", "invalid_enum")]
    [InlineData("/performance/1/perilaku", "\"di_atas\"", "/performance/1/perilaku", "invalid_enum")]
    [InlineData("/position/since", "\"2019-02-30\"", "/position/since", "invalid_date")]
    [InlineData("/position/since", "\"2019-1-2\"", "/position/since", "invalid_date")]
    [InlineData("/birthDate", "\"1985-02-30\"", "/birthDate", "invalid_date")]
    [InlineData("/positionHistory/1/to", "\"2014-06-31\"", "/positionHistory/1/to", "invalid_date")]
    [InlineData("/sourceUpdatedAt", "\"2025-02-30T08:00:00+07:00\"", "/sourceUpdatedAt", "invalid_date")]
    [InlineData("/assessments/0/assessedAt", "\"2026-11-02\"", "/assessments/0/assessedAt", "future_date")]
    [InlineData("/position/since", "\"2026-11-02\"", "/position/since", "future_date")]
    [InlineData("/sourceUpdatedAt", "\"2026-11-02T00:00:00+07:00\"", "/sourceUpdatedAt", "future_date")]
    [InlineData("/sourceUpdatedAt", "\"2026-11-01T17:00:00Z\"", "/sourceUpdatedAt", "future_date")]
    [InlineData("/assessments/0/assessedAt", "\"1989-12-31\"", "/assessments/0/assessedAt", "out_of_range")]
    [InlineData("/performance/0/year", "1999", "/performance/0/year", "out_of_range")]
    [InlineData("/performance/0/year", "2027", "/performance/0/year", "out_of_range")]
    [InlineData("/performance/0/year", "99999999999", "/performance/0/year", "out_of_range")]
    [InlineData("/performance/2/score", "100.5", "/performance/2/score", "out_of_range")]
    [InlineData("/performance/2/score", "-1", "/performance/2/score", "out_of_range")]
    [InlineData("/performance/2/year", "2022", "/performance/2/score", "out_of_range")]
    [InlineData("/performance/1/year", "2020", "/performance/1/hasilKerja", "out_of_range")]
    [InlineData("/assessments/0/results/0/score", "1e400", "/assessments/0/results/0/score", "out_of_range")]
    [InlineData("/positionHistory/1/from", "\"2014-07-01\"", "/positionHistory/1/from", "date_order")]
    [InlineData("/positionHistory/0/to", "\"2019-01-03\"", "/positionHistory/0/to", "date_order")]
    [InlineData("/nip", "\"198503152010132002\"", "/nip", "nip_invalid")]
    [InlineData("/nip", "\"19850315201001200\"", "/nip", "nip_invalid")]
    [InlineData("/nip", "\"198503152010013002\"", "/nip", "nip_invalid")]
    [InlineData("/nip", "\"198503152010012000\"", "/nip", "nip_invalid")]
    [InlineData("/nip", "\"198503152002012002\"", "/nip", "nip_invalid")]
    [InlineData("/previousNips/0", "\"198503152008213001\"", "/previousNips/0", "nip_invalid")]
    [InlineData("/nip", "\"198403152010012002\"", "/birthDate", "nip_birthdate_mismatch")]
    [InlineData("/previousNips/0", "\"198503162008212001\"", "/previousNips/0", "nip_birthdate_mismatch")]
    [InlineData("/nip", "\"198503152010011002\"", "/gender", "nip_gender_mismatch")]
    [InlineData("/nik", "\"9978015503850002\"", "/nik", "nik_invalid")]
    [InlineData("/nik", "\"3578015513850002\"", "/nik", "nik_invalid")]
    [InlineData("/nik", "\"3578015503850000\"", "/nik", "nik_invalid")]
    [InlineData("/nik", "\"357801550385000\"", "/nik", "nik_invalid")]
    [InlineData("/nik", "\"3578015503860002\"", "/nik", "nik_mismatch")]
    [InlineData("/nik", "\"3578011503850002\"", "/nik", "nik_mismatch")]
    [InlineData("/position/level", "\"ESELON_III\"", "/position/level", "unknown_position_level")]
    [InlineData("/positionHistory/1/level", "\"Pelaksana\"", "/positionHistory/1/level", "unknown_position_level")]
    [InlineData("/grade", "\"III/f\"", "/grade", "unknown_grade")]
    [InlineData("/grade", "\"III\"", "/grade", "unknown_grade")]
    [InlineData("/assessments/0/method", "\"PSIKOTES\"", "/assessments/0/method", "unknown_method")]
    [InlineData("/positionHistory/1/agencyCode", "\"KAB-9999\"", "/positionHistory/1/agencyCode", "unknown_agency")]
    [InlineData("/assessments/1/id", "\"AC-2023-0117\"", "/assessments/1/id", "duplicate_assessment_id")]
    [InlineData("/performance/1/year", "2024", "/performance/1/year", "duplicate_year")]
    public void One_fault_gives_exactly_its_error_at_its_pointer(string pointer, string? json, string expectedPointer, string expectedCode)
    {
        var validation = Validate(FullWith((pointer, json)));

        Assert.Equal([$"{expectedPointer} {expectedCode}"], Outcome(validation));
        var error = Assert.Single(validation.Errors);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Theory]
    [InlineData("\"name\": \"Siti Rahmawati\"", "\"name\": \"Siti \\ud800 Rahmawati\"", "/name")]
    [InlineData("\"unit\": \"Biro Keuangan\"", "\"unit\": \"Biro \\udc00\"", "/positionHistory/1/unit")]
    [InlineData("\"status\": \"ACTIVE\"", "\"status\": \"ACTIVE\\ud800\"", "/status")]
    public void An_escaped_unpaired_surrogate_is_not_normalizable_text(string original, string replacement, string pointer)
    {
        var json = FullRecord.Replace(original, replacement, StringComparison.Ordinal);

        Assert.Equal([$"{pointer} invalid_format"], Outcome(Validate(json)));
    }

    [Fact]
    public void Every_code_the_validator_produces_is_a_declared_constant()
    {
        string[] declared = [.. typeof(RecordErrorCodes).GetFields().Select(f => (string)f.GetValue(null)!)];

        Assert.Equal(25, declared.Length);
        Assert.Equal(declared.Length, declared.Distinct().Count());
        Assert.All(declared, code => Assert.Matches("^[a-z_]+$", code));
    }

    [Fact]
    public void Every_declared_code_has_its_rule_for_the_openapi_document()
    {
        string[] declared = [.. typeof(RecordErrorCodes).GetFields().Select(f => (string)f.GetValue(null)!).Order(StringComparer.Ordinal)];

        Assert.Equal(declared, RecordErrorCodes.Rules.Select(r => r.Code).Order(StringComparer.Ordinal));
        Assert.All(RecordErrorCodes.Rules, r => Assert.False(string.IsNullOrWhiteSpace(r.Rule), r.Code));
    }

    [Fact]
    public void A_pppk_grade_must_be_a_pppk_grade()
    {
        var validation = Validate(FullWith(("/employmentType", "\"PPPK\""), ("/nip", "\"198503152010212002\"")));

        Assert.Equal(["/grade unknown_grade"], Outcome(validation));
    }

    [Fact]
    public void A_name_over_200_characters_after_trimming_is_too_long_and_surrounding_space_does_not_count()
    {
        Assert.Equal(["/name too_long"], Outcome(Validate(FullWith(("/name", $"\"{Long201}\"")))));
        Assert.Empty(Validate(FullWith(("/name", $"\"  {Long201[..200]}  \""))).Errors);

        // A character outside the BMP is one character, though two UTF-16 units.
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 200));
        Assert.Empty(Validate(FullWith(("/name", $"\"{emoji}\""))).Errors);
    }

    [Fact]
    public void Lists_over_their_bounds_are_too_many_at_the_list()
    {
        static JsonArray Copies(string json, int count) => [.. Enumerable.Range(0, count).Select(_ => JsonNode.Parse(json))];

        var record = Full();
        record["positionHistory"] = Copies("""{"title":"Staf","level":"PELAKSANA","unit":"Biro","from":"2010-01-01","to":"2010-02-01"}""", 101);
        record["previousNips"] = Copies("\"198503152008212001\"", 6);
        record["performance"] = new JsonArray([.. Enumerable.Range(2000, 21).Select(y => JsonNode.Parse($$"""{"year":{{y}},"rating":"BAIK"}"""))]);
        record["assessments"]!.AsArray()[1]!["results"] = Copies("""{"competency":"KOMUNIKASI","score":3}""", 101);

        Assert.Equal(
            ["/assessments/1/results too_many", "/performance too_many", "/positionHistory too_many", "/previousNips too_many"],
            Outcome(Validate(record)));

        record["assessments"] = new JsonArray([.. Enumerable.Range(0, 51).Select(i => JsonNode.Parse($$"""{"id":"A{{i}}","method":"CACT","scale":"S","assessedAt":"2020-01-01","results":[{"competency":"X","score":1}]}"""))]);
        Assert.Contains("/assessments too_many", Outcome(Validate(record)));
    }

    [Fact]
    public void The_position_is_optional_when_the_person_is_not_active()
    {
        var validation = Validate(FullWith(("/status", "\"RETIRED\""), ("/position", null)));

        Assert.Empty(validation.Errors);
    }

    [Fact]
    public void A_history_entry_may_end_on_the_day_the_current_position_starts_and_a_history_without_a_position_is_unbounded()
    {
        Assert.Empty(Validate(FullWith(("/positionHistory/0/to", "\"2019-01-02\""))).Errors);
        Assert.Empty(Validate(FullWith(("/status", "\"RETIRED\""), ("/position", null), ("/positionHistory/0/to", "\"2026-01-01\""))).Errors);
    }

    [Fact]
    public void A_result_without_its_own_scale_needs_the_assessments_scale_but_fully_scaled_results_do_not()
    {
        var allScaled = FullWith(("/assessments/1/scale", null), ("/assessments/1/results/0/scale", "\"JATIM-CACT\""));

        Assert.Empty(Validate(allScaled).Errors);
        Assert.Equal(["/assessments/1/scale required"], Outcome(Validate(FullWith(("/assessments/1/scale", null)))));
    }

    [Fact]
    public void Performance_forms_each_belong_to_their_years()
    {
        Assert.Empty(Validate(FullWith(("/performance/2/year", "2000"), ("/performance/1/year", "2022"), ("/performance/0/year", "2026"))).Errors);
        Assert.Equal(["/performance/0 required"], Outcome(Validate(FullWith(("/performance/0", "{\"year\":2024}")))));
        Assert.Equal(["/performance/0/perilaku required"], Outcome(Validate(FullWith(("/performance/0", "{\"year\":2024,\"hasilKerja\":\"SESUAI\"}")))));
    }

    [Fact]
    public void A_whole_number_written_with_a_decimal_point_is_a_year()
    {
        Assert.Empty(Validate(FullWith(("/performance/0/year", "2024.0"))).Errors);
    }

    [Fact]
    public void Null_counts_as_absent()
    {
        Assert.Empty(Validate(FullWith(("/nik", "null"), ("/birthPlace", "null"), ("/positionHistory", "null"), ("/assessments/0/potential", "null"))).Errors);
    }

    [Fact]
    public void A_nip_that_fails_its_structure_gets_nip_invalid_alone_however_the_record_disagrees_with_it()
    {
        var validation = Validate(FullWith(("/nip", "\"198503152010132002\""), ("/gender", "\"M\""), ("/nik", null)));

        Assert.Equal(["/nip nip_invalid"], Outcome(validation));
        Assert.Equal("198503152010132002", validation.Nip);
    }

    [Fact]
    public void Both_nip_mismatches_are_reported_together()
    {
        var validation = Validate(FullWith(("/nip", "\"198403152010011002\"")));

        Assert.Equal(["/birthDate nip_birthdate_mismatch", "/gender nip_gender_mismatch"], Outcome(validation));
    }

    [Fact]
    public void The_nip_is_returned_whenever_it_is_a_string()
    {
        Assert.Equal("12345", Validate(FullWith(("/nip", "\"12345\""))).Nip);
        Assert.Null(Validate(FullWith(("/nip", "12345"))).Nip);
        Assert.Null(Validate(FullWith(("/nip", null))).Nip);
    }

    [Fact]
    public void Messages_never_quote_the_nik_and_quote_at_most_50_characters_of_a_value()
    {
        var nik = "3578015503860002";
        var longStatus = new string('A', 5000);

        var validation = Validate(FullWith(("/nik", $"\"{nik}\""), ("/status", $"\"{longStatus}\""), ("/jabatan\u0001" + new string('j', 300), "1")));

        Assert.Equal(3, validation.Errors.Count);
        Assert.All(validation.Errors, e => Assert.DoesNotContain(nik, e.Message, StringComparison.Ordinal));
        Assert.All(validation.Errors, e => Assert.True(e.Message.Length < 200, e.Message));
        Assert.All(validation.Errors, e => Assert.DoesNotContain('\u0001', e.Message));
    }

    [Fact]
    public void A_record_with_several_faults_reports_all_of_them()
    {
        var record = FullWith(
            ("/name", "\"\""),
            ("/status", "\"AKTIF\""),
            ("/nik", "\"3578015503860002\""),
            ("/jabatan", "\"Kepala\""),
            ("/position/level", "\"ESELON_III\""),
            ("/position/since", "\"2027-01-01\""),
            ("/positionHistory/1/agencyCode", "\"KAB-9999\""),
            ("/positionHistory/1/from", "\"2015-01-01\""),
            ("/assessments/0/method", "\"PSIKOTES\""),
            ("/assessments/0/assessedAt", "\"1989-01-01\""),
            ("/assessments/0/results/2/score", "[]"),
            ("/assessments/1/id", "\"AC-2023-0117\""),
            ("/performance/1/year", "2024"),
            ("/performance/2/score", "101"),
            ("/previousNips/0", "\"x\""),
            ("/sourceUpdatedAt", "\"2025-01-10 08:00\""));

        Assert.Equal(
            [
                "/assessments/0/assessedAt out_of_range",
                "/assessments/0/method unknown_method",
                "/assessments/0/results/2/score invalid_type",
                "/assessments/1/id duplicate_assessment_id",
                "/jabatan unknown_field",
                "/name required",
                "/nik nik_mismatch",
                "/performance/1/year duplicate_year",
                "/performance/2/score out_of_range",
                "/position/level unknown_position_level",
                "/position/since future_date",
                "/positionHistory/1/agencyCode unknown_agency",
                "/positionHistory/1/from date_order",
                "/previousNips/0 nip_invalid",
                "/sourceUpdatedAt invalid_format",
                "/status invalid_enum",
            ],
            Outcome(Validate(record)));
    }

    [Fact]
    public void The_pointer_of_an_unknown_field_is_escaped_and_storable()
    {
        var validation = Validate("{\"a/b\":1,\"c~d\":2,\"e\\u0000f\":3,\"" + new string('g', 1000) + "\":4}");

        Assert.Contains(validation.Errors, e => e.Pointer == "/a~1b" && e.Code == RecordErrorCodes.UnknownField);
        Assert.Contains(validation.Errors, e => e.Pointer == "/c~0d" && e.Code == RecordErrorCodes.UnknownField);
        Assert.Contains(validation.Errors, e => e.Pointer == "/e\uFFFDf" && e.Code == RecordErrorCodes.UnknownField);
        Assert.Contains(validation.Errors, e => e.Pointer == "/" + new string('g', 200) + "…" && e.Code == RecordErrorCodes.UnknownField);
    }

    [Fact]
    public void The_input_span_is_not_retained()
    {
        var bytes = Encoding.UTF8.GetBytes(FullRecord);
        var validation = RecordValidator.Validate(bytes, Context);
        Array.Clear(bytes);

        Assert.Equal("198503152010012002", validation.Nip);
    }
}
