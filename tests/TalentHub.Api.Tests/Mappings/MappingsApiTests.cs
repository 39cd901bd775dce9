using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TalentHub.Api.Tests.Infrastructure;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Mappings;

[Collection(ApiCollection.Name)]
public sealed class MappingsApiTests(TalentHubFactory factory)
{
    private Task<HttpClient> AgencyAsync(string agency) => factory.ClientWithScopesAsync(agency, "submissions.write", "mappings.write", "profiles.read");

    [Fact]
    public async Task A_scale_is_versioned_read_back_with_an_etag_and_a_stale_If_Match_is_412()
    {
        using var client = await AgencyAsync("PROV-11");

        using var created = await client.PutAsJsonAsync("/api/v1/agencies/PROV-11/scales/ACEH-100", new { kind = "LINEAR", min = 0, max = 100 });
        var first = await created.JsonAsync(HttpStatusCode.Created);
        Assert.Equal(1, first.GetProperty("currentVersion").GetInt32());
        var etag = created.Headers.ETag!;

        using var same = await client.PutAsJsonAsync("/api/v1/agencies/PROV-11/scales/ACEH-100", new { kind = "LINEAR", min = 0, max = 100 });
        Assert.Equal(1, (await same.JsonAsync()).GetProperty("currentVersion").GetInt32());

        using var rubric = new HttpRequestMessage(HttpMethod.Put, "/api/v1/agencies/PROV-11/scales/ACEH-100")
        {
            Content = JsonContent.Create(new { kind = "LINEAR", min = 0, max = 50, appliesFrom = "2026-01-01" }),
        };
        rubric.Headers.IfMatch.Add(etag);
        var second = await (await client.SendAsync(rubric)).JsonAsync();
        Assert.Equal(2, second.GetProperty("currentVersion").GetInt32());
        Assert.Equal("2026-01-01", second.GetProperty("versions")[1].GetProperty("appliesFrom").GetString());

        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/agencies/PROV-11/scales/ACEH-100")
        {
            Content = JsonContent.Create(new { kind = "LINEAR", min = 0, max = 10 }),
        };
        stale.Headers.IfMatch.Add(etag);
        await (await client.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var read = await (await client.GetAsync("/api/v1/agencies/PROV-11/scales/ACEH-100")).JsonAsync();
        Assert.Equal(2, read.GetProperty("versions").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"kind":"LINEAR","min":100,"max":0}""")]
    [InlineData("""{"kind":"BANDS","bands":[{"from":0,"to":50,"level":1},{"from":60,"to":100,"level":2}]}""")]
    [InlineData("""{"kind":"LABELS","labels":{"A":6}}""")]
    [InlineData("""{"kind":"CURVE"}""")]
    public async Task Invalid_scales_are_validation_problems(string body)
    {
        using var client = await AgencyAsync("PROV-11");

        using var response = await client.PutAsync("/api/v1/agencies/PROV-11/scales/BAD", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_agencys_mappings_are_404_and_reading_needs_a_token_with_a_mappings_or_profiles_scope()
    {
        using var owner = await AgencyAsync("PROV-12");
        using var other = await AgencyAsync("PROV-13");
        (await owner.PutAsJsonAsync("/api/v1/agencies/PROV-12/scales/SUMUT-5", new { kind = "LINEAR", min = 1, max = 5 })).EnsureSuccessStatusCode();

        await (await other.GetAsync("/api/v1/agencies/PROV-12/scales/SUMUT-5")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync("/api/v1/agencies/PROV-12/dictionary")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync("/api/v1/agencies/PROV-12/unmapped")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PutAsJsonAsync("/api/v1/agencies/PROV-12/scales/SUMUT-5", new { kind = "LINEAR", min = 1, max = 9 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostAsJsonAsync("/api/v1/agencies/PROV-12/dictionary/entries", new { agencyCompetency = "X", nationalCode = "M1" })).AssertProblemAsync(HttpStatusCode.NotFound);

        using var analyst = await factory.ClientWithScopesAsync("PROV-12", "analytics.read");
        await (await analyst.GetAsync("/api/v1/agencies/PROV-12/scales")).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_unmapped_name_holds_the_record_until_a_dictionary_entry_maps_it_without_resubmission()
    {
        using var client = await AgencyAsync("PROV-14");
        (await client.PutAsJsonAsync("/api/v1/agencies/PROV-14/scales/JATIM-AC5", new { kind = "LINEAR", min = 1, max = 5 })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/api/v1/agencies/PROV-14/scales/JATIM-HURUF", new { kind = "LABELS", labels = new { A = 5, B = 4, C = 3 } })).EnsureSuccessStatusCode();
        (await client.PutAsJsonAsync("/api/v1/agencies/PROV-14/scales/JATIM-POTENSI-100", new { kind = "LINEAR", min = 0, max = 100 })).EnsureSuccessStatusCode();

        // ValidRecord's results: INTEGRITAS and KERJASAMA are national aliases; "ANGGARAN" is this agency's own name.
        var done = await SubmitAndWaitAsync(client, Ndjson([ValidRecord(400), ValidRecord(401)]));
        Assert.Equal(2, done.GetProperty("pendingMapping").GetInt32());
        Assert.Equal(0, done.GetProperty("accepted").GetInt32());

        var unmapped = await (await client.GetAsync("/api/v1/agencies/PROV-14/unmapped")).JsonAsync();
        var item = Assert.Single(unmapped.GetProperty("items").EnumerateArray());
        Assert.Equal("COMPETENCY", item.GetProperty("kind").GetString());
        Assert.Equal("ANGGARAN", item.GetProperty("value").GetString());
        Assert.Equal(2, item.GetProperty("results").GetInt32());
        Assert.Equal(2, item.GetProperty("records").GetInt32());

        using var mapped = await client.PostAsJsonAsync("/api/v1/agencies/PROV-14/dictionary/entries", new { agencyCompetency = " anggaran ", nationalCode = "T.KEU.01" });
        mapped.EnsureSuccessStatusCode();
        var run = await WaitForRenormalizationAsync(client, mapped);
        Assert.Equal(2, run.GetProperty("accepted").GetInt32());

        var after = await (await client.GetAsync($"/api/v1/submissions/{done.GetProperty("id").GetString()}")).JsonAsync();
        Assert.Equal(2, after.GetProperty("accepted").GetInt32());
        Assert.Equal(0, after.GetProperty("pendingMapping").GetInt32());
        Assert.Equal("COMPLETED", after.GetProperty("status").GetString());
        Assert.Empty((await (await client.GetAsync("/api/v1/agencies/PROV-14/unmapped")).JsonAsync()).GetProperty("items").EnumerateArray());

        var dictionary = await (await client.GetAsync("/api/v1/agencies/PROV-14/dictionary")).JsonAsync();
        Assert.Contains(dictionary.GetProperty("entries").EnumerateArray(), e => e.GetProperty("agencyCompetency").GetString() == "anggaran" && e.GetProperty("nationalCode").GetString() == "T.KEU.01");
    }

    [Fact]
    public async Task Dictionary_entries_name_national_codes_or_IGNORE_and_are_unique_ignoring_case_and_spaces()
    {
        using var client = await AgencyAsync("PROV-15");

        using var invalid = await client.PutAsJsonAsync("/api/v1/agencies/PROV-15/dictionary", new
        {
            entries = new object[]
            {
                new { agencyCompetency = "Kerja  Sama Tim", nationalCode = "M2" },
                new { agencyCompetency = "kerja sama tim", nationalCode = "M3" },
                new { agencyCompetency = "Astrologi", nationalCode = "Z9" },
            },
        });
        var errors = (await invalid.AssertProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("entries[1].agencyCompetency", out _));
        Assert.True(errors.TryGetProperty("entries[2].nationalCode", out _));

        using var valid = await client.PutAsJsonAsync("/api/v1/agencies/PROV-15/dictionary", new
        {
            entries = new object[] { new { agencyCompetency = "Pengadaan Barang/Jasa", nationalCode = "T.PBJ.01" }, new { agencyCompetency = "Tari Daerah", nationalCode = "IGNORE" } },
        });
        Assert.Equal(2, (await valid.JsonAsync()).GetProperty("entries").GetArrayLength());

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/api/v1/agencies/PROV-15/dictionary/entries?agencyCompetency=" + Uri.EscapeDataString("pengadaan barang/jasa"))).StatusCode);
        var left = await (await client.GetAsync("/api/v1/agencies/PROV-15/dictionary")).JsonAsync();
        Assert.Equal("Tari Daerah", Assert.Single(left.GetProperty("entries").EnumerateArray()).GetProperty("agencyCompetency").GetString());
    }

    [Fact]
    public async Task A_scale_correction_that_puts_an_accepted_score_out_of_range_rejects_the_record_with_the_reason()
    {
        await RegisterValidRecordMappingsAsync(factory, "PROV-16");
        using var client = await AgencyAsync("PROV-16");
        var done = await SubmitAndWaitAsync(client, Ndjson([ValidRecord(410)]));
        Assert.Equal(1, done.GetProperty("accepted").GetInt32());

        // ValidRecord scores INTEGRITAS 4 on JATIM-AC5: a correction to 1–3 leaves it outside the scale.
        using var correction = await client.PutAsJsonAsync("/api/v1/agencies/PROV-16/scales/JATIM-AC5", new { kind = "LINEAR", min = 1, max = 3 });
        correction.EnsureSuccessStatusCode();
        await WaitForRenormalizationAsync(client, correction);

        var id = done.GetProperty("id").GetString()!;
        var after = await (await client.GetAsync($"/api/v1/submissions/{id}")).JsonAsync();
        Assert.Equal(1, after.GetProperty("rejected").GetInt32());
        Assert.Equal("COMPLETED_WITH_ERRORS", after.GetProperty("status").GetString());
        var error = Assert.Single(await AllErrorsAsync(client, id));
        Assert.Equal("score_out_of_scale", error.GetProperty("code").GetString());
        Assert.Equal("/assessments/0/results/0/score", error.GetProperty("pointer").GetString());
        Assert.Equal(0, error.GetProperty("recordIndex").GetInt32());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
    }

    public static async Task<JsonElement> WaitForRenormalizationAsync(HttpClient client, HttpResponseMessage change)
    {
        var link = change.Headers.GetValues("Link").Single();
        var url = link[(link.IndexOf('<', StringComparison.Ordinal) + 1)..link.IndexOf('>', StringComparison.Ordinal)];
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var run = await (await client.GetAsync(url)).JsonAsync();
            if (run.GetProperty("status").GetString() is "COMPLETED" or "FAILED")
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"re-normalization did not finish: {run}");
            await Task.Delay(100);
        }
    }
}
