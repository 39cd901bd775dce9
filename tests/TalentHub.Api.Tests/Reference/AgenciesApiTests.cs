using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Reference;

[Collection(ApiCollection.Name)]
public sealed class AgenciesApiTests(TalentHubFactory factory)
{
    [Fact]
    public async Task The_seed_holds_BKN_and_the_38_provincial_governments_paged_by_keyset()
    {
        using var client = await factory.ClientWithScopesAsync("PROV-35", "profiles.read");
        var codes = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = "/api/v1/agencies?kind=PROVINCE&limit=10" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await (await client.GetAsync(url)).JsonAsync();
            codes.AddRange(page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("code").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(4, pages);
        Assert.Equal(38, codes.Count);
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
        Assert.Contains("PROV-35", codes);

        var bkn = await (await client.GetAsync("/api/v1/agencies/BKN")).JsonAsync();
        Assert.Equal("CENTRAL", bkn.GetProperty("kind").GetString());
        var jatim = await (await client.GetAsync("/api/v1/agencies/PROV-35")).JsonAsync();
        Assert.Equal("Pemerintah Provinsi Jawa Timur", jatim.GetProperty("name").GetString());
        Assert.Equal("35", jatim.GetProperty("provinceCode").GetString());
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=1001")]
    [InlineData("cursor=not-a-cursor")]
    [InlineData("kind=province")]
    public async Task Bad_paging_and_filter_parameters_are_400_problems(string query)
    {
        using var client = await factory.AdminClientAsync();

        using var response = await client.GetAsync("/api/v1/agencies?" + query);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_cursor_of_another_list_is_refused()
    {
        await factory.CreateApiClientAsync(null, "profiles.read");
        using var client = await factory.AdminClientAsync();
        var clients = await (await client.GetAsync("/api/v1/admin/clients?limit=1")).JsonAsync();
        var foreignCursor = clients.GetProperty("nextCursor").GetString();
        Assert.NotNull(foreignCursor);

        using var response = await client.GetAsync("/api/v1/agencies?cursor=" + Uri.EscapeDataString(foreignCursor));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    [Fact]
    public async Task An_unknown_agency_is_a_404_problem()
    {
        using var client = await factory.AdminClientAsync();

        await (await client.GetAsync("/api/v1/agencies/KAB-9999")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_admin_creates_then_updates_an_agency_and_a_stale_If_Match_is_412()
    {
        using var admin = await factory.AdminClientAsync();

        using var created = await admin.PutAsJsonAsync("/api/v1/admin/agencies/KOTA-3578", new { code = "KOTA-3578", name = "Pemerintah Kota Surabaya", kind = "CITY", provinceCode = "35" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/agencies/KOTA-3578", created.Headers.Location?.ToString());
        var firstEtag = created.Headers.ETag!;

        using var read = await admin.GetAsync("/api/v1/agencies/KOTA-3578");
        Assert.Equal(firstEtag, read.Headers.ETag);

        using var update = new HttpRequestMessage(HttpMethod.Put, "/api/v1/admin/agencies/KOTA-3578")
        {
            Content = JsonContent.Create(new { name = "Pemkot Surabaya", kind = "CITY", provinceCode = "35" }),
        };
        update.Headers.IfMatch.Add(firstEtag);
        using var updated = await admin.SendAsync(update);
        Assert.Equal("Pemkot Surabaya", (await updated.JsonAsync()).GetProperty("name").GetString());

        using var stale = new HttpRequestMessage(HttpMethod.Put, "/api/v1/admin/agencies/KOTA-3578")
        {
            Content = JsonContent.Create(new { name = "Lost update", kind = "CITY", provinceCode = "35" }),
        };
        stale.Headers.IfMatch.Add(firstEtag);
        await (await admin.SendAsync(stale)).AssertProblemAsync(HttpStatusCode.PreconditionFailed);

        var current = await (await admin.GetAsync("/api/v1/agencies/KOTA-3578")).JsonAsync();
        Assert.Equal("Pemkot Surabaya", current.GetProperty("name").GetString());
    }

    public static TheoryData<string, string, string> InvalidAgencies => new()
    {
        { "KAB-3501", """{"name":"Wrong province","kind":"REGENCY","provinceCode":"33"}""", "code" },
        { "PROV-35", """{"name":"Wrong kind","kind":"CITY","provinceCode":"35"}""", "code" },
        { "PROV-12", """{"name":"Province code missing","kind":"PROVINCE"}""", "code" },
        { "KEMENKEU", """{"name":"","kind":"CENTRAL"}""", "name" },
        { "KEMENKEU", """{"code":"KEMENDAGRI","name":"Mismatch","kind":"CENTRAL"}""", "code" },
        { "KEMENKEU", """{"name":"Kementerian Keuangan","kind":"CENTRAL","provinceCode":"99"}""", "provinceCode" },
        { "kemenkeu", """{"name":"Lower case code","kind":"CENTRAL"}""", "code" },
        { "KEMENKEU", """{"name":"No kind"}""", "kind" },
    };

    [Theory]
    [MemberData(nameof(InvalidAgencies))]
    public async Task Invalid_agencies_are_validation_problems_naming_the_field(string code, string body, string field)
    {
        using var admin = await factory.AdminClientAsync();

        using var response = await admin.PutAsync($"/api/v1/admin/agencies/{code}", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("""{"name":"X","kind":"CENTRAL","unexpected":true}""")]
    [InlineData("""{"Name":"Case matters","kind":"CENTRAL"}""")]
    [InlineData("""{"name":"X","kind":"CENTRAL",}""")]
    [InlineData("""{"name":"X","kind":0}""")]
    public async Task Unknown_or_miscased_fields_and_malformed_json_are_400_problems(string body)
    {
        using var admin = await factory.AdminClientAsync();

        using var response = await admin.PutAsync("/api/v1/admin/agencies/KEMENKEU", new StringContent(body, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_agency_client_cannot_upsert_agencies()
    {
        using var agency = await factory.ClientWithScopesAsync("PROV-35", "submissions.write", "mappings.write", "profiles.read", "analytics.read");

        using var response = await agency.PutAsJsonAsync("/api/v1/admin/agencies/KAB-3507", new { name = "Kabupaten Malang", kind = "REGENCY", provinceCode = "35" });

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        using var admin = await factory.AdminClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v1/agencies/KAB-3507")).StatusCode);
        Assert.Equal(MediaTypeHeaderValue.Parse("application/problem+json").MediaType, response.Content.Headers.ContentType?.MediaType);
    }
}
