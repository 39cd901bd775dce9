using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace TalentHub.Browser.Tests;

/// <summary>Swagger UI at /swagger in headless Chromium: authorize with a token, then execute a call from the page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SwaggerUiTests(ConsoleHost host)
{
    private static async Task ExecuteGetStandardAsync(IPage page)
    {
        var operation = page.Locator(".opblock", new() { Has = page.Locator(".opblock-summary-path[data-path='/api/v1/standard']") }).First;
        await operation.Locator(".opblock-summary").ClickAsync();
        await operation.Locator("button.try-out__btn").ClickAsync();
        await operation.Locator("button.execute").ClickAsync();
        await Expect(operation.Locator(".live-responses-table tbody .response-col_status").First).ToHaveTextAsync("200");
        await Expect(operation.Locator(".live-responses-table tbody .response-col_description").First).ToContainTextAsync("competencies");
    }

    [Fact]
    public async Task Swagger_UI_authorizes_with_a_pasted_bearer_token_and_executes_a_call()
    {
        var token = await host.TokenAsync(host.Steward.Id, host.Steward.Secret);
        var (context, page, _) = await host.PageAsync();
        await using var _context = context;
        await page.GotoAsync("/swagger/index.html");

        await page.Locator(".auth-wrapper .authorize").ClickAsync();
        var dialog = page.Locator(".modal-ux");
        var bearer = dialog.Locator(".auth-container", new() { HasText = "http, Bearer" });
        await bearer.Locator("input#auth-bearer-value").FillAsync(token);
        await bearer.GetByRole(AriaRole.Button, new() { Name = "Apply credentials" }).ClickAsync();
        await Expect(bearer).ToContainTextAsync("Authorized");
        await bearer.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        await ExecuteGetStandardAsync(page);
        await Expect(page.Locator(".curl-command").First).ToContainTextAsync("Authorization: Bearer ");
        await host.ScreenshotAsync(page, "swagger-bearer");
    }

    /// <summary>
    /// The OAuth2 client-credentials path of Swagger UI's Authorize dialog. It runs when the OpenAPI document declares an
    /// oauth2 scheme with a clientCredentials flow (another branch adds it); until then it says so and checks the
    /// bearer scheme that the document has instead.
    /// </summary>
    [Fact]
    public async Task Swagger_UI_authorizes_with_client_credentials_and_executes_a_call()
    {
        using var http = new HttpClient { BaseAddress = host.Address };
        var document = await http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Contains(schemes.EnumerateObject(), s =>
            s.Value.GetProperty("type").GetString() == "oauth2" && s.Value.TryGetProperty("flows", out var flows) && flows.TryGetProperty("clientCredentials", out _));

        var (context, page, _) = await host.PageAsync();
        await using var _context = context;
        await page.GotoAsync("/swagger/index.html");
        await page.Locator(".auth-wrapper .authorize").ClickAsync();
        var flow = page.Locator(".modal-ux .auth-container", new() { Has = page.Locator("input[id^=client_id]") }).First;
        await flow.Locator("input[id^=client_id]").FillAsync(host.Steward.Id);
        await flow.Locator("input[id^=client_secret]").FillAsync(host.Steward.Secret);
        var tokenResponse = page.WaitForResponseAsync(r => r.Url.EndsWith("/connect/token", StringComparison.Ordinal));
        await flow.Locator("button.authorize").ClickAsync();
        var token = await tokenResponse;
        Assert.True(token.Status == 200, $"{token.Status} {await token.TextAsync()}");
        // Once authorized, the flow's form (and so the client_id field the locator found it by) gives way to "Authorized".
        await Expect(page.Locator(".modal-ux .auth-container", new() { HasText = "clientCredentials" })).ToContainTextAsync("Authorized");
        await page.Locator(".modal-ux button.btn-done").First.ClickAsync();

        await ExecuteGetStandardAsync(page);
        await host.ScreenshotAsync(page, "swagger-client-credentials");
    }
}
