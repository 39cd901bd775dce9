using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Conventions;

/// <summary>
/// Hostile request text (issue 15): NUL (which PostgreSQL text and jsonb cannot hold), invalid UTF-8 and repeated
/// properties are refused at the edge with 400 problem details naming the parameter or field, never a 500.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class HostileRequestTests(TalentHubFactory factory)
{
    [Theory]
    [InlineData("/api/v1/profiles?agencyCode=%00", "agencyCode")]
    [InlineData("/api/v1/profiles?positionLevel=%00", "positionLevel")]
    [InlineData("/api/v1/profiles?province=%00", "province")]
    [InlineData("/api/v1/profiles?status=A%00", "status")]
    [InlineData("/api/v1/analytics/nine-box?province=%00", "province")]
    [InlineData("/api/v1/analytics/competency-map?competency=%00", "competency")]
    [InlineData("/api/v1/agencies?provinceCode=%00", "provinceCode")]
    [InlineData("/api/v1/vacancies?positionLevel=%00", "positionLevel")]
    [InlineData("/api/v1/conflicts?agencyCode=%00", "agencyCode")]
    [InlineData("/api/v1/conflicts?status=%00", "status")]
    [InlineData("/api/v1/conflicts?kind=%00", "kind")]
    [InlineData("/api/v1/agencies/BKN?anything=%1B", "anything")]
    [InlineData("/api/v1/agencies/%1B", "agencyCode")]
    [InlineData("/api/v1/agencies/PROV-35/scales/A%07B", "scaleCode")]
    public async Task A_control_character_in_a_query_or_route_value_is_a_400_problem_naming_it(string url, string parameter)
    {
        using var admin = await factory.AdminClientAsync();

        using var response = await admin.GetAsync(url);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), problem.ToString());
    }

    // (%00 itself never reaches the pipeline: ASP.NET Core's path decoder refuses it, and Kestrel answers a bare 400.)
    [Fact]
    public async Task A_control_character_in_a_path_no_route_matches_is_a_problem()
    {
        using var admin = await factory.AdminClientAsync();

        using var response = await admin.GetAsync("/api/v1/no%1Bsuch");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    public static TheoryData<string, string, string, string> NulFields() => new()
    {
        { "POST", "/api/v1/vacancies", """{"positionLevel":"JPT_PRATAMA","title":"Kepala\u0000Dinas","provinceCode":"35","requiredTechnical":{"T.KEU.01":4}}""", "$.title" },
        { "PUT", "/api/v1/admin/agencies/" + NewAgencyCode(), """{"name":"Dinas\u0000","kind":"CENTRAL"}""", "$.name" },
        { "POST", "/api/v1/admin/clients", """{"name":"HR\u0000system","agencyCode":"PROV-35","scopes":["profiles.read"]}""", "$.name" },
        { "POST", "/api/v1/admin/clients", """{"name":"HR system","agencyCode":"PROV-35","scopes":["profiles.read","\u0000"]}""", "$.scopes[1]" },
        { "PUT", "/api/v1/agencies/PROV-35/scales/NUL-LABELS", """{"kind":"LABELS","labels":{"A\u0000":5}}""", "$.labels.A\u0000" },
        { "PUT", "/api/v1/agencies/PROV-35/dictionary", """{"entries":[{"agencyCompetency":"ok","nationalCode":"T.KEU.01"},{"agencyCompetency":"\u0000","nationalCode":"T.KEU.01"}]}""", "$.entries[1].agencyCompetency" },
        { "PUT", "/api/v1/agencies/PROV-35/scales/SURROGATE", """{"kind":"LABELS","labels":{"A":5,"B":"\ud800"}}""", "$.labels.B" },
    };

    [Theory]
    [MemberData(nameof(NulFields))]
    public async Task A_nul_or_an_unpaired_surrogate_in_a_json_field_is_a_400_problem_naming_the_field(string method, string url, string json, string field)
    {
        using var client = await factory.ClientWithScopesAsync("PROV-35", "submissions.write", "mappings.write");
        using var admin = await factory.AdminClientAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        using var response = await (url.Contains("/admin/", StringComparison.Ordinal) ? admin : client).SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Fact]
    public async Task Invalid_utf8_in_a_json_body_is_a_400_problem()
    {
        using var client = await factory.ClientWithScopesAsync("PROV-35", "mappings.write");
        var body = new ByteArrayContent([.. "{\"kind\":\"LABELS\",\"labels\":{\"A"u8, 0xC3, 0x28, .. "\":5}}"u8]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PutAsync("/api/v1/agencies/PROV-35/scales/BAD-UTF8", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    public static TheoryData<string, string, string> DuplicateProperties() => new()
    {
        { "POST", "/api/v1/admin/clients", """{"name":"a","name":"b","agencyCode":"PROV-35","scopes":["profiles.read"]}""" },
        { "PUT", "/api/v1/admin/agencies/" + NewAgencyCode(), """{"name":"Dinas","kind":"CENTRAL","kind":"PROVINCE"}""" },
        { "POST", "/api/v1/vacancies", """{"positionLevel":"JPT_PRATAMA","title":"Kepala","title":"Wakil","provinceCode":"35"}""" },
        { "PUT", "/api/v1/agencies/PROV-35/scales/DUPLICATE", """{"kind":"LINEAR","min":1,"max":5,"max":9}""" },
        { "PUT", "/api/v1/agencies/PROV-35/scales/DUPLICATE-LABELS", """{"kind":"LABELS","labels":{"A":5,"A":1}}""" },
        { "PUT", "/api/v1/agencies/PROV-35/dictionary", """{"entries":[{"agencyCompetency":"X","agencyCompetency":"Y","nationalCode":"T.KEU.01"}]}""" },
        { "POST", "/api/v1/agencies/PROV-35/dictionary/entries", """{"agencyCompetency":"X","nationalCode":"T.KEU.01","nationalCode":"IGNORE"}""" },
        { "POST", "/api/v1/exports", """{"format":"NDJSON","format":"CSV"}""" },
        { "POST", "/api/v1/conflicts/" + Guid.NewGuid() + "/resolution", """{"chosenValue":"a","reason":"x","reason":"y"}""" },
    };

    [Theory]
    [MemberData(nameof(DuplicateProperties))]
    public async Task A_repeated_json_property_is_a_400_problem(string method, string url, string json)
    {
        using var client = await factory.ClientWithScopesAsync("PROV-35", "submissions.write", "mappings.write");
        using var admin = await factory.AdminClientAsync();
        var agencyScoped = url.Contains("/agencies/PROV-35/", StringComparison.Ordinal) || url.EndsWith("/vacancies", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());

        using var response = await (agencyScoped ? client : admin).SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("twice", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_bodies_without_the_hostile_text_are_accepted()
    {
        using var admin = await factory.AdminClientAsync();
        var code = NewAgencyCode();

        using var agency = await admin.PutAsync("/api/v1/admin/agencies/" + code, new StringContent("""{"name":"Dinas","kind":"CENTRAL"}""", Encoding.UTF8, "application/json"));
        using var profiles = await admin.GetAsync("/api/v1/profiles?agencyCode=" + code);

        Assert.True(agency.IsSuccessStatusCode, await agency.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Array, (await profiles.JsonAsync()).GetProperty("items").ValueKind);
    }

    [Theory]
    [InlineData("grant_type=client_credentials&client_id=a%00b&client_secret=x")]
    [InlineData("client_id=fuzz&client_secret=a%FF%FEb&scope=%00")]
    public async Task A_nul_in_a_token_request_is_an_oauth_invalid_request(string form)
    {
        using var anonymous = factory.CreateClient();

        using var response = await anonymous.PostAsync("/connect/token", new StringContent(form, Encoding.ASCII, "application/x-www-form-urlencoded"));

        var error = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_control_character_in_a_token_request_query_is_an_oauth_invalid_request()
    {
        using var anonymous = factory.CreateClient();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "x", ["client_secret"] = "y" });

        using var response = await anonymous.PostAsync("/connect/token?x=%1B", form);

        var error = await response.JsonAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid_request", error.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/xml")]
    public async Task Errors_are_problem_details_whatever_the_accept_header(string accept)
    {
        using var admin = await factory.AdminClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/submissions/" + Guid.NewGuid());
        request.Headers.Accept.ParseAdd(accept);
        using var invalid = new HttpRequestMessage(HttpMethod.Get, "/api/v1/agencies?limit=0");
        invalid.Headers.Accept.ParseAdd(accept);

        await (await admin.SendAsync(request)).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await admin.SendAsync(invalid)).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    private static string NewAgencyCode() => "HX-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
}
