using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using TalentHub.Api.Tests.Infrastructure;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Stewardship;

/// <summary>
/// The steward's loop through HTTP, real PostgreSQL and real jobs: conflicts resolved (and reopened by the chosen
/// source), duplicates linked or kept apart, merges undone, every decision audited and honoured by a rebuild.
/// People here use NIPs 198503152010012 9xx, their own NIKs and names, and agencies PROV-31 and PROV-32.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class StewardshipTests(TalentHubFactory factory)
{
    private const string Jakarta = "PROV-31";
    private const string Jabar = "PROV-32";

    private static string Nip(int sequence) => $"198503152010012{sequence:D3}";

    /// <summary>A NIK that agrees with the NIP's birth date and sex (15 March 1985, F), unique per number.</summary>
    private static string Nik(int number) => $"357801550385{number:D4}";

    private static JsonObject Person(int sequence, string name, int nik)
    {
        var record = ValidRecord(sequence);
        record["name"] = name;
        record["nik"] = Nik(nik);
        return record;
    }

    /// <summary>The same person as reported by a second agency: ACTIVE there since 2025, with other identity and performance.</summary>
    private static JsonObject ReportedByJabar(int sequence, string name, int nik)
    {
        var record = Person(sequence, name, nik);
        record["birthPlace"] = "Bandung";
        record["position"]!["province"] = "32";
        record["position"]!["since"] = "2025-02-01";
        record["positionHistory"] = new JsonArray();
        record["performance"] = JsonNode.Parse("""[ { "year": 2024, "rating": "BAIK" } ]""");
        record["sourceUpdatedAt"] = "2025-03-01T08:00:00+07:00";
        return record;
    }

    private async Task<(HttpClient Jakarta, HttpClient Jabar)> AgenciesAsync()
    {
        await RegisterValidRecordMappingsAsync(factory, Jakarta);
        await RegisterValidRecordMappingsAsync(factory, Jabar);
        return (await factory.ClientWithScopesAsync(Jakarta, "submissions.write"), await factory.ClientWithScopesAsync(Jabar, "submissions.write"));
    }

    private Task<HttpClient> StewardAsync(bool pii = false) =>
        pii ? factory.ClientWithScopesAsync(null, "stewardship", "profiles.read", "pii") : factory.ClientWithScopesAsync(null, "stewardship", "profiles.read");

    private static async Task<List<JsonElement>> ConflictsAsync(HttpClient steward, string nip, string status = "OPEN") =>
        [.. (await (await steward.GetAsync($"/api/v1/conflicts?nip={nip}&status={status}")).JsonAsync()).GetProperty("items").EnumerateArray()];

    private static async Task<(JsonElement Conflict, string ETag)> ConflictAsync(HttpClient steward, string nip, string kind, string? field = null)
    {
        var listed = (await ConflictsAsync(steward, nip)).Single(c => c.GetProperty("kind").GetString() == kind && (field is null || c.GetProperty("field").GetString() == field));
        using var single = await steward.GetAsync($"/api/v1/conflicts/{listed.GetProperty("id").GetString()}");
        var etag = single.Headers.ETag!.ToString();
        return (await single.JsonAsync(), etag);
    }

    private static async Task<HttpResponseMessage> ResolveAsync(HttpClient steward, JsonElement conflict, string etag, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/conflicts/{conflict.GetProperty("id").GetString()}/resolution") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await steward.SendAsync(request);
    }

    private static async Task<JsonElement> ProfileAsync(HttpClient client, string nip) => await (await client.GetAsync($"/api/v1/profiles/{nip}")).JsonAsync();

    private async Task RebuildAsync()
    {
        using var admin = await factory.AdminClientAsync();
        using var started = await admin.PostAsync("/api/v1/admin/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        JsonElement rebuild;
        do
        {
            await Task.Delay(100);
            rebuild = await (await admin.GetAsync(started.Headers.Location)).JsonAsync();
        }
        while (rebuild.GetProperty("status").GetString() != "COMPLETED" && DateTime.UtcNow < deadline);

        Assert.Equal("COMPLETED", rebuild.GetProperty("status").GetString());
    }

    [Fact]
    public Task Every_conflict_kind_is_resolved_by_choosing_an_agency_and_the_profile_follows_the_choice() => ResolveEveryKindAsync(Scenario.First);

    private async Task ResolveEveryKindAsync(Scenario scenario)
    {
        var (jakarta, jabar) = await AgenciesAsync();
        var sequence = scenario.Sequence(901);
        var nip = Nip(sequence);
        await SubmitAndWaitAsync(jakarta, Ndjson([Person(sequence, scenario.Name("Ratna Sari Dewi"), sequence)]));
        await SubmitAndWaitAsync(jabar, Ndjson([ReportedByJabar(sequence, scenario.Name("Ratna Sari Dewi"), 9000 + sequence)]));
        using var steward = await StewardAsync(pii: true);
        var before = await ProfileAsync(steward, nip);
        Assert.Equal(Jabar, before.GetProperty("employingAgency").GetString());
        Assert.Equal(Nik(9000 + sequence), before.GetProperty("identity").GetProperty("nik").GetString());

        // Survivorship chose Jabar everywhere; the steward chooses Jakarta everywhere.
        foreach (var (kind, field) in new[] { ("CONCURRENT_EMPLOYMENT", (string?)null), ("IDENTITY_MISMATCH", "nik"), ("PERFORMANCE_MISMATCH", null), ("OVERLAPPING_POSITIONS", null) })
        {
            var (conflict, etag) = await ConflictAsync(steward, nip, kind, field);
            var decision = await (await ResolveAsync(steward, conflict, etag, new { chosenAgencyCode = Jakarta, reason = $"BKN checked {kind} with both agencies" })).JsonAsync(HttpStatusCode.Created);
            Assert.Equal("RESOLUTION", decision.GetProperty("kind").GetString());
            var resolved = await (await steward.GetAsync($"/api/v1/conflicts/{conflict.GetProperty("id").GetString()}")).JsonAsync();
            Assert.Equal("RESOLVED", resolved.GetProperty("status").GetString());
            Assert.Equal(decision.GetProperty("id").GetString(), resolved.GetProperty("decisionId").GetString());
        }

        var after = await ProfileAsync(steward, nip);
        Assert.Equal(Jakarta, after.GetProperty("employingAgency").GetString());
        Assert.Equal("2019-01-02", after.GetProperty("currentPosition").GetProperty("from").GetString());
        Assert.Equal(Nik(sequence), after.GetProperty("identity").GetProperty("nik").GetString());
        Assert.Equal("SANGAT_BAIK", after.GetProperty("performance").GetProperty("years").EnumerateArray().Single(p => p.GetProperty("year").GetInt32() == 2024).GetProperty("predikat").GetString());
        Assert.DoesNotContain(after.GetProperty("positionHistory").EnumerateArray(), p => p.GetProperty("agencyCode").GetString() == Jabar);
        Assert.DoesNotContain(after.GetProperty("conflicts").EnumerateArray(), c => c.GetProperty("kind").GetString() != "IDENTITY_MISMATCH");
        var provenance = after.GetProperty("provenance");
        Assert.Equal("STEWARD", provenance.GetProperty("nik").GetProperty("rule").GetString());
        Assert.Equal("STEWARD", provenance.GetProperty("employingAgency").GetProperty("rule").GetString());
        Assert.Equal("STEWARD", provenance.GetProperty("performance.2024").GetProperty("rule").GetString());
        Assert.False(string.IsNullOrEmpty(provenance.GetProperty("nik").GetProperty("steward").GetProperty("reason").GetString()));

        // Each decision made a version named after it, and is in the audit.
        var history = (await (await steward.GetAsync($"/api/v1/profiles/{nip}/history?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var audit = (await (await steward.GetAsync($"/api/v1/stewardship/decisions?nip={nip}")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(4, audit.Count);
        foreach (var decision in audit)
        {
            Assert.Contains(history, v => v.GetProperty("cause").GetString() == "STEWARD_DECISION " + decision.GetProperty("id").GetString());
        }
    }

    [Fact]
    public async Task A_resolution_holds_across_other_agencies_and_rebuilds_until_the_chosen_source_changes_the_value()
    {
        var (jakarta, jabar) = await AgenciesAsync();
        var nip = Nip(902);
        await SubmitAndWaitAsync(jakarta, Ndjson([Person(902, "Wulan Purnamasari", 902)]));
        await SubmitAndWaitAsync(jabar, Ndjson([ReportedByJabar(902, "Wulan Purnamasari", 9902)]));
        using var steward = await StewardAsync(pii: true);
        var (conflict, etag) = await ConflictAsync(steward, nip, "IDENTITY_MISMATCH", "nik");
        var conflictId = conflict.GetProperty("id").GetString();

        // Without If-Match: 428; with a stale one: 412.
        using (var bare = await steward.PostAsJsonAsync($"/api/v1/conflicts/{conflictId}/resolution", new { chosenAgencyCode = Jakarta, reason = "x" }))
        {
            await bare.AssertProblemAsync(HttpStatusCode.PreconditionRequired);
        }

        await (await ResolveAsync(steward, conflict, "\"1\"", new { chosenAgencyCode = Jakarta, reason = "stale" })).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        await (await ResolveAsync(steward, conflict, etag, new { chosenAgencyCode = Jakarta, reason = "" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await ResolveAsync(steward, conflict, etag, new { chosenAgencyCode = "PROV-11", reason = "not a candidate" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        var decision = await (await ResolveAsync(steward, conflict, etag, new { chosenAgencyCode = Jakarta, reason = "KTP checked at Dukcapil" })).JsonAsync(HttpStatusCode.Created);
        await (await ResolveAsync(steward, conflict, etag, new { chosenAgencyCode = Jakarta, reason = "again" })).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        Assert.Equal(Nik(902), (await ProfileAsync(steward, nip)).GetProperty("identity").GetProperty("nik").GetString());

        // Jabar (not the chosen source) sends a newer record: the resolution holds.
        var update = ReportedByJabar(902, "Wulan Purnamasari", 9902);
        update["grade"] = "IV/a";
        update["sourceUpdatedAt"] = "2025-06-01T08:00:00+07:00";
        await SubmitAndWaitAsync(jabar, Ndjson([update]));
        var held = await ProfileAsync(steward, nip);
        Assert.Equal("IV/a", held.GetProperty("grade").GetString());
        Assert.Equal(Nik(902), held.GetProperty("identity").GetProperty("nik").GetString());
        await RebuildAsync();
        Assert.Equal(Nik(902), (await ProfileAsync(steward, nip)).GetProperty("identity").GetProperty("nik").GetString());
        Assert.Equal("RESOLVED", (await (await steward.GetAsync($"/api/v1/conflicts/{conflictId}")).JsonAsync()).GetProperty("status").GetString());

        // Jakarta, the chosen source, changes its NIK: the conflict reopens with the new candidates, survivorship applies.
        var corrected = Person(902, "Wulan Purnamasari", 8902);
        corrected["sourceUpdatedAt"] = "2025-07-01T08:00:00+07:00";
        await SubmitAndWaitAsync(jakarta, Ndjson([corrected]));
        var reopened = await (await steward.GetAsync($"/api/v1/conflicts/{conflictId}")).JsonAsync();
        Assert.Equal("OPEN", reopened.GetProperty("status").GetString());
        Assert.Contains(reopened.GetProperty("candidates").EnumerateArray(), c => c.GetProperty("value").GetString() == Nik(8902));
        var reverted = await ProfileAsync(steward, nip);
        Assert.Equal(Nik(9902), reverted.GetProperty("identity").GetProperty("nik").GetString());
        Assert.NotEqual("STEWARD", reverted.GetProperty("provenance").GetProperty("nik").GetProperty("rule").GetString());
        var audited = await (await steward.GetAsync($"/api/v1/stewardship/decisions/{decision.GetProperty("id").GetString()}")).JsonAsync();
        Assert.NotEqual(JsonValueKind.Null, audited.GetProperty("lapsedAt").ValueKind);
    }

    [Fact]
    public async Task Typed_values_and_BOTH_resolve_conflicts_without_choosing_an_agency()
    {
        var (jakarta, jabar) = await AgenciesAsync();
        var nip = Nip(903);
        await SubmitAndWaitAsync(jakarta, Ndjson([Person(903, "Ayu Kartika", 903)]));
        await SubmitAndWaitAsync(jabar, Ndjson([ReportedByJabar(903, "Ayu Kartika", 9903)]));
        using var steward = await StewardAsync(pii: true);

        var (nikConflict, nikTag) = await ConflictAsync(steward, nip, "IDENTITY_MISMATCH", "nik");
        // A NIK of a man born on another day disagrees with the NIP.
        await (await ResolveAsync(steward, nikConflict, nikTag, new { chosenValue = "3578011503850001", reason = "typed" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await ResolveAsync(steward, nikConflict, nikTag, new { chosenValue = Nik(7903), reason = "Dukcapil record" })).JsonAsync(HttpStatusCode.Created);

        var (overlap, overlapTag) = await ConflictAsync(steward, nip, "OVERLAPPING_POSITIONS");
        await (await ResolveAsync(steward, overlap, overlapTag, new { chosenValue = "NEITHER", reason = "x" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await ResolveAsync(steward, overlap, overlapTag, new { chosenValue = "BOTH", reason = "Secondment to Jawa Barat" })).JsonAsync(HttpStatusCode.Created);

        var (employment, employmentTag) = await ConflictAsync(steward, nip, "CONCURRENT_EMPLOYMENT");
        await (await ResolveAsync(steward, employment, employmentTag, new { chosenValue = Jakarta, reason = "x" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await ResolveAsync(steward, employment, employmentTag, new { chosenAgencyCode = Jabar, reason = "Moved to Jawa Barat" })).JsonAsync(HttpStatusCode.Created);

        var profile = await ProfileAsync(steward, nip);
        Assert.Equal(Nik(7903), profile.GetProperty("identity").GetProperty("nik").GetString());
        Assert.Equal("STEWARD", profile.GetProperty("provenance").GetProperty("nik").GetProperty("rule").GetString());
        Assert.False(profile.GetProperty("provenance").GetProperty("nik").TryGetProperty("agencyCode", out _));
        Assert.Equal(Jabar, profile.GetProperty("employingAgency").GetString());
        var agencies = profile.GetProperty("positionHistory").EnumerateArray().Select(p => p.GetProperty("agencyCode").GetString()).ToHashSet();
        Assert.Contains(Jakarta, agencies);
        Assert.Contains(Jabar, agencies);
        Assert.DoesNotContain(profile.GetProperty("conflicts").EnumerateArray(), c => c.GetProperty("kind").GetString() is "OVERLAPPING_POSITIONS" or "CONCURRENT_EMPLOYMENT");

        // Without pii the typed NIK is masked in the audit.
        using var plain = await StewardAsync();
        var audit = (await (await plain.GetAsync($"/api/v1/stewardship/decisions?nip={nip}")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.DoesNotContain(Nik(7903), audit.Select(a => a.ToString()));
    }

    [Fact]
    public Task Duplicates_are_kept_apart_until_new_evidence_then_linked_and_unmerged_back_to_the_same_profiles() => DecideDuplicatesAsync(Scenario.First);

    private async Task DecideDuplicatesAsync(Scenario scenario)
    {
        var (jakarta, _) = await AgenciesAsync();
        int one = scenario.Sequence(910), two = scenario.Sequence(911);
        string first = Nip(one), second = Nip(two);
        await SubmitAndWaitAsync(jakarta, Ndjson([Person(one, scenario.Name("Indah Permata"), one), Person(two, scenario.Name("Indah Permata Sari"), one)]));
        using var steward = await StewardAsync();
        using var privileged = await StewardAsync(pii: true);
        var items = (await (await steward.GetAsync($"/api/v1/duplicates?nip={first}")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var item = Assert.Single(items);
        Assert.Equal([first, second], item.GetProperty("people").EnumerateArray().Select(p => p.GetProperty("nip").GetString()));
        var evidence = Assert.Single(item.GetProperty("evidence").EnumerateArray());
        Assert.Equal("SAME_NIK", evidence.GetProperty("kind").GetString());
        Assert.DoesNotContain(Nik(one), item.ToString());
        Assert.Contains(Nik(one), (await (await privileged.GetAsync($"/api/v1/duplicates/{item.GetProperty("id").GetString()}")).JsonAsync()).ToString());

        // KEEP_APART: closed, and not raised again by a rebuild or by a resend on the same evidence.
        await (await steward.PostAsJsonAsync($"/api/v1/duplicates/{item.GetProperty("id").GetString()}/decision", new { decision = "KEEP_APART", reason = "Twins; Dukcapil confirms two people" }))
            .JsonAsync(HttpStatusCode.Created);
        await RebuildAsync();
        Assert.Empty((await (await steward.GetAsync($"/api/v1/duplicates?nip={first}")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal("RESOLVED", (await (await steward.GetAsync($"/api/v1/duplicates/{item.GetProperty("id").GetString()}")).JsonAsync()).GetProperty("status").GetString());

        // New evidence (both now share the same name and birth date in one agency): raised again.
        var firstAgain = Person(one, scenario.Name("Indah Permata"), one);
        var secondAgain = Person(two, scenario.Name("Indah Permata"), one);
        firstAgain["sourceUpdatedAt"] = "2025-05-01T08:00:00+07:00";
        secondAgain["sourceUpdatedAt"] = "2025-05-01T08:00:00+07:00";
        await SubmitAndWaitAsync(jakarta, Ndjson([firstAgain, secondAgain]));
        var raised = Assert.Single((await (await steward.GetAsync($"/api/v1/duplicates?nip={first}")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Contains(raised.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("kind").GetString() == "SAME_NAME_AND_BIRTH_DATE");

        // LINK: the second NIP answers 307 to the first, with a MERGED entry in the feed.
        var secondBefore = await ProfileAsync(privileged, second);
        var firstBefore = await ProfileAsync(privileged, first);
        await (await steward.PostAsJsonAsync($"/api/v1/duplicates/{raised.GetProperty("id").GetString()}/decision", new { decision = "LINK", survivingNip = Nip(999), reason = "not one of the pair" }))
            .AssertProblemAsync(HttpStatusCode.BadRequest);
        var link = await (await steward.PostAsJsonAsync($"/api/v1/duplicates/{raised.GetProperty("id").GetString()}/decision", new { decision = "LINK", survivingNip = first, reason = "One person, two NIPs" }))
            .JsonAsync(HttpStatusCode.Created);
        using var noRedirects = factory.CreateClient(new() { AllowAutoRedirect = false });
        noRedirects.DefaultRequestHeaders.Authorization = steward.DefaultRequestHeaders.Authorization;
        using (var alias = await noRedirects.GetAsync($"/api/v1/profiles/{second}"))
        {
            Assert.Equal(HttpStatusCode.TemporaryRedirect, alias.StatusCode);
            Assert.Equal($"/api/v1/profiles/{first}", alias.Headers.Location?.ToString());
        }

        Assert.Contains(await FeedKindsAsync(second, "MERGED"), k => k == "MERGED");
        var linkHistory = (await (await steward.GetAsync($"/api/v1/profiles/{second}/history?limit=100")).JsonAsync()).GetProperty("items").EnumerateArray();
        Assert.Contains(linkHistory, v => v.GetProperty("cause").GetString()!.StartsWith("STEWARD_DECISION " + link.GetProperty("id").GetString(), StringComparison.Ordinal));

        // UNMERGE: both back, equal in content to what they were before the link, UNMERGED in the feed, not raised again.
        await (await steward.PostAsJsonAsync($"/api/v1/profiles/{first}/unmerge", new { nip = Nip(scenario.Sequence(912)), reason = "not merged" })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await steward.PostAsJsonAsync($"/api/v1/profiles/{first}/unmerge", new { nip = second, reason = "Linked by mistake" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(Content(secondBefore), Content(await ProfileAsync(privileged, second)));
        Assert.Equal(Content(firstBefore), Content(await ProfileAsync(privileged, first)));
        Assert.Contains(await FeedKindsAsync(second, "UNMERGED"), k => k == "UNMERGED");
        Assert.Contains(await FeedKindsAsync(first, "UNMERGED"), k => k == "UNMERGED");
        Assert.Empty((await (await steward.GetAsync($"/api/v1/duplicates?nip={first}")).JsonAsync()).GetProperty("items").EnumerateArray());
        var kinds = (await (await steward.GetAsync($"/api/v1/stewardship/decisions?nip={second}")).JsonAsync()).GetProperty("items").EnumerateArray().Select(d => d.GetProperty("kind").GetString());
        Assert.Equal(["KEEP_APART", "LINK", "UNMERGE"], kinds);
    }

    [Fact]
    public Task An_unmerged_previousNips_link_is_remembered_and_a_later_record_asks_a_steward_instead_of_merging() => UnmergePreviousNipsAsync(Scenario.First);

    private async Task UnmergePreviousNipsAsync(Scenario scenario)
    {
        var (jakarta, _) = await AgenciesAsync();
        int pppk = scenario.Sequence(920), pns = scenario.Sequence(921);
        var oldNip = $"198503152019012{pppk:D3}";
        var asPppk = Person(pppk, scenario.Name("Maya Anggraini"), pppk);
        asPppk["nip"] = oldNip;
        asPppk["employmentType"] = "PPPK";
        asPppk["grade"] = "IX";
        asPppk["sourceUpdatedAt"] = "2024-01-10T08:00:00+07:00";
        await SubmitAndWaitAsync(jakarta, Ndjson([asPppk]));
        var asPns = Person(pns, scenario.Name("Maya Anggraini"), pns);
        asPns["previousNips"] = new JsonArray(oldNip);
        await SubmitAndWaitAsync(jakarta, Ndjson([asPns]));
        using var steward = await StewardAsync();
        using var noRedirects = factory.CreateClient(new() { AllowAutoRedirect = false });
        noRedirects.DefaultRequestHeaders.Authorization = steward.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.TemporaryRedirect, (await noRedirects.GetAsync($"/api/v1/profiles/{oldNip}")).StatusCode);

        await (await steward.PostAsJsonAsync($"/api/v1/profiles/{Nip(pns)}/unmerge", new { nip = oldNip, reason = "Different people" })).JsonAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await noRedirects.GetAsync($"/api/v1/profiles/{oldNip}")).StatusCode);
        await RebuildAsync();
        Assert.Equal(HttpStatusCode.OK, (await noRedirects.GetAsync($"/api/v1/profiles/{oldNip}")).StatusCode);

        // The agency sends the record again, still with previousNips: an item for a steward, not a silent merge.
        asPns["sourceUpdatedAt"] = "2025-08-01T08:00:00+07:00";
        await SubmitAndWaitAsync(jakarta, Ndjson([asPns]));
        Assert.Equal(HttpStatusCode.OK, (await noRedirects.GetAsync($"/api/v1/profiles/{oldNip}")).StatusCode);
        var item = Assert.Single((await (await steward.GetAsync($"/api/v1/duplicates?nip={Nip(pns)}")).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Contains(item.GetProperty("evidence").EnumerateArray(), e => e.GetProperty("kind").GetString() == "PREVIOUS_NIPS");
    }

    [Fact]
    public async Task A_rebuild_with_decisions_of_every_kind_in_place_reproduces_profiles_aliases_and_items()
    {
        await ResolveEveryKindAsync(Scenario.Second);
        await DecideDuplicatesAsync(Scenario.Second);
        await UnmergePreviousNipsAsync(Scenario.Second);
        string[] people = [.. new[] { 901, 910, 911, 921 }.Select(s => Nip(Scenario.Second.Sequence(s))), $"198503152019012{Scenario.Second.Sequence(920):D3}"];
        var before = await SnapshotAsync(people);
        Assert.Contains("RESOLVED", before, StringComparison.Ordinal);
        await RebuildAsync();
        Assert.Equal(before, await SnapshotAsync(people));
    }

    [Fact]
    public async Task Hostile_query_values_and_If_Match_headers_are_problems_not_server_errors()
    {
        using var steward = await StewardAsync();
        foreach (var url in new[]
        {
            "/api/v1/conflicts?nip=%00", "/api/v1/conflicts?kind=%00", "/api/v1/conflicts?status=%00", "/api/v1/conflicts?agencyCode=" + new string('A', 65),
            "/api/v1/duplicates?nip=1985", "/api/v1/duplicates?agencyCode=%00", "/api/v1/stewardship/decisions?nip=%00",
        })
        {
            await (await steward.GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest);
        }

        var (jakarta, jabar) = await AgenciesAsync();
        await SubmitAndWaitAsync(jakarta, Ndjson([Person(904, "Citra Lestari", 904)]));
        await SubmitAndWaitAsync(jabar, Ndjson([ReportedByJabar(904, "Citra Lestari", 9904)]));
        var (conflict, _) = await ConflictAsync(steward, Nip(904), "IDENTITY_MISMATCH", "nik");
        foreach (var ifMatch in new[] { "*", "W/\"1\"", "\"not-a-version\"", "garbage\u0001" })
        {
            await (await ResolveAsync(steward, conflict, ifMatch, new { chosenAgencyCode = Jakarta, reason = "hostile" })).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        }

        await (await ResolveAsync(steward, conflict, "\"1\"", new { chosenAgencyCode = Jakarta, reason = new string('x', 1001) })).AssertProblemAsync(HttpStatusCode.PreconditionFailed);
        var (_, etag) = await ConflictAsync(steward, Nip(904), "IDENTITY_MISMATCH", "nik");
        await (await ResolveAsync(steward, conflict, etag, new { chosenAgencyCode = Jakarta, reason = new string('x', 1001) })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await ResolveAsync(steward, conflict, etag, new { chosenAgencyCode = Jakarta, reason = "bad\u0000reason" })).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await steward.PostAsJsonAsync($"/api/v1/profiles/{Nip(904)}/unmerge", new { nip = "%00", reason = "x" })).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Agencies_cannot_reach_any_stewardship_endpoint()
    {
        using var agency = await factory.ClientWithScopesAsync(Jakarta, "submissions.write", "profiles.read");
        var id = Guid.NewGuid();
        foreach (var response in new[]
        {
            await agency.GetAsync("/api/v1/conflicts"),
            await agency.GetAsync("/api/v1/duplicates"),
            await agency.GetAsync($"/api/v1/duplicates/{id}"),
            await agency.GetAsync("/api/v1/stewardship/decisions"),
            await agency.PostAsJsonAsync($"/api/v1/conflicts/{id}/resolution", new { chosenAgencyCode = Jakarta, reason = "mine" }),
            await agency.PostAsJsonAsync($"/api/v1/duplicates/{id}/decision", new { decision = "KEEP_APART", reason = "mine" }),
            await agency.PostAsJsonAsync($"/api/v1/profiles/{Nip(901)}/unmerge", new { nip = Nip(902), reason = "mine" }),
        })
        {
            await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    /// <summary>One run of a scenario: its own NIPs, NIKs and names, so that runs never match each other as duplicates.</summary>
    private sealed record Scenario(int Offset, string NameSuffix)
    {
        public static readonly Scenario First = new(0, "");
        public static readonly Scenario Second = new(30, " Kedua");

        public int Sequence(int sequence) => sequence + Offset;

        public string Name(string name) => name + NameSuffix;
    }

    private static string Content(JsonElement profile)
    {
        var node = JsonNode.Parse(profile.GetRawText())!.AsObject();
        node.Remove("version");
        node.Remove("provenance");
        return node.ToJsonString();
    }

    private async Task<List<string>> FeedKindsAsync(string nip, string wanted)
    {
        using var bkn = await factory.ClientWithScopesAsync(null, "changes.read");
        var kinds = new List<string>();
        string? cursor = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!kinds.Contains(wanted) && DateTime.UtcNow < deadline)
        {
            var feed = await (await bkn.GetAsync("/api/v1/changes?limit=1000" + (cursor is null ? "" : "&cursor=" + cursor))).JsonAsync();
            kinds.AddRange(feed.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("nip").GetString() == nip).Select(e => e.GetProperty("kind").GetString()!));
            cursor = feed.GetProperty("nextCursor").GetString() ?? cursor;
            if (feed.GetProperty("items").GetArrayLength() == 0)
            {
                await Task.Delay(50);
            }
        }

        return kinds;
    }

    /// <summary>Everything a rebuild must reproduce: every profile's content, version and alias, every conflict and item with its state.</summary>
    private async Task<string> SnapshotAsync(string[] nips)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT string_agg(nip || ':' || version || ':' || encode(content_hash, 'hex') || ':' || coalesce(merged_into, '-'), ',' ORDER BY nip)
                    FROM profiles WHERE nip = ANY(@nips))
                || '|' || (SELECT string_agg(id || ':' || status || ':' || candidates || ':' || coalesce(array_to_string(evidence, ';'), ''), ',' ORDER BY id)
                    FROM conflicts WHERE nip = ANY(@nips))
                || '|' || (SELECT string_agg(id || ':' || coalesce(lapsed_at::text, '-'), ',' ORDER BY id) FROM steward_decisions WHERE nip = ANY(@nips))
                || '|' || (SELECT string_agg(nip_a || nip_b || array_to_string(evidence, ';'), ',' ORDER BY nip_a, nip_b) FROM separated_pairs WHERE nip_a = ANY(@nips))
            """,
            connection);
        command.Parameters.AddWithValue("nips", nips);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
