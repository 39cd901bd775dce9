using System.Globalization;
using System.Text;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Records;

namespace TalentHub.Domain.Tests.Normalization;

public class RecordNormalizerTests
{
    private static readonly DateOnly Rubric2024 = new(2024, 1, 1);

    private static readonly AgencyMappings Mappings = new()
    {
        Scales = new Dictionary<string, IReadOnlyList<ScaleVersion>>
        {
            ["P100"] = [new ScaleVersion(1, null, new LinearScale(0, 100, HigherIsBetter: true))],
            ["JATIM-AC5"] = [new ScaleVersion(1, null, new LinearScale(1, 5, HigherIsBetter: true))],
            ["JATIM-HURUF"] = [new ScaleVersion(1, null, new LabelsScale(new Dictionary<string, int> { ["A"] = 5, ["B"] = 4, ["C"] = 3, ["D"] = 2, ["E"] = 1 }))],
            ["JATIM-POTENSI-100"] = [new ScaleVersion(1, null, new BandsScale([new Band(0, 50, 1), new Band(50, 70, 2), new Band(70, 80, 3), new Band(80, 90, 4), new Band(90, 100, 5)]))],
            ["RUBRIC"] =
            [
                new ScaleVersion(2, Rubric2024, new LinearScale(0, 10, HigherIsBetter: true)),
                new ScaleVersion(1, null, new LinearScale(0, 100, HigherIsBetter: true)),
            ],
            ["FUTURE"] = [new ScaleVersion(1, new DateOnly(2030, 1, 1), new LinearScale(0, 100, HigherIsBetter: true))],
        },
        Dictionary = new Dictionary<string, string>
        {
            ["INTEGRITAS"] = "M1",
            ["KERJASAMA"] = "M2",
            ["TEAMWORK"] = "M2",
            ["KERJA SAMA TIM"] = "M2",
            ["ANGGARAN"] = "T.KEU.01",
            ["PENGADAAN BARANG/JASA"] = "IGNORE",
            ["M8"] = "M3",
        },
        NationalCodes = new HashSet<string> { "M1", "M2", "M3", "M4", "M5", "M6", "M7", "M8", "SK1", "T.KEU.01" },
    };

    private static RecordNormalization Normalize(string json, AgencyMappings? mappings = null) =>
        RecordNormalizer.Normalize(TalentRecordReader.Parse(Encoding.UTF8.GetBytes(json.Replace('\'', '"'))), mappings ?? Mappings);

    /// <summary>A record with the identity fields the normalizer skips, and the given assessments.</summary>
    private static string Record(params string[] assessments) =>
        "{'nip':'198503152010012002','name':'Siti','position':{'title':'Kepala','level':'ADMINISTRATOR','since':'2019-01-02'},"
        + "'performance':[{'year':2024,'rating':'BAIK'}],'assessments':[" + string.Join(",", assessments) + "],'sourceUpdatedAt':'2025-01-10T08:00:00+07:00'}";

    private static string Assessment(string results, string scale = "P100", string assessedAt = "2023-05-10", string extra = "") =>
        $"{{'id':'AC-1','method':'ASSESSMENT_CENTER','scale':'{scale}','assessedAt':'{assessedAt}','assessor':'UPT',{extra}'results':[{results}]}}";

    private static string Result(string competency, string score, string? scale = null) =>
        scale is null ? $"{{'competency':'{competency}','score':{score}}}" : $"{{'competency':'{competency}','score':{score},'scale':'{scale}'}}";

    private static void AssertClean(RecordNormalization normalization)
    {
        Assert.Empty(normalization.Pending);
        Assert.Empty(normalization.Errors);
        Assert.False(normalization.IsPending);
    }

