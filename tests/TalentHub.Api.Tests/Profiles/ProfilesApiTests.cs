using System.Net;
using System.Text.Json;
using TalentHub.Api.Tests.Infrastructure;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Profiles;

[Collection(ApiCollection.Name)]
public sealed class ProfilesApiTests(TalentHubFactory factory)
{
    [Fact]
    public async Task A_submitted_person_gets_a_consolidated_profile_masked_without_pii_and_logged_with_it()
    {
        await RegisterValidRecordMappingsAsync(factory, "PROV-35");
        using var agency = await factory.ClientWithScopesAsync("PROV-35", "submissions.write", "profiles.read");
        var done = await SubmitAndWaitAsync(agency, Ndjson([ValidRecord(500)]));
        Assert.Equal("COMPLETED", done.GetProperty("status").GetString());
        Assert.Equal("DONE", done.GetProperty("progress").GetProperty("phase").GetString());
        const string nip = "198503152010012500";

        var masked = await (await agency.GetAsync($"/api/v1/profiles/{nip}")).JsonAsync();
        Assert.Equal("3578********0002", masked.GetProperty("identity").GetProperty("nik").GetString());
        Assert.Equal(JsonValueKind.Null, masked.GetProperty("identity").GetProperty("birthPlace").ValueKind);
        Assert.Equal("PROV-35", masked.GetProperty("employingAgency").GetString());
        Assert.Equal(1, masked.GetProperty("version").GetInt32());
        Assert.Contains(masked.GetProperty("competencies").EnumerateArray(), c => c.GetProperty("code").GetString() == "M1");
        Assert.Equal(nip, ProfileContract.Read(masked).Nip);

        using var bkn = await factory.ClientWithScopesAsync(null, "profiles.read", "pii", "admin");
        var unmasked = await (await bkn.GetAsync($"/api/v1/profiles/{nip}")).JsonAsync();
        Assert.Equal("3578015503850002", unmasked.GetProperty("identity").GetProperty("nik").GetString());
        Assert.Equal("Surabaya", ProfileContract.Read(unmasked).Identity.BirthPlace);
        var log = await (await bkn.GetAsync("/api/v1/admin/access-log?limit=5")).JsonAsync();
        Assert.Contains(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("nips").EnumerateArray().Any(n => n.GetString() == nip));

        var history = await (await agency.GetAsync($"/api/v1/profiles/{nip}/history")).JsonAsync();
        var first = Assert.Single(history.GetProperty("items").EnumerateArray());
        Assert.StartsWith("SUBMISSION ", first.GetProperty("cause").GetString(), StringComparison.Ordinal);

        var derivation = await (await agency.GetAsync($"/api/v1/profiles/{nip}/competencies/M1/derivation")).JsonAsync();
        Assert.Equal("INTEGRITAS", derivation.GetProperty("normalized").GetProperty("parts")[0].GetProperty("agencyCompetency").GetString());
        Assert.Equal("JATIM-AC5", derivation.GetProperty("normalized").GetProperty("parts")[0].GetProperty("scaleCode").GetString());
        Assert.Equal("PROV-35", ProfileContract.ReadDerivation(derivation).Source.AgencyCode);
    }

    [Fact]
    public async Task The_candidates_of_a_nik_conflict_are_masked_without_pii_and_shown_with_it()
    {
        using var bkn = await factory.ClientWithScopesAsync(null, "profiles.read", "pii");
        using var national = await factory.ClientWithScopesAsync(null, "profiles.read");
        foreach (var (agency, nik) in new[] { ("PROV-35", "3578015503850002"), ("PROV-33", "3578015503850003") })
        {
            await RegisterValidRecordMappingsAsync(factory, agency);
            using var client = await factory.ClientWithScopesAsync(agency, "submissions.write");
            var record = ValidRecord(530);
            record["nik"] = nik;
            await SubmitAndWaitAsync(client, Ndjson([record]));
        }

        const string nip = "198503152010012530";
        static List<string?> NikCandidates(JsonElement profile) => [.. profile.GetProperty("conflicts").EnumerateArray()
            .Where(c => c.GetProperty("kind").GetString() == "IDENTITY_MISMATCH" && c.GetProperty("field").GetString() == "nik")
            .SelectMany(c => c.GetProperty("candidates").EnumerateArray())
            .Select(c => c.GetProperty("value").GetString())
            .Order()];

        var masked = await (await national.GetAsync($"/api/v1/profiles/{nip}")).JsonAsync();
        var unmasked = await (await bkn.GetAsync($"/api/v1/profiles/{nip}")).JsonAsync();

        Assert.Equal(["3578********0002", "3578********0003"], NikCandidates(masked));
        Assert.Equal(["3578015503850002", "3578015503850003"], NikCandidates(unmasked));
        Assert.NotEmpty(ProfileContract.Read(masked).Conflicts);
        Assert.NotEmpty(ProfileContract.Read(unmasked).Conflicts);
    }

