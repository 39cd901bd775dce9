using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.Api.Tests.Submissions;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Analytics;

/// <summary>
/// A hand-built population of two provinces, evaluated on 2026-11-01 (the host's clock), whose 9-box, succession pool,
/// rotation candidates with destinations, competency map and scorecard were worked out by hand from
/// docs/domain/analytics.md:
///
/// | who | agency | level (since) | nine levels | performance 2025/2024 | JPM own level | box |
/// | A1 | PROV-35 | ADMINISTRATOR (2019-01-02) | 3×9 | SB/SB | 100 | 9 |
/// | A2 | PROV-35 | ADMINISTRATOR | 3×8, SK1 2 | B/B | 96.30 | 8 |
/// | A3 | PROV-35 | ADMINISTRATOR | 3×7, two missing | B/B | 77.78 (just below 78) | 2 |
/// | A4 | PROV-35 | ADMINISTRATOR | 3×6, three missing | none | insufficient | UNPLACED both reasons |
/// | A5 | PROV-35 | ADMINISTRATOR | self-assessment 5×9 (never counts) | B/- | insufficient | UNPLACED |
/// | B1 | PROV-33 | ADMINISTRATOR | 3×9 assessed 2023-11-01: stale on its anniversary | SB/- | insufficient | UNPLACED |
/// | B2 | PROV-33 | ADMINISTRATOR | 4×9 | SB only (one year) | 100 | 9 |
/// | B3 | PROV-33 | ADMINISTRATOR (2025-06-01) | 4×9 | SB/SB | 100 | 9 |
/// | B4 | PROV-33 | ADMINISTRATOR (2024-11-01: exactly 2 years) | 4×9 | B/SB (mean 2.5 → 3) | 100 | 9 |
/// | J  | PROV-35 | JPT_PRATAMA (2021-11-01: exactly 5 years) | 4×9, T.KEU.01 4 | B/B | 100 | 8 |
/// | K  | PROV-33 | JPT_PRATAMA (2021-11-02: one day short) | 4×9 | B/B | 100 | 8 |
/// | L  | PROV-33 | JPT_PRATAMA (2021-01-01) | 3×9 | K/K | 75 | 1 |
/// | M  | PROV-33 | JPT_PRATAMA (2023-01-01) | 3×9 | B/B | 75 | 2 |
/// </summary>
public sealed class AnalyticsTests(DatasetFactory factory) : IClassFixture<DatasetFactory>
{
    private static readonly string[] Nine =
        ["INTEGRITAS", "KERJASAMA", "KOMUNIKASI", "ORIENTASI PADA HASIL", "PELAYANAN PUBLIK", "PENGEMBANGAN DIRI", "MENGELOLA PERUBAHAN", "PENGAMBILAN KEPUTUSAN", "PEREKAT BANGSA"];

    internal static string Nip(int seq) => $"198503152010012{seq:D3}";