    [Fact]
    public void The_sample_record_of_the_specification_is_fully_normalized()
    {
        var normalization = Normalize(Record(
            "{'id':'AC-2023-0117','method':'ASSESSMENT_CENTER','scale':'JATIM-AC5','assessedAt':'2023-05-10','assessor':'UPT',"
            + "'results':[{'competency':'INTEGRITAS','score':4},{'competency':'KERJASAMA','score':3},{'competency':'ANGGARAN','score':'B','scale':'JATIM-HURUF'}],"
            + "'potential':{'score':78,'scale':'JATIM-POTENSI-100'}}"));

        AssertClean(normalization);
        // 1–5 linear: 1 + 4 × (4 − 1) / 4 = 4.00; 1 + 4 × 2 / 4 = 3.00; label B → 4.
        Assert.Collection(
            normalization.Results,
            r => Assert.Equal(("M1", new NormalizedScore(4.00m, 4)), (r.NationalCode, r.Normalized)),
            r => Assert.Equal(("M2", new NormalizedScore(3.00m, 3)), (r.NationalCode, r.Normalized)),
            r => Assert.Equal(("T.KEU.01", new NormalizedScore(4.00m, 4)), (r.NationalCode, r.Normalized)));
        var anggaran = Assert.Single(normalization.Results[2].Parts);
        Assert.Equal(
            new ResultPart("/assessments/0/results/2", "ANGGARAN", "B", "JATIM-HURUF", 1, new NormalizedScore(4, 4), MappedBy.Dictionary),
            anggaran);
        var result = normalization.Results[0];
        Assert.Equal((0, "AC-2023-0117", "ASSESSMENT_CENTER", new DateOnly(2023, 5, 10)), (result.AssessmentIndex, result.AssessmentId, result.Method, result.AssessedAt));
        var potential = Assert.Single(normalization.Potentials);
        Assert.Equal(
            new NormalizedPotential(0, "AC-2023-0117", "ASSESSMENT_CENTER", new DateOnly(2023, 5, 10), "78", "JATIM-POTENSI-100", 1, new NormalizedScore(3, 3)),
            potential);
    }

    [Fact]
    public void A_record_without_assessments_has_nothing_to_normalize()
    {
        var normalization = Normalize("{'nip':'198503152010012002','assessments':[],'performance':[]}");

        Assert.Empty(normalization.Results);
        Assert.Empty(normalization.Potentials);
        Assert.Empty(normalization.Ignored);
        AssertClean(normalization);
        AssertClean(Normalize("{'nip':'198503152010012002'}"));
    }

    [Fact]
    public void Results_on_one_national_code_give_the_mean_rounded_half_up_and_list_every_part()
    {
        // 62.5 → 1 + 2.5 = 3.50; 62.25 → 1 + 2.49 = 3.49; mean 3.495 → 3.50 → level 4 (each part alone: 4 and 3).
        var normalization = Normalize(Record(Assessment(
            Result("KERJASAMA", "62.5") + "," + Result("INTEGRITAS", "50") + "," + Result("Kerja  Sama Tim", "62.25"))));

        AssertClean(normalization);
        Assert.Equal(2, normalization.Results.Count);
        var teamwork = normalization.Results[0];
        Assert.Equal("M2", teamwork.NationalCode);
        Assert.Equal(new NormalizedScore(3.50m, 4), teamwork.Normalized);
        Assert.Equal(["/assessments/0/results/0", "/assessments/0/results/2"], teamwork.Parts.Select(p => p.Pointer));
        Assert.Equal([new NormalizedScore(3.50m, 4), new NormalizedScore(3.49m, 3)], teamwork.Parts.Select(p => p.Normalized));
        Assert.Equal(["KERJASAMA", "Kerja  Sama Tim"], teamwork.Parts.Select(p => p.AgencyCompetency));
        Assert.Equal("M1", normalization.Results[1].NationalCode);
    }

    [Fact]
    public void The_mean_of_three_results_is_rounded_once()
    {
        // 70 → 3.80, 71 → 3.84, 72 → 3.88: mean 11.52 / 3 = 3.84 → level 4.
        var normalization = Normalize(Record(Assessment(Result("M2", "70") + "," + Result("TEAMWORK", "71") + "," + Result("kerjasama", "72"))));

        var result = Assert.Single(normalization.Results);
        Assert.Equal(new NormalizedScore(3.84m, 4), result.Normalized);
        Assert.Equal([MappedBy.NationalCode, MappedBy.Dictionary, MappedBy.Dictionary], result.Parts.Select(p => p.MappedBy));
    }

