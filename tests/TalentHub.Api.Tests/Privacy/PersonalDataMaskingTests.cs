using System.Text.Json;
using TalentHub.Api.Privacy;

namespace TalentHub.Api.Tests.Privacy;

public sealed class PersonalDataMaskingTests
{
    private static readonly JsonSerializerOptions Options = JsonSerializerOptions.Web;

    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    [Theory]
    [InlineData("3578015503850002", "3578********0002")]
    [InlineData("123456789", "1234*6789")]
    [InlineData("12345678", "********")]
    [InlineData("", "")]
    public void A_NIK_keeps_its_first_and_last_four_digits(string nik, string masked) =>
        Assert.Equal(masked, PersonalDataMasking.MaskNik(nik));

    [Theory]
    [InlineData("nik", "3578015503850002", "3578********0002")]
    [InlineData("nik", null, null)]
    [InlineData("birthPlace", "Surabaya", null)]
    [InlineData("name", "Siti Rahmawati", "Siti Rahmawati")]
    [InlineData("NIK", "3578015503850002", "3578015503850002")]
    public void A_field_value_is_masked_by_its_field(string field, string? value, string? expected) =>
        Assert.Equal(expected, PersonalDataMasking.MaskField(field, value));

    [Fact]
    public void The_candidates_of_a_nik_conflict_keep_their_agencies_with_masked_values()
    {
        var candidates = Json("""[{"value":"3578015503850002","agencyCode":"PROV-35"},{"value":"3578015503850003","agencyCode":"PROV-33"},{"value":null,"agencyCode":"BKN"}]""");

        var masked = PersonalDataMasking.Candidates("nik", candidates);

        Assert.Equal(
            """[{"value":"3578********0002","agencyCode":"PROV-35"},{"value":"3578********0003","agencyCode":"PROV-33"},{"value":null,"agencyCode":"BKN"}]""",
            masked.GetRawText());
    }

    [Fact]
    public void The_candidates_of_a_birth_place_conflict_are_withheld_and_other_fields_are_unchanged()
    {
        var candidates = Json("""[{"value":"Surabaya","agencyCode":"PROV-35"},{"value":"Malang","agencyCode":"PROV-33"}]""");

        Assert.Equal("""[{"value":null,"agencyCode":"PROV-35"},{"value":null,"agencyCode":"PROV-33"}]""", PersonalDataMasking.Candidates("birthPlace", candidates).GetRawText());
        Assert.Equal(candidates.GetRawText(), PersonalDataMasking.Candidates("name", candidates).GetRawText());
        Assert.Equal(candidates.GetRawText(), PersonalDataMasking.Candidates(null, candidates).GetRawText());
    }

    [Fact]
    public void A_raw_JSON_record_or_staged_CSV_row_has_its_NIK_masked_and_birth_place_nulled_in_place()
    {
        var record = Json("""{"nip":"198503152010012002","nik":"3578015503850002","name":"Siti","birthPlace":"Surabaya","position":{"province":"35"}}""");
        var csvRow = Json("""{"nip":"198503152010012002","nik":"3578015503850002","birthPlace":"Surabaya","skp.2021":"BAIK"}""");

        Assert.Equal(
            """{"nip":"198503152010012002","nik":"3578********0002","name":"Siti","birthPlace":null,"position":{"province":"35"}}""",
            PersonalDataMasking.RawRecord(record).GetRawText());
        Assert.Equal(
            """{"nip":"198503152010012002","nik":"3578********0002","birthPlace":null,"skp.2021":"BAIK"}""",
            PersonalDataMasking.RawRecord(csvRow).GetRawText());
    }

    [Fact]
    public void A_raw_record_is_masked_whatever_the_case_depth_or_type_of_its_personal_fields()
    {
        var record = Json("""{"NIK":"3578015503850002","BirthPlace":"Surabaya","nik":3578015503850002,"extra":{"nik":"3578015503850003"},"list":[{"birthPlace":"Malang"}]}""");

        var masked = PersonalDataMasking.RawRecord(record).GetRawText();

        Assert.Equal("""{"NIK":"3578********0002","BirthPlace":null,"nik":null,"extra":{"nik":"3578********0003"},"list":[{"birthPlace":null}]}""", masked);
    }

