using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using TalentHub.Api.Tests.Infrastructure;

namespace TalentHub.Api.Tests.Auth;

[Collection(ApiCollection.Name)]
public sealed class TokenEndpointTests(TalentHubFactory factory)
{
    private async Task<HttpResponseMessage> RequestTokenAsync(Dictionary<string, string> form)
    {
        using var client = factory.CreateClient();
        return await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }

    private static Dictionary<string, string> Form(string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return form;
    }

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, string error, HttpStatusCode status = HttpStatusCode.BadRequest)
    {
        Assert.Equal(status, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Client_credentials_give_a_short_lived_bearer_token_with_all_allowed_scopes_and_the_agency()
    {
        var (id, secret) = await factory.CreateApiClientAsync("PROV-35", "submissions.write", "profiles.read");

        using var response = await RequestTokenAsync(Form(id, secret));

        var body = await response.JsonAsync();
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        Assert.Equal(900, body.GetProperty("expires_in").GetInt32());
        Assert.Equal("profiles.read submissions.write", body.GetProperty("scope").GetString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var jwt = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal(TalentHubFactory.TestKeyId, jwt.Kid);
        Assert.Equal("PROV-35", jwt.GetClaim("agency").Value);
        Assert.Equal(id, jwt.GetClaim("client_id").Value);
        Assert.Equal(TimeSpan.FromMinutes(15), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task A_requested_subset_of_scopes_is_granted_exactly()
    {
        var (id, secret) = await factory.CreateApiClientAsync("PROV-35", "submissions.write", "profiles.read", "pii");

        using var response = await RequestTokenAsync(Form(id, secret, "pii profiles.read"));

        Assert.Equal("pii profiles.read", (await response.JsonAsync()).GetProperty("scope").GetString());
    }

    [Fact]
    public async Task Asking_for_a_scope_the_client_lacks_is_invalid_scope()
    {
        var (id, secret) = await factory.CreateApiClientAsync("PROV-35", "profiles.read");

        using var response = await RequestTokenAsync(Form(id, secret, "profiles.read admin"));

        await AssertOAuthErrorAsync(response, "invalid_scope");
    }

    [Fact]
    public async Task A_wrong_secret_an_unknown_client_and_a_disabled_client_are_invalid_client()
    {
        var (id, secret) = await factory.CreateApiClientAsync(null, "profiles.read");
        await AssertOAuthErrorAsync(await RequestTokenAsync(Form(id, secret + "x")), "invalid_client");
        await AssertOAuthErrorAsync(await RequestTokenAsync(Form("thc_nobody", secret)), "invalid_client");

        using var admin = await factory.AdminClientAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/admin/clients/{id}")).StatusCode);

        await AssertOAuthErrorAsync(await RequestTokenAsync(Form(id, secret)), "invalid_client");
    }

    [Fact]
    public async Task Grant_types_other_than_client_credentials_and_non_form_bodies_are_refused()
    {
        var form = Form("a", "b");
        form["grant_type"] = "password";
        await AssertOAuthErrorAsync(await RequestTokenAsync(form), "unsupported_grant_type");

        await AssertOAuthErrorAsync(await RequestTokenAsync(new Dictionary<string, string> { ["client_id"] = "a" }), "invalid_request");

        using var client = factory.CreateClient();
        using var json = await client.PostAsJsonAsync("/connect/token", new { grant_type = "client_credentials" });
        await json.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Http_basic_client_authentication_works_and_its_failure_is_a_401_challenge()
    {
        var (id, secret) = await factory.CreateApiClientAsync(null, "analytics.read");
        using var client = factory.CreateClient();

        using var ok = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}"))) },
        };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(ok)).StatusCode);

        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "client_credentials" }),
            Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:nope"))) },
        };
        using var refused = await client.SendAsync(wrong);
        await AssertOAuthErrorAsync(refused, "invalid_client", HttpStatusCode.Unauthorized);
        Assert.Contains("Basic", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    /// <summary>What Swagger UI's OAuth2 client-credentials login sends: the credentials as HTTP Basic, the chosen scopes in the body.</summary>
    [Fact]
    public async Task A_swagger_ui_login_with_basic_credentials_and_a_scope_gets_a_token_with_that_scope()
    {
        var (id, secret) = await factory.CreateApiClientAsync(null, "profiles.read", "changes.read");
        using var client = factory.CreateClient();

        using var request = BasicTokenRequest(id, secret, new() { ["grant_type"] = "client_credentials", ["scope"] = "changes.read" });
        using var response = await client.SendAsync(request);

        var body = await response.JsonAsync();
        Assert.Equal("changes.read", body.GetProperty("scope").GetString());
        var token = body.GetProperty("access_token").GetString();
        using var feed = new HttpRequestMessage(HttpMethod.Get, "/api/v1/changes") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(feed)).StatusCode);
    }

    [Fact]
    public async Task Basic_credentials_with_a_secret_or_another_client_id_in_the_body_are_two_methods_and_invalid_request()
    {
        var (id, secret) = await factory.CreateApiClientAsync(null, "analytics.read");
        using var client = factory.CreateClient();

        using var secretTwice = BasicTokenRequest(id, secret, new() { ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret });
        await AssertOAuthErrorAsync(await client.SendAsync(secretTwice), "invalid_request");

        using var otherClient = BasicTokenRequest(id, secret, new() { ["grant_type"] = "client_credentials", ["client_id"] = "someone-else" });
        await AssertOAuthErrorAsync(await client.SendAsync(otherClient), "invalid_request");

        // The same client named in the body only identifies it.
        using var sameClient = BasicTokenRequest(id, secret, new() { ["grant_type"] = "client_credentials", ["client_id"] = id });
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(sameClient)).StatusCode);
    }

    private static HttpRequestMessage BasicTokenRequest(string id, string secret, Dictionary<string, string> form) => new(HttpMethod.Post, "/connect/token")
    {
        Content = new FormUrlEncodedContent(form),
        Headers = { Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id}:{secret}"))) },
    };

    [Fact]
    public async Task Rotating_a_secret_invalidates_the_old_one_at_once()
    {
        var (id, oldSecret) = await factory.CreateApiClientAsync(null, "profiles.read");
        using var admin = await factory.AdminClientAsync();

        using var rotated = await admin.PostAsync($"/api/v1/admin/clients/{id}/rotate-secret", null);
        var newSecret = (await rotated.JsonAsync()).GetProperty("clientSecret").GetString()!;

        Assert.NotEqual(oldSecret, newSecret);
        await AssertOAuthErrorAsync(await RequestTokenAsync(Form(id, oldSecret)), "invalid_client");
        Assert.Equal(HttpStatusCode.OK, (await RequestTokenAsync(Form(id, newSecret))).StatusCode);
    }

    public static TheoryData<string> ForgedTokens => new()
    {
        "wrong-key",
        "wrong-issuer",
        "wrong-audience",
        "expired",
        "unsigned",
    };

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task Tokens_with_a_wrong_key_issuer_audience_lifetime_or_algorithm_get_401(string forgery)
    {
        var validKey = new SymmetricSecurityKey(Convert.FromBase64String(factory.SigningKey)) { KeyId = TalentHubFactory.TestKeyId };
        var otherKey = new SymmetricSecurityKey(new byte[48]) { KeyId = TalentHubFactory.TestKeyId };
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = forgery == "wrong-issuer" ? "someone-else" : "talenthub",
            Audience = forgery == "wrong-audience" ? "another-api" : "talenthub-api",
            IssuedAt = forgery == "expired" ? now.AddHours(-2) : now,
            NotBefore = forgery == "expired" ? now.AddHours(-2) : now,
            Expires = forgery == "expired" ? now.AddHours(-1) : now.AddMinutes(10),
            Claims = new Dictionary<string, object> { ["client_id"] = factory.AdminClientId, ["scope"] = "admin profiles.read" },
            SigningCredentials = forgery switch
            {
                "unsigned" => null,
                "wrong-key" => new SigningCredentials(otherKey, SecurityAlgorithms.HmacSha256),
                _ => new SigningCredentials(validKey, SecurityAlgorithms.HmacSha256),
            },
        };
        var token = new JsonWebTokenHandler().CreateToken(descriptor);
        using var client = factory.Authorized(token);

        using var response = await client.GetAsync("/api/v1/standard");

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_expires_by_the_service_clock()
    {
        var token = await factory.TokenAsync(factory.AdminClientId, factory.AdminSecret);
        using var client = factory.Authorized(token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/standard")).StatusCode);

        var clock = factory.Clock;
        var now = clock.GetUtcNow();
        try
        {
            clock.SetNow(now.AddMinutes(16));
            await (await client.GetAsync("/api/v1/standard")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }
        finally
        {
            clock.SetNow(now);
        }
    }
}