    [Fact]
    public void Results_of_different_assessments_are_never_averaged()
    {
        var normalization = Normalize(Record(Assessment(Result("M2", "100")), Assessment(Result("M2", "0"))));

        Assert.Equal([5.00m, 1.00m], normalization.Results.Select(r => r.Normalized.Score));
        Assert.Equal([0, 1], normalization.Results.Select(r => r.AssessmentIndex));
    }

    [Theory]
    [InlineData("m1", "M1")]
    [InlineData(" sk1 ", "SK1")]
    [InlineData("t.keu.01", "T.KEU.01")]
    public void A_national_code_is_accepted_directly_after_canonical_matching(string competency, string code)
    {
        var result = Assert.Single(Normalize(Record(Assessment(Result(competency, "50")))).Results);

        Assert.Equal(code, result.NationalCode);
        Assert.Equal(MappedBy.NationalCode, Assert.Single(result.Parts).MappedBy);
    }

    [Fact]
    public void An_agency_entry_wins_over_a_national_code_of_the_same_spelling()
    {
        var result = Assert.Single(Normalize(Record(Assessment(Result("m8", "50")))).Results);

        Assert.Equal("M3", result.NationalCode);
        Assert.Equal(MappedBy.Dictionary, Assert.Single(result.Parts).MappedBy);
    }

    [Fact]
    public void Dictionary_names_match_ignoring_case_and_spaces_and_keep_the_name_as_sent()
    {
        var part = Assert.Single(Assert.Single(Normalize(Record(Assessment(Result("  integritas ", "50")))).Results).Parts);

        Assert.Equal("  integritas ", part.AgencyCompetency);
    }

    [Fact]
    public void An_ignored_competency_is_kept_raw_and_never_normalized_even_on_an_unknown_scale()
    {
        var normalization = Normalize(Record(Assessment(Result("Pengadaan Barang/Jasa", "'Z'", "NOWHERE") + "," + Result("INTEGRITAS", "50"))));

        AssertClean(normalization);
        Assert.Equal(
            new IgnoredResult(0, "AC-1", "/assessments/0/results/0", "Pengadaan Barang/Jasa", "Z"),
            Assert.Single(normalization.Ignored));
        Assert.Equal("M1", Assert.Single(normalization.Results).NationalCode);
    }

    [Fact]
    public void An_unmapped_competency_is_pending()
    {
        var normalization = Normalize(Record(Assessment(Result("Wawasan Kebangsaan", "50") + "," + Result("INTEGRITAS", "50"))));

        Assert.True(normalization.IsPending);
        Assert.Equal(new PendingItem(PendingKind.Competency, null, "Wawasan Kebangsaan", "/assessments/0/results/0"), Assert.Single(normalization.Pending));
        Assert.Equal("M1", Assert.Single(normalization.Results).NationalCode);
    }

    [Fact]
    public void An_unknown_scale_is_pending_for_every_result_that_uses_it()
    {
        var normalization = Normalize(Record(Assessment(Result("INTEGRITAS", "50") + "," + Result("KERJASAMA", "60"), scale: "BARU")));

        Assert.True(normalization.IsPending);
        Assert.Equal(
            [new PendingItem(PendingKind.Scale, "BARU", "BARU", "/assessments/0/results/0"), new PendingItem(PendingKind.Scale, "BARU", "BARU", "/assessments/0/results/1")],
            normalization.Pending);
        Assert.Empty(normalization.Results);
    }

    [Fact]
    public void Scale_codes_are_exact()
    {
        var pending = Assert.Single(Normalize(Record(Assessment(Result("INTEGRITAS", "50"), scale: "p100"))).Pending);

        Assert.Equal(PendingKind.Scale, pending.Kind);
    }

    [Fact]
    public void A_scale_whose_versions_all_start_later_is_pending() =>
        Assert.Equal(PendingKind.Scale, Assert.Single(Normalize(Record(Assessment(Result("INTEGRITAS", "50"), scale: "FUTURE"))).Pending).Kind);

