using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using TalentHub.Api.WebConsole;
using static Microsoft.Playwright.Assertions;

namespace TalentHub.Browser.Tests;

/// <summary>
/// The console at /console in headless Chromium against the real host: sign in with client credentials, the 9-box with
/// the seeded population's counts and a box's members, the competency heatmap and the scorecards, a conflict resolved
/// and a duplicate kept apart, a submission's error CSV downloaded; served anonymously with a self-only CSP, the token
/// in memory only. Screenshots go to screenshots/ in the test output directory.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleTests(ConsoleHost host)
{
    private static async Task SignInAsync(IPage page, ConsoleHost host)
    {
        await page.GotoAsync("/console");
        await page.GetByLabel("Client id").FillAsync(host.Steward.Id);
        await page.GetByLabel("Client secret").FillAsync(host.Steward.Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console sections" })).ToBeVisibleAsync();
    }

    private static async Task ExpectBoxesAsync(IPage page, IReadOnlyDictionary<int, int> boxes, int unplaced)
    {
        foreach (var (box, people) in boxes)
        {
            await Expect(page.Locator($".box[data-box='{box}'] .box-count")).ToHaveTextAsync(people.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Expect(page.Locator(".box-unplaced")).ToHaveTextAsync($"Unplaced: {unplaced}");
    }

    [Fact]
    public async Task Signing_in_shows_the_national_nine_box_with_the_seeded_counts_filters_by_agency_and_lists_a_boxs_members()
    {
        var (context, page, problems) = await host.PageAsync();
        await using var _ = context;
        await SignInAsync(page, host);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "9-box" })).ToBeVisibleAsync();
        await ExpectBoxesAsync(page, Population.NationalBoxes, Population.NationalUnplaced);
        await Expect(page.Locator(".box[data-box='9'] .box-advice")).ToContainTextAsync(new Regex("promote and retain", RegexOptions.IgnoreCase));
        await Expect(page.Locator(".box[data-box='1'] .box-advice")).ToContainTextAsync(new Regex("disciplinary", RegexOptions.IgnoreCase));
        // Colour and words: each box names its tier as text.
        await Expect(page.Locator(".box[data-box='9'] .box-tier")).ToHaveTextAsync("Top talent");

        await page.GetByLabel("Agency", new() { Exact = true }).SelectOptionAsync("PROV-35");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await ExpectBoxesAsync(page, Population.Prov35Boxes, Population.Prov35Unplaced);
        await page.Locator(".box[data-box='8']").ClickAsync();
        await Expect(page.Locator(".members tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator(".members tbody tr td:first-child")).ToHaveTextAsync([Population.Nip(2), Population.Nip(10)]);

        await page.GetByLabel("Agency", new() { Exact = true }).SelectOptionAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await ExpectBoxesAsync(page, Population.NationalBoxes, Population.NationalUnplaced);
        await page.Locator(".box[data-box='9']").ClickAsync();
        await Expect(page.Locator(".members caption")).ToHaveTextAsync("Members of Box 9");
        await Expect(page.Locator(".members tbody tr td:first-child")).ToHaveTextAsync([Population.Nip(1), Population.Nip(7), Population.Nip(8), Population.Nip(9)]);
        await host.ScreenshotAsync(page, "console-nine-box");

        await page.Locator(".box-unplaced").ClickAsync();
        await Expect(page.Locator(".members tbody tr")).ToHaveCountAsync(Population.NationalUnplaced);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_competency_heatmap_ranks_weakest_first_and_the_scorecards_show_each_agency()
    {
        var (context, page, problems) = await host.PageAsync();
        await using var _ = context;
        await SignInAsync(page, host);

        await page.GetByRole(AriaRole.Link, new() { Name = "Competency map" }).ClickAsync();
        using var api = await host.ClientAsync(host.Steward.Id, host.Steward.Secret);
        var map = await api.GetFromJsonAsync<JsonElement>("/api/v1/analytics/competency-map?groupBy=AGENCY");
        var weakest = map.GetProperty("nationalRanking").EnumerateArray().Select(c => c.GetProperty("competency").GetString()!).Where(c => !c.StartsWith("T.", StringComparison.Ordinal)).ToList();
        await Expect(page.Locator("table.heatmap thead th .code")).ToHaveTextAsync([.. weakest]);
        await Expect(page.Locator("table.heatmap tbody th")).ToContainTextAsync(["PROV-33", "PROV-35"]);
        await Expect(page.Locator("table.heatmap td.heat").First).ToHaveTextAsync(new Regex(@"^\d+ %$"));
        await host.ScreenshotAsync(page, "console-competency-map");

        await page.GetByRole(AriaRole.Link, new() { Name = "Data quality" }).ClickAsync();
        await page.GetByLabel("Agency", new() { Exact = true }).SelectOptionAsync("PROV-35");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        // The scorecards are computed per agency on request; on a machine busy with the other test projects that takes seconds.
        await Expect(page.Locator(".scroll > table > tbody > tr")).ToHaveCountAsync(1, new() { Timeout = 30_000 });
        var prov35 = page.Locator(".scroll > table > tbody > tr", new() { Has = page.Locator("th", new() { HasText = "PROV-35" }) });
        // Six people and two broken records: 8 received, a quarter rejected.
        await Expect(prov35.Locator("td").Nth(0)).ToHaveTextAsync("8");
        await Expect(prov35.Locator("td").Nth(1)).ToContainTextAsync("75 % / 0 % / 25 %");
        await Expect(prov35.Locator("svg[role=img]")).ToHaveAttributeAsync("aria-label", new Regex("rejected 25.0 %"));
        await host.ScreenshotAsync(page, "console-data-quality");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_steward_resolves_a_conflict_with_If_Match_and_keeps_a_possible_duplicate_apart()
    {
        var (context, page, problems) = await host.PageAsync();
        await using var _ = context;
        await SignInAsync(page, host);
        var nip = Population.Nip(Population.ConflictPerson);

        await page.GetByRole(AriaRole.Link, new() { Name = "Stewardship" }).ClickAsync();
        var review = page.GetByRole(AriaRole.Button, new() { Name = $"Review CONCURRENT_EMPLOYMENT of {nip}" });
        await review.ClickAsync();
        var form = page.Locator(".detail form.decision");
        await Expect(form.Locator("table tbody tr")).ToHaveCountAsync(2);
        await form.Locator("input[name=choice][value='agency:PROV-31']").CheckAsync();
        await form.GetByLabel("Reason").FillAsync("BKN confirmed with both agencies: employed by PROV-31");
        await host.ScreenshotAsync(page, "console-stewardship");
        await form.GetByRole(AriaRole.Button, new() { Name = "Resolve conflict" }).ClickAsync();

        await Expect(page.Locator(".detail .done")).ToContainTextAsync($"Resolved: conflict CONCURRENT_EMPLOYMENT of {nip}");
        await Expect(review).ToHaveCountAsync(0);
        using var api = await host.ClientAsync(host.Steward.Id, host.Steward.Secret);
        var resolved = await api.GetFromJsonAsync<JsonElement>($"/api/v1/conflicts?nip={nip}&status=RESOLVED");
        var conflict = Assert.Single(resolved.GetProperty("items").EnumerateArray(), c => c.GetProperty("kind").GetString() == "CONCURRENT_EMPLOYMENT");
        Assert.Equal("BKN confirmed with both agencies: employed by PROV-31", conflict.GetProperty("reason").GetString());
        var profile = await api.GetFromJsonAsync<JsonElement>($"/api/v1/profiles/{nip}");
        Assert.Equal("PROV-31", profile.GetProperty("employingAgency").GetString());

        var pair = page.Locator("article.duplicate", new() { HasText = $"{Population.Nip(Population.DuplicateFirst)} and {Population.Nip(Population.DuplicateSecond)}" });
        await Expect(pair).ToContainTextAsync("SAME_NIK");
        await pair.GetByLabel("Decision").SelectOptionAsync("KEEP_APART");
        await pair.GetByLabel("Reason").FillAsync("Dukcapil: two people");
        await pair.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Expect(pair).ToHaveCountAsync(0);
        var decisions = await api.GetFromJsonAsync<JsonElement>($"/api/v1/stewardship/decisions?nip={Population.Nip(Population.DuplicateFirst)}");
        Assert.Contains(decisions.GetProperty("items").EnumerateArray(), d => d.GetProperty("kind").GetString() == "KEEP_APART");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task A_submissions_error_CSV_downloads_with_the_bearer_token()
    {
        var (context, page, problems) = await host.PageAsync();
        await using var _ = context;
        await SignInAsync(page, host);

        await page.GetByRole(AriaRole.Link, new() { Name = "Submissions" }).ClickAsync();
        var row = page.Locator($"tr[data-submission='{host.BrokenSubmissionId}']");
        await Expect(row).ToContainTextAsync("COMPLETED_WITH_ERRORS");
        await host.ScreenshotAsync(page, "console-submissions");
        var download = await page.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Button).ClickAsync());

        Assert.Equal($"submission-{host.BrokenSubmissionId}-errors.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllLinesAsync(await download.PathAsync())).Where(l => l.Length > 0).ToList();
        Assert.Equal("recordIndex,line,nip,pointer,code,message", lines[0]);
        Assert.True(lines.Count > Population.BrokenRecords, string.Join('\n', lines));
        Assert.Contains(lines, l => l.StartsWith("0,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("1,", StringComparison.Ordinal));
        Assert.Empty(problems);
    }

    [Fact]
    public async Task The_console_is_anonymous_static_files_under_a_self_only_CSP_and_keeps_the_token_in_memory_only()
    {
        using (var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Address })
        {
            using var bare = await http.GetAsync("/console");
            Assert.True(bare.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect, bare.StatusCode.ToString());
            Assert.EndsWith("/console/", bare.Headers.Location?.ToString(), StringComparison.Ordinal);
            using var index = await http.GetAsync("/console/");
            Assert.Equal(HttpStatusCode.OK, index.StatusCode);
            Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
            Assert.Equal(ConsoleSetup.ContentSecurityPolicy, index.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", index.Headers.GetValues("X-Content-Type-Options").Single());
            var html = await index.Content.ReadAsStringAsync();
            Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
            using var script = await http.GetAsync("/console/app.js");
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
            using var missing = await http.GetAsync("/console/nothing.js");
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
            // The data stay behind the token.
            using var data = await http.GetAsync("/api/v1/analytics/nine-box");
            Assert.Equal(HttpStatusCode.Unauthorized, data.StatusCode);
        }

        var (context, page, problems) = await host.PageAsync();
        await using var _ = context;
        await page.GotoAsync("/console");
        await page.GetByLabel("Client id").FillAsync(host.Steward.Id);
        await page.GetByLabel("Client secret").FillAsync("not-the-secret");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#sign-in-error")).ToContainTextAsync("Sign-in failed");
        // The token endpoint's refusal (and the browser's report of it as a failed load) is expected; nothing else may fail.
        Assert.Contains(problems, p => p.Contains("/connect/token", StringComparison.Ordinal));
        problems.RemoveAll(p => p.Contains("/connect/token", StringComparison.Ordinal) || p.Contains("Failed to load resource", StringComparison.Ordinal));

        await page.GetByLabel("Client secret").FillAsync(host.Steward.Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#who")).ToContainTextAsync(host.Steward.Id);
        await Expect(page.GetByLabel("Client secret")).ToHaveValueAsync("");
        var stored = await page.EvaluateAsync<JsonElement>("() => [localStorage.length, sessionStorage.length, document.cookie]");
        Assert.Equal("[0,0,\"\"]", stored.GetRawText());
        Assert.Empty(await context.CookiesAsync());

        // Signing out forgets the token: the views are gone until the next sign-in, and a reload starts signed out.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Console sections" })).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Empty(problems);
    }
}