    [Theory]
    [InlineData("\"{\\\"nik\\\":\\\"3578015503850002\\\",\\\"birthPlace\\\":\\\"Surabaya\\\"\"")]
    [InlineData("[\"3578015503850002\",\"Surabaya\"]")]
    [InlineData("3578015503850002")]
    [InlineData("null")]
    public void A_raw_record_that_is_not_an_object_is_withheld(string raw) =>
        Assert.Equal(JsonValueKind.Null, PersonalDataMasking.RawRecord(Json(raw)).ValueKind);

    [Fact]
    public void A_profile_is_masked_in_its_identity_and_identity_conflicts_unless_unmasked()
    {
        const string content = """{"nip":"198503152010012002","identity":{"name":"Siti","nik":"3578015503850002","birthPlace":"Surabaya"},"conflicts":[{"kind":"IDENTITY_MISMATCH","field":"nik","candidates":[{"value":"3578015503850003","agencyCode":"PROV-33"}]},{"kind":"IDENTITY_MISMATCH","field":"name","candidates":[{"value":"Sity","agencyCode":"PROV-33"}]}]}""";

        var masked = System.Text.Encoding.UTF8.GetString(PersonalDataMasking.Profile(content, 3, StoredProvenance, unmasked: false, Options));
        var unmasked = System.Text.Encoding.UTF8.GetString(PersonalDataMasking.Profile(content, 3, StoredProvenance, unmasked: true, Options));

        Assert.Equal(
            """{"nip":"198503152010012002","identity":{"name":"Siti","nik":"3578********0002","birthPlace":null},"conflicts":[{"kind":"IDENTITY_MISMATCH","field":"nik","candidates":[{"value":"3578********0003","agencyCode":"PROV-33"}]},{"kind":"IDENTITY_MISMATCH","field":"name","candidates":[{"value":"Sity","agencyCode":"PROV-33"}]}],"version":3,"provenance":""" + ExpandedProvenance + "}",
            masked);
        Assert.Equal(content[..^1] + ""","version":3,"provenance":""" + ExpandedProvenance + "}", unmasked);
    }

    // Two fields of one source and a steward's field without one: the source is written out into each field that names it.
    private const string StoredProvenance =
        """{"sources":[{"agencyCode":"PROV-35","submissionId":"0193a000-0000-7000-8000-000000000001","recordIndex":4,"receivedAt":"2026-11-02T02:15:04.3180000+00:00"}],"fields":{"identity":{"source":0,"rule":"LATEST"},"nip":{"source":0,"rule":"NIP"},"status":{"rule":"STEWARD","steward":{"decisionId":"0193a000-0000-7000-8000-000000000002","decidedBy":"steward","decidedAt":"2026-11-03T00:00:00.0000000+00:00","reason":"checked"}}}}""";

    private const string ExpandedProvenance =
        """{"identity":{"agencyCode":"PROV-35","submissionId":"0193a000-0000-7000-8000-000000000001","recordIndex":4,"receivedAt":"2026-11-02T02:15:04.3180000+00:00","rule":"LATEST"},"nip":{"agencyCode":"PROV-35","submissionId":"0193a000-0000-7000-8000-000000000001","recordIndex":4,"receivedAt":"2026-11-02T02:15:04.3180000+00:00","rule":"NIP"},"status":{"rule":"STEWARD","steward":{"decisionId":"0193a000-0000-7000-8000-000000000002","decidedBy":"steward","decidedAt":"2026-11-03T00:00:00.0000000+00:00","reason":"checked"}}}""";

    [Fact]
    public void A_history_version_has_its_old_and_new_identity_masked()
    {
        var changes = Json("""[{"field":"identity","old":null,"new":{"nik":"3578015503850002","birthPlace":"Surabaya"}},{"field":"grade","old":"III/c","new":"III/d"}]""");

        var masked = PersonalDataMasking.Changes(changes, Options);

        Assert.Equal(
            """[{"field":"identity","old":null,"new":{"nik":"3578********0002","birthPlace":null}},{"field":"grade","old":"III/c","new":"III/d"}]""",
            masked.GetRawText());
    }
}