    [Fact]
    public void An_unknown_competency_on_an_unknown_scale_waits_on_both() =>
        Assert.Equal(
            [PendingKind.Competency, PendingKind.Scale],
            Normalize(Record(Assessment(Result("BARU", "50"), scale: "BARU"))).Pending.Select(p => p.Kind));

    [Fact]
    public void A_label_missing_from_its_scale_is_pending_with_the_label_as_sent()
    {
        var normalization = Normalize(Record(Assessment(Result("INTEGRITAS", "' f '", "JATIM-HURUF"))));

        Assert.True(normalization.IsPending);
        Assert.Equal(new PendingItem(PendingKind.Label, "JATIM-HURUF", " f ", "/assessments/0/results/0"), Assert.Single(normalization.Pending));
    }

    [Fact]
    public void A_number_outside_its_scale_is_an_error_at_the_score()
    {
        var normalization = Normalize(Record(Assessment(Result("INTEGRITAS", "50") + "," + Result("KERJASAMA", "100.01"))));

        var error = Assert.Single(normalization.Errors);
        Assert.Equal("/assessments/0/results/1/score", error.Pointer);
        Assert.Equal(RecordErrorCodes.ScoreOutOfScale, error.Code);
        Assert.Contains("100.01", error.Message, StringComparison.Ordinal);
        Assert.Contains("0 to 100", error.Message, StringComparison.Ordinal);
        Assert.False(normalization.IsPending);
        Assert.Equal("M1", Assert.Single(normalization.Results).NationalCode);
    }

    [Fact]
    public void An_error_outweighs_pending_items()
    {
        var normalization = Normalize(Record(Assessment(Result("BARU", "-1"))));

        Assert.Single(normalization.Pending);
        Assert.Single(normalization.Errors);
        Assert.False(normalization.IsPending);
    }

    [Fact]
    public void A_number_outside_the_bands_is_an_error_too()
    {
        var error = Assert.Single(Normalize(Record(Assessment(Result("INTEGRITAS", "100.5", "JATIM-POTENSI-100")))).Errors);

        Assert.Equal(RecordErrorCodes.ScoreOutOfScale, error.Code);
    }

    [Fact]
    public void A_plain_decimal_string_reads_on_a_linear_scale_and_keeps_its_raw_text()
    {
        var part = Assert.Single(Assert.Single(Normalize(Record(Assessment(Result("INTEGRITAS", "'62.4'")))).Results).Parts);

        Assert.Equal(("62.4", new NormalizedScore(3.50m, 4)), (part.RawValue, part.Normalized));
    }

    [Fact]
    public void A_label_on_a_linear_scale_is_an_error_not_a_pending_label()
    {
        var normalization = Normalize(Record(Assessment(Result("INTEGRITAS", "'B'"))));

        var error = Assert.Single(normalization.Errors);
        Assert.Equal(("/assessments/0/results/0/score", RecordErrorCodes.ScoreOutOfScale), (error.Pointer, error.Code));
        Assert.Contains("not a number", error.Message, StringComparison.Ordinal);
        Assert.Empty(normalization.Pending);
    }

    [Fact]
    public void A_result_uses_its_own_scale_before_the_assessments()
    {
        var normalization = Normalize(Record(Assessment(Result("INTEGRITAS", "'a'", "JATIM-HURUF") + "," + Result("KERJASAMA", "50"))));

        Assert.Equal([("M1", "JATIM-HURUF"), ("M2", "P100")], normalization.Results.Select(r => (r.NationalCode, r.Parts[0].ScaleCode)));
    }

    [Fact]
    public void A_blank_result_scale_falls_back_to_the_assessments() =>
        Assert.Equal("P100", Assert.Single(Normalize(Record(Assessment(Result("INTEGRITAS", "50", "  ")))).Results).Parts[0].ScaleCode);