    internal static JsonObject Person(
        int seq, string province, string level, string since, int?[] levels, (int Year, string Rating)[] performance,
        string method = "ASSESSMENT_CENTER", string assessedAt = "2025-06-01", bool anggaran = false)
    {
        var record = ValidRecord(seq);
        record["nik"] = $"357801550385{seq:D4}";
        record["name"] = "Siti " + (char)('A' + seq) + "minah";
        record["position"] = new JsonObject
        {
            ["title"] = "Jabatan " + level, ["level"] = level, ["unit"] = "Unit " + seq, ["province"] = province, ["since"] = since,
        };
        record["positionHistory"] = new JsonArray(new JsonObject { ["title"] = "Kepala Seksi", ["level"] = "PENGAWAS", ["unit"] = "Unit", ["from"] = "2014-07-01", ["to"] = "2019-01-01" });
        var results = new JsonArray();
        for (var i = 0; i < Nine.Length; i++)
        {
            if (levels[i] is { } score)
            {
                results.Add(new JsonObject { ["competency"] = Nine[i], ["score"] = score });
            }
        }

        if (anggaran)
        {
            results.Add(new JsonObject { ["competency"] = "ANGGARAN", ["score"] = "B", ["scale"] = "JATIM-HURUF" });
        }

        record["assessments"] = new JsonArray(new JsonObject
        {
            ["id"] = $"AC-{seq}", ["method"] = method, ["scale"] = "JATIM-AC5", ["assessedAt"] = assessedAt, ["assessor"] = "UPT", ["results"] = results,
        });
        record["performance"] = new JsonArray([.. performance.Select(p => (JsonNode)new JsonObject { ["year"] = p.Year, ["rating"] = p.Rating })]);
        return record;
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

    private static readonly (int, string)[] SbSb = [(2025, "SANGAT_BAIK"), (2024, "SANGAT_BAIK")];
    private static readonly (int, string)[] BB = [(2025, "BAIK"), (2024, "BAIK")];

    // xunit makes an instance per test; the population is loaded once per host.
    private static readonly ConcurrentDictionary<DatasetFactory, Task> Loads = new();

    private Task LoadAsync() => Loads.GetOrAdd(factory, LoadPopulationAsync);

    private static async Task LoadPopulationAsync(DatasetFactory factory)
    {
        using var admin = await factory.AdminClientAsync();
        foreach (var (code, province) in new[] { ("PROV-35", "35"), ("PROV-33", "33") })
        {
            (await admin.PutAsJsonAsync($"/api/v1/admin/agencies/{code}", new { name = "Pemerintah Provinsi " + province, kind = "PROVINCE", provinceCode = province })).EnsureSuccessStatusCode();
            await RegisterValidRecordMappingsAsync(factory, code);
        }

        JsonNode[] prov35 =
        [
            Person(1, "35", "ADMINISTRATOR", "2019-01-02", Levels(3), SbSb),
            Person(2, "35", "ADMINISTRATOR", "2019-01-02", Levels(3, last: 2), BB),
            Person(3, "35", "ADMINISTRATOR", "2019-01-02", Levels(3, count: 7), BB),
            Person(4, "35", "ADMINISTRATOR", "2019-01-02", Levels(3, count: 6), []),
            Person(5, "35", "ADMINISTRATOR", "2019-01-02", Levels(5), [(2025, "BAIK")], method: "SELF_ASSESSMENT"),
            Person(10, "35", "JPT_PRATAMA", "2021-11-01", Levels(4), BB, anggaran: true),
        ];
        JsonNode[] prov33 =
        [
            Person(6, "33", "ADMINISTRATOR", "2019-01-02", Levels(3), [(2025, "SANGAT_BAIK")], assessedAt: "2023-11-01"),
            Person(7, "33", "ADMINISTRATOR", "2019-01-02", Levels(4), [(2025, "SANGAT_BAIK")]),
            Person(8, "33", "ADMINISTRATOR", "2025-06-01", Levels(4), SbSb),
            Person(9, "33", "ADMINISTRATOR", "2024-11-01", Levels(4), [(2025, "BAIK"), (2024, "SANGAT_BAIK")]),
            Person(11, "33", "JPT_PRATAMA", "2021-11-02", Levels(4), BB),
            Person(12, "33", "JPT_PRATAMA", "2021-01-01", Levels(3), [(2025, "KURANG"), (2024, "KURANG")]),
            Person(13, "33", "JPT_PRATAMA", "2023-01-01", Levels(3), BB),
        ];
        foreach (var (agency, people) in new[] { ("PROV-35", prov35), ("PROV-33", prov33) })
        {
            using var client = await factory.ClientWithScopesAsync(agency, "submissions.write");
            var done = await SubmitAndWaitAsync(client, Ndjson(people));
            Assert.Equal("COMPLETED", done.GetProperty("status").GetString());
        }
    }

    [Fact]
    public async Task The_nine_box_counts_every_active_person_once_with_unplaced_reasons_and_agency_scoping()
    {
        await LoadAsync();
        using var national = await factory.ClientWithScopesAsync(null, "analytics.read", "profiles.read");

        var all = await (await national.GetAsync("/api/v1/analytics/nine-box")).JsonAsync();

        Assert.Equal(13, all.GetProperty("activePeople").GetInt64());
        var boxes = all.GetProperty("boxes").EnumerateArray().ToDictionary(b => b.GetProperty("box").GetInt32(), b => b.GetProperty("people").GetInt64());
        Assert.Equal(new Dictionary<int, long> { [1] = 1, [2] = 2, [3] = 0, [4] = 0, [5] = 0, [6] = 0, [7] = 0, [8] = 3, [9] = 4 }, boxes);
        var unplaced = all.GetProperty("unplaced");
        Assert.Equal(3, unplaced.GetProperty("people").GetInt64());
        Assert.Equal(3, unplaced.GetProperty("byReason").GetProperty("INSUFFICIENT_JPM").GetInt64());
        Assert.Equal(1, unplaced.GetProperty("byReason").GetProperty("NO_PERFORMANCE").GetInt64());
        Assert.StartsWith("promote and retain", all.GetProperty("boxes")[8].GetProperty("recommendation").GetString(), StringComparison.OrdinalIgnoreCase);

        // The members link lists exactly the box's people.
        var nineMembers = await (await national.GetAsync(all.GetProperty("boxes")[8].GetProperty("members").GetString())).JsonAsync();
        Assert.Equal([Nip(1), Nip(7), Nip(8), Nip(9)], nineMembers.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("nip").GetString()));

        using var agency = await factory.ClientWithScopesAsync("PROV-35", "analytics.read");
        var own = await (await agency.GetAsync("/api/v1/analytics/nine-box")).JsonAsync();
        Assert.Equal(6, own.GetProperty("activePeople").GetInt64());
        Assert.Equal("PROV-35", own.GetProperty("agencyCode").GetString());
        Assert.Equal(2, own.GetProperty("unplaced").GetProperty("people").GetInt64());
        var byLevel = await (await national.GetAsync("/api/v1/analytics/nine-box?positionLevel=JPT_PRATAMA&province=33")).JsonAsync();
        Assert.Equal(3, byLevel.GetProperty("activePeople").GetInt64());

        using var other = await agency.GetAsync("/api/v1/analytics/nine-box?agencyCode=PROV-33");
        await other.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var bad = await national.GetAsync("/api/v1/analytics/nine-box?positionLevel=CAPTAIN");
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_succession_pool_keeps_only_qualified_feeders_in_rank_order_with_gaps_against_the_target()
    {
        await LoadAsync();
        using var national = await factory.ClientWithScopesAsync(null, "analytics.read");

        var pool = await (await national.GetAsync("/api/v1/analytics/succession-pools?targetLevel=JPT_PRATAMA")).JsonAsync();

        var members = pool.GetProperty("items").EnumerateArray().ToList();
        // B4 (box 9, JPM 100), A1 (box 9, JPM 75), A2 (box 8, JPM 72.22). Not B2 (one performance year), not B3 (17 months at level).
        Assert.Equal([Nip(9), Nip(1), Nip(2)], members.Select(m => m.GetProperty("nip").GetString()));
        Assert.Equal([100m, 75m, 72.22m], members.Select(m => m.GetProperty("jpmAgainstTarget").GetProperty("value").GetDecimal()));
        Assert.Equal(-1, members[1].GetProperty("jpmAgainstTarget").GetProperty("gaps").GetProperty("M1").GetInt32());
        Assert.Equal(-2, members[2].GetProperty("jpmAgainstTarget").GetProperty("gaps").GetProperty("SK1").GetInt32());
        Assert.Equal(2, members[0].GetProperty("yearsAtLevel").GetInt32());
        Assert.Equal("2024-11-01", members[0].GetProperty("levelSince").GetString());
        Assert.Equal(["ADMINISTRATOR", "FUNGSIONAL_AHLI_MADYA"], pool.GetProperty("feederLevels").EnumerateArray().Select(l => l.GetString()));

        // Keyset paging walks the same order.
        var first = await (await national.GetAsync("/api/v1/analytics/succession-pools?targetLevel=JPT_PRATAMA&limit=2")).JsonAsync();
        var second = await (await national.GetAsync($"/api/v1/analytics/succession-pools?targetLevel=JPT_PRATAMA&limit=2&cursor={first.GetProperty("nextCursor").GetString()}")).JsonAsync();
        Assert.Equal([Nip(2)], second.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("nip").GetString()));
        Assert.Equal(3, second.GetProperty("items")[0].GetProperty("rank").GetInt32());

        // A cursor of the right list whose key does not parse is a 400, never a 500.
        var forged = System.Buffers.Text.Base64Url.EncodeToString("{\"List\":\"succession-pool\",\"Key\":[\"x\",\"1\",\"1\",\"1\"]}"u8);
        using var bad = await national.GetAsync($"/api/v1/analytics/succession-pools?targetLevel=JPT_PRATAMA&cursor={forged}");
        await bad.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Rotation_candidates_are_due_or_eligible_on_the_day_with_destinations_never_in_their_own_agency()
    {
        await LoadAsync();
        using var prov33 = await factory.ClientWithScopesAsync("PROV-33", "submissions.write");
        using var prov35 = await factory.ClientWithScopesAsync("PROV-35", "submissions.write");
        var v33 = await (await prov33.PostAsJsonAsync("/api/v1/vacancies", new { positionLevel = "JPT_PRATAMA", title = "Kepala Dinas Keuangan", provinceCode = "33", requiredTechnical = new Dictionary<string, int> { ["T.KEU.01"] = 4 } })).JsonAsync(HttpStatusCode.Created);
        var v35 = await (await prov35.PostAsJsonAsync("/api/v1/vacancies", new { positionLevel = "JPT_PRATAMA", title = "Kepala Badan Aset", provinceCode = "35", requiredTechnical = new Dictionary<string, int> { ["T.KEU.02"] = 3 } })).JsonAsync(HttpStatusCode.Created);
        using var national = await factory.ClientWithScopesAsync(null, "analytics.read", "submissions.write");
        // BKN lists every agency's vacancies, keyset-paged; an agency only its own.
        var firstPage = await (await national.GetAsync("/api/v1/vacancies?limit=1")).JsonAsync();
        var secondPage = await (await national.GetAsync($"/api/v1/vacancies?limit=1&cursor={firstPage.GetProperty("nextCursor").GetString()}")).JsonAsync();
        Assert.Equal(
            new[] { v33.GetProperty("id").GetString(), v35.GetProperty("id").GetString() }.Order(),
            new[] { firstPage.GetProperty("items")[0].GetProperty("id").GetString(), secondPage.GetProperty("items")[0].GetProperty("id").GetString() }.Order());
        Assert.Equal(JsonValueKind.Null, secondPage.GetProperty("nextCursor").ValueKind);
        var own35 = await (await prov35.GetAsync("/api/v1/vacancies")).JsonAsync();
        Assert.Equal([v35.GetProperty("id").GetString()], own35.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()));

        var today = await (await national.GetAsync("/api/v1/analytics/rotation-candidates?level=JPT_PRATAMA")).JsonAsync();

        var candidates = today.GetProperty("items").EnumerateArray().ToDictionary(c => c.GetProperty("nip").GetString()!);
        Assert.Equal([Nip(10), Nip(11), Nip(12)], candidates.Keys);
        Assert.Equal("DUE", candidates[Nip(10)].GetProperty("status").GetString());
        Assert.Equal(5, candidates[Nip(10)].GetProperty("tenureYears").GetInt32());
        Assert.Equal("ELIGIBLE", candidates[Nip(11)].GetProperty("status").GetString());
        Assert.Equal("DUE", candidates[Nip(12)].GetProperty("status").GetString());
        // J: the PROV-33 vacancy (meets T.KEU.01 at 4) before L's position, both fit 1 in another province; never PROV-35's own vacancy.
        Assert.Equal(
            [("VACANCY", "PROV-33"), ("DUE_HOLDER_POSITION", "PROV-33")],
            candidates[Nip(10)].GetProperty("destinations").EnumerateArray().Select(d => (d.GetProperty("kind").GetString(), d.GetProperty("agencyCode").GetString())));
        Assert.Equal(v33.GetProperty("id").GetString(), candidates[Nip(10)].GetProperty("destinations")[0].GetProperty("vacancyId").GetString());
        Assert.Equal(Nip(12), candidates[Nip(10)].GetProperty("destinations")[1].GetProperty("holderNip").GetString());
        Assert.Equal("Unit 12", candidates[Nip(10)].GetProperty("destinations")[1].GetProperty("unit").GetString());
        // K: J's position (fit 1) before the PROV-35 vacancy it does not fit (T.KEU.02 missing: fit 0).
        var kDestinations = candidates[Nip(11)].GetProperty("destinations").EnumerateArray().ToList();
        Assert.Equal(["DUE_HOLDER_POSITION", "VACANCY"], kDestinations.Select(d => d.GetProperty("kind").GetString()));
        Assert.Equal([1m, 0m], kDestinations.Select(d => d.GetProperty("fitShare").GetDecimal()));
        Assert.Equal(v35.GetProperty("id").GetString(), kDestinations[1].GetProperty("vacancyId").GetString());

        // One day earlier J is one day short of five years: ELIGIBLE, and no longer anyone's destination.
        var dayBefore = await (await national.GetAsync("/api/v1/analytics/rotation-candidates?level=JPT_PRATAMA&asOf=2026-10-31")).JsonAsync();
        var before = dayBefore.GetProperty("items").EnumerateArray().ToDictionary(c => c.GetProperty("nip").GetString()!);
        Assert.Equal("ELIGIBLE", before[Nip(10)].GetProperty("status").GetString());
        Assert.DoesNotContain(before[Nip(11)].GetProperty("destinations").EnumerateArray(), d => d.GetProperty("kind").GetString() == "DUE_HOLDER_POSITION");

        // An agency client sees its own candidates, and other agencies' DUE positions without the holder's NIP.
        using var agency = await factory.ClientWithScopesAsync("PROV-35", "analytics.read");
        var own = await (await agency.GetAsync("/api/v1/analytics/rotation-candidates")).JsonAsync();
        var only = Assert.Single(own.GetProperty("items").EnumerateArray());
        Assert.Equal(Nip(10), only.GetProperty("nip").GetString());
        Assert.Equal(JsonValueKind.Null, only.GetProperty("destinations")[1].GetProperty("holderNip").ValueKind);

        // Closing a vacancy takes it out of the destinations.
        using (var close = await prov33.DeleteAsync($"/api/v1/vacancies/{v33.GetProperty("id").GetString()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, close.StatusCode);
        }

        using (var notOwn = await prov35.DeleteAsync($"/api/v1/vacancies/{v33.GetProperty("id").GetString()}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, notOwn.StatusCode);
        }

        var afterClose = await (await national.GetAsync("/api/v1/analytics/rotation-candidates?level=JPT_PRATAMA")).JsonAsync();
        var j = afterClose.GetProperty("items").EnumerateArray().Single(c => c.GetProperty("nip").GetString() == Nip(10));
        Assert.Equal(["DUE_HOLDER_POSITION"], j.GetProperty("destinations").EnumerateArray().Select(d => d.GetProperty("kind").GetString()));
        (await prov35.DeleteAsync($"/api/v1/vacancies/{v35.GetProperty("id").GetString()}")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task The_competency_map_counts_current_non_stale_levels_against_each_persons_own_standard()
    {
        await LoadAsync();
        using var national = await factory.ClientWithScopesAsync(null, "analytics.read");

        var map = await (await national.GetAsync("/api/v1/analytics/competency-map?groupBy=POSITION_LEVEL&competency=M1")).JsonAsync();

        var groups = map.GetProperty("groups").EnumerateArray().ToDictionary(g => g.GetProperty("group").GetString()!, g => g.GetProperty("competencies")[0]);
        // ADMINISTRATOR: A1–A4 at 3, B2–B4 at 4 (A5's self-assessment and B1's stale levels do not count); standard 3.
        var administrator = groups["ADMINISTRATOR"];
        Assert.Equal(7, administrator.GetProperty("assessed").GetInt64());
        Assert.Equal([0L, 0L, 4L, 3L, 0L], administrator.GetProperty("distribution").EnumerateArray().Select(d => d.GetInt64()));
        Assert.Equal(3.43m, administrator.GetProperty("meanLevel").GetDecimal());
        Assert.Equal(1m, administrator.GetProperty("shareMeetingStandard").GetDecimal());
        Assert.Equal(0.43m, administrator.GetProperty("meanGap").GetDecimal());
        // JPT_PRATAMA: J, K at 4, L, M at 3; standard 4.
        var jpt = groups["JPT_PRATAMA"];
        Assert.Equal(4, jpt.GetProperty("assessed").GetInt64());
        Assert.Equal(0.5m, jpt.GetProperty("shareMeetingStandard").GetDecimal());
        Assert.Equal(-0.5m, jpt.GetProperty("meanGap").GetDecimal());
        var ranking = Assert.Single(map.GetProperty("nationalRanking").EnumerateArray());
        Assert.Equal(11, ranking.GetProperty("assessed").GetInt64());
        Assert.Equal(0.09m, ranking.GetProperty("meanGap").GetDecimal());

        // Weakest first across all competencies: SK1 (A2 at 2) is weaker than M1.
        var whole = await (await national.GetAsync("/api/v1/analytics/competency-map?groupBy=AGENCY")).JsonAsync();
        var order = whole.GetProperty("nationalRanking").EnumerateArray().Select(r => r.GetProperty("competency").GetString()).ToList();
        Assert.True(order.IndexOf("SK1") < order.IndexOf("M1"), string.Join(",", order));
        Assert.Equal(["PROV-33", "PROV-35"], whole.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("group").GetString()));
    }

    [Fact]
    public async Task The_scorecard_agrees_with_the_submission_counts_and_the_profiles()
    {
        await LoadAsync();
        using var agency = await factory.ClientWithScopesAsync("PROV-35", "analytics.read");

        var page = await (await agency.GetAsync("/api/v1/analytics/data-quality")).JsonAsync();

        var card = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("PROV-35", card.GetProperty("agencyCode").GetString());
        Assert.Equal(6, card.GetProperty("recordsReceived").GetInt64());
        Assert.Equal(1m, card.GetProperty("shareAccepted").GetDecimal());
        Assert.Equal(6, card.GetProperty("activePeople").GetInt64());
        // A1, A2 and J have all nine current levels and two rated years.
        Assert.Equal(0.5m, card.GetProperty("completeness").GetDecimal());
        Assert.Equal(0, card.GetProperty("unmappedItems").GetInt64());
        Assert.Empty(card.GetProperty("calibration").EnumerateArray());
    }
}

/// <summary>
/// The JPM thresholds are configuration: a JPM of exactly the configured OPTIMAL threshold is OPTIMAL, a hundredth
/// below is not, and changing them re-derives the stored box (JPT_MADYA, levels 5×4 and 4×5: JPM 40/45 = 88.89).
/// </summary>
public sealed class ConfiguredThresholdTests(DatasetFactory factory) : IClassFixture<DatasetFactory>
{
    [Fact]
    public async Task A_jpm_on_the_configured_threshold_is_optimal_and_a_hundredth_below_is_not()
    {
        using var admin = await factory.AdminClientAsync();
        (await admin.PutAsJsonAsync("/api/v1/admin/agencies/PROV-35", new { name = "Pemerintah Provinsi Jawa Timur", kind = "PROVINCE", provinceCode = "35" })).EnsureSuccessStatusCode();
        await RegisterValidRecordMappingsAsync(factory, "PROV-35");
        using var agency = await factory.ClientWithScopesAsync("PROV-35", "submissions.write", "profiles.read");
        var person = AnalyticsTests.Person(20, "35", "JPT_MADYA", "2020-01-01", [5, 5, 5, 5, 4, 4, 4, 4, 4], [(2025, "BAIK"), (2024, "BAIK")]);
        Assert.Equal("COMPLETED", (await SubmitAndWaitAsync(agency, Ndjson([person]))).GetProperty("status").GetString());
        Assert.Equal(5, await BoxAsync(agency));

        await RederiveAsync(admin, new { optimal = 88.89m, cukupOptimal = 70m });
        Assert.Equal(8, await BoxAsync(agency));

        await RederiveAsync(admin, new { optimal = 88.90m, cukupOptimal = 70m });
        Assert.Equal(5, await BoxAsync(agency));

        using var invalid = await admin.PutAsJsonAsync("/api/v1/admin/standard/thresholds", new { optimal = 70m, cukupOptimal = 80m });
        await invalid.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private async Task<int> BoxAsync(HttpClient agency) =>
        (await (await agency.GetAsync($"/api/v1/profiles/{AnalyticsTests.Nip(20)}")).JsonAsync()).GetProperty("nineBox").GetProperty("box").GetInt32();

    private static async Task RederiveAsync(HttpClient admin, object thresholds)
    {
        using var response = await admin.PutAsJsonAsync("/api/v1/admin/standard/thresholds", thresholds);
        var rebuild = await response.JsonAsync(HttpStatusCode.Accepted);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await (await admin.GetAsync(response.Headers.Location)).JsonAsync()).GetProperty("status").GetString() != "COMPLETED")
        {
            Assert.True(DateTime.UtcNow < deadline, $"rebuild {rebuild} did not complete");
            await Task.Delay(100);
        }
    }
}
