using System.Net;
using System.Net.Http.Headers;
using System.Text;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Conventions;

[Collection(ApiCollection.Name)]
public sealed class ConventionTests(TalentHubFactory factory)
{
    [Fact]
    public async Task An_unknown_path_is_a_404_problem_for_a_valid_token_and_a_401_without_one()
    {
        using var admin = await factory.AdminClientAsync();
        await (await admin.GetAsync("/api/v1/no-such-thing")).AssertProblemAsync(HttpStatusCode.NotFound);

        using var anonymous = factory.CreateClient();
        await (await anonymous.GetAsync("/api/v1/no-such-thing")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_method_is_a_405_problem_with_Allow()
    {
        using var admin = await factory.AdminClientAsync();

        using var response = await admin.DeleteAsync("/api/v1/standard");

        await response.AssertProblemAsync(HttpStatusCode.MethodNotAllowed);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_415_problem()
    {
        using var admin = await factory.AdminClientAsync();

        using var response = await admin.PutAsync("/api/v1/admin/agencies/KEMENKEU", new StringContent("name=x", Encoding.UTF8, "text/plain"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_body_over_one_megabyte_is_a_413_problem_whether_announced_or_chunked()
    {
        using var admin = await factory.AdminClientAsync();
        var oversized = "{\"name\":\"" + new string('x', 1024 * 1024 + 10) + "\",\"kind\":\"CENTRAL\"}";

        using var announced = await admin.PutAsync("/api/v1/admin/agencies/KEMENKEU", new StringContent(oversized, Encoding.UTF8, "application/json"));
        await announced.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var chunkedContent = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(oversized)));
        chunkedContent.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var chunked = new HttpRequestMessage(HttpMethod.Put, "/api/v1/admin/agencies/KEMENKEU") { Content = chunkedContent };
        chunked.Headers.TransferEncodingChunked = true;
        using var response = await admin.SendAsync(chunked);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Json_nested_deeper_than_32_levels_is_a_400_problem()
    {
        using var admin = await factory.AdminClientAsync();
        var deep = "{\"name\":\"x\",\"kind\":\"CENTRAL\",\"code\":" + new string('[', 40) + new string(']', 40) + "}";

        using var response = await admin.PutAsync("/api/v1/admin/agencies/KEMENKEU", new StringContent(deep, Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