    [Fact]
    public void The_assessment_scale_may_come_after_the_results()
    {
        var normalization = Normalize(Record(
            "{'results':[{'score':75,'competency':'INTEGRITAS'}],'potential':{'score':'C','scale':'JATIM-HURUF'},'id':'X','scale':'P100','method':'CACT','assessedAt':'2024-02-03'}"));

        AssertClean(normalization);
        var result = Assert.Single(normalization.Results);
        Assert.Equal(("X", "CACT", new DateOnly(2024, 2, 3), new NormalizedScore(4.00m, 4)), (result.AssessmentId, result.Method, result.AssessedAt, result.Normalized));
        Assert.Equal(new NormalizedScore(3, 3), Assert.Single(normalization.Potentials).Normalized);
    }

    [Theory]
    [InlineData("2023-12-31", 1, "50", "3.00")]
    [InlineData("2024-01-01", 2, "5", "3.00")]
    [InlineData("2024-01-01", 2, "7.5", "4.00")]
    public void The_version_is_chosen_by_the_assessment_date(string assessedAt, int version, string raw, string score)
    {
        var part = Assert.Single(Assert.Single(Normalize(Record(Assessment(Result("INTEGRITAS", raw), "RUBRIC", assessedAt))).Results).Parts);

        Assert.Equal(version, part.ScaleVersion);
        Assert.Equal(decimal.Parse(score, CultureInfo.InvariantCulture), part.Normalized.Score);
    }

    [Fact]
    public void A_value_valid_under_the_old_rubric_is_out_of_scale_under_the_new_one() =>
        Assert.Single(Normalize(Record(Assessment(Result("INTEGRITAS", "50"), "RUBRIC", "2024-06-01"))).Errors);

    [Fact]
    public void The_potential_uses_the_assessment_scale_without_its_own()
    {
        var normalization = Normalize(Record(Assessment(Result("INTEGRITAS", "50"), extra: "'potential':{'score':87.5},")));

        var potential = Assert.Single(normalization.Potentials);
        Assert.Equal(("87.5", "P100", new NormalizedScore(4.50m, 5)), (potential.RawValue, potential.ScaleCode, potential.Normalized));
    }

    [Fact]
    public void The_potential_is_pending_or_in_error_like_a_result()
    {
        var pending = Normalize(Record(Assessment(Result("INTEGRITAS", "50"), extra: "'potential':{'score':'X','scale':'JATIM-HURUF'},")));
        var unknownScale = Normalize(Record(Assessment(Result("INTEGRITAS", "50"), extra: "'potential':{'score':1,'scale':'BARU'},")));
        var error = Normalize(Record(Assessment(Result("INTEGRITAS", "50"), extra: "'potential':{'score':101},")));

        Assert.Equal(new PendingItem(PendingKind.Label, "JATIM-HURUF", "X", "/assessments/0/potential"), Assert.Single(pending.Pending));
        Assert.Equal(new PendingItem(PendingKind.Scale, "BARU", "BARU", "/assessments/0/potential"), Assert.Single(unknownScale.Pending));
        Assert.Equal("/assessments/0/potential/score", Assert.Single(error.Errors).Pointer);
        Assert.All([pending, unknownScale, error], n => Assert.Empty(n.Potentials));
    }

    [Fact]
    public void Pointers_count_assessments_and_results_from_zero()
    {
        var normalization = Normalize(Record(
            Assessment(Result("INTEGRITAS", "50")),
            Assessment(Result("INTEGRITAS", "50") + "," + Result("BARU", "50") + "," + Result("M4", "-3"))));

        Assert.Equal("/assessments/1/results/1", Assert.Single(normalization.Pending).Pointer);
        Assert.Equal("/assessments/1/results/2/score", Assert.Single(normalization.Errors).Pointer);
    }

    [Fact]
    public void Escaped_property_names_and_strings_are_read_as_their_text()
    {
        var normalization = Normalize(Record(
            "{'\\u0069d':'A\\u0031','method':'CACT','scale':'P100','assessedAt':'2024-02-03','results':[{'competency':'INTEGRIT\\u0041S','score':50}]}"));

        var result = Assert.Single(normalization.Results);
        Assert.Equal(("A1", "M1"), (result.AssessmentId, result.NationalCode));
    }

    [Fact]
    public void A_record_that_is_not_an_object_was_not_validated() =>
        Assert.Throws<ArgumentException>(() => Normalize("[]"));
}