    [Fact]
    public async Task An_agency_reads_only_the_people_it_employs_and_a_resubmission_that_changes_nothing_makes_no_version()
    {
        await RegisterValidRecordMappingsAsync(factory, "PROV-35");
        using var employer = await factory.ClientWithScopesAsync("PROV-35", "submissions.write", "profiles.read");
        using var stranger = await factory.ClientWithScopesAsync("PROV-33", "profiles.read");
        var record = ValidRecord(501);
        await SubmitAndWaitAsync(employer, Ndjson([record]));
        const string nip = "198503152010012501";

        await (await stranger.GetAsync($"/api/v1/profiles/{nip}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/api/v1/profiles/{nip}/history")).AssertProblemAsync(HttpStatusCode.NotFound);
        var list = await (await stranger.GetAsync("/api/v1/profiles?limit=1000")).JsonAsync();
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), p => p.GetProperty("nip").GetString() == nip);

        await SubmitAndWaitAsync(employer, Ndjson([record]));
        var profile = await (await employer.GetAsync($"/api/v1/profiles/{nip}")).JsonAsync();
        Assert.Equal(1, profile.GetProperty("version").GetInt32());

        record["name"] = "Siti Rahmawati Putri";
        record["sourceUpdatedAt"] = "2025-06-01T08:00:00+07:00";
        await SubmitAndWaitAsync(employer, Ndjson([record]));
        var updated = await (await employer.GetAsync($"/api/v1/profiles/{nip}")).JsonAsync();
        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        Assert.Equal("Siti Rahmawati Putri", updated.GetProperty("identity").GetProperty("name").GetString());
        var history = await (await employer.GetAsync($"/api/v1/profiles/{nip}/history")).JsonAsync();
        var change = history.GetProperty("items")[1].GetProperty("changes").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "identity");
        Assert.Equal("Siti Rahmawati", change.GetProperty("old").GetProperty("name").GetString());
        Assert.Equal("3578********0002", change.GetProperty("new").GetProperty("nik").GetString());
    }

    [Fact]
    public async Task The_change_feed_lists_created_and_updated_profiles_and_resumes_from_its_cursor()
    {
        using var bkn = await factory.ClientWithScopesAsync(null, "changes.read");
        var start = await (await bkn.GetAsync("/api/v1/changes?limit=1000")).JsonAsync();
        var cursor = start.GetProperty("nextCursor").GetString();
        while (start.GetProperty("items").GetArrayLength() == 1000)
        {
            start = await (await bkn.GetAsync($"/api/v1/changes?limit=1000&cursor={cursor}")).JsonAsync();
            cursor = start.GetProperty("nextCursor").GetString();
        }

        await RegisterValidRecordMappingsAsync(factory, "PROV-35");
        using var agency = await factory.ClientWithScopesAsync("PROV-35", "submissions.write");
        await SubmitAndWaitAsync(agency, Ndjson([ValidRecord(502), ValidRecord(503)]));

        // Entries of other transactions that were still running at the first read may come first: read to the end.
        var entries = new List<JsonElement>();
        var next = await (await bkn.GetAsync($"/api/v1/changes?limit=1000&cursor={cursor}")).JsonAsync();
        entries.AddRange(next.GetProperty("items").EnumerateArray());
        while (next.GetProperty("items").GetArrayLength() == 1000)
        {
            next = await (await bkn.GetAsync($"/api/v1/changes?limit=1000&cursor={next.GetProperty("nextCursor").GetString()}")).JsonAsync();
            entries.AddRange(next.GetProperty("items").EnumerateArray());
        }

        Assert.Contains(entries, e => e.GetProperty("nip").GetString() == "198503152010012502" && e.GetProperty("kind").GetString() == "CREATED");
        Assert.Contains(entries, e => e.GetProperty("nip").GetString() == "198503152010012503" && e.GetProperty("version").GetInt32() == 1);
        var empty = await (await bkn.GetAsync($"/api/v1/changes?cursor={next.GetProperty("nextCursor").GetString()}")).JsonAsync();
        Assert.Empty(empty.GetProperty("items").EnumerateArray());
        Assert.Equal(next.GetProperty("nextCursor").GetString(), empty.GetProperty("nextCursor").GetString());
        await (await bkn.GetAsync("/api/v1/changes?cursor=bogus")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
