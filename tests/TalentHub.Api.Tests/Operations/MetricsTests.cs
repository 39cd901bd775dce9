using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using TalentHub.Api.Tests.Infrastructure;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Operations;

/// <summary>The real server (Kestrel) serving its public address and, on a port of its own, the operators' metrics.</summary>
public sealed class MetricsFactory : TalentHubFactory
{
    public MetricsFactory() => UseKestrel();

    public int MetricsPort { get; } = FreePort();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["urls"] = "http://127.0.0.1:0",
        ["Metrics:Port"] = MetricsPort.ToString(CultureInfo.InvariantCulture),
        ["Metrics:Host"] = "127.0.0.1",
    };

    public IReadOnlyList<Uri> Addresses => [.. Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a))];

    /// <summary>An HTTP client of the management port, as Prometheus (or an operator's curl) reaches it.</summary>
    public HttpClient Scraper() => new() { BaseAddress = new Uri($"http://127.0.0.1:{MetricsPort}") };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The Prometheus scrape endpoint (issue 19, Observability): an agency's submission goes through the real job, then the
/// operator's scrape of the management port shows that agency's record counts equal to the submission's, and the queue
/// and lag gauges; the public port never serves the metrics.
/// </summary>
public sealed partial class MetricsTests(MetricsFactory factory) : IClassFixture<MetricsFactory>
{
    [Fact]
    public async Task After_a_submission_the_scrape_shows_its_agencys_record_counts_and_the_queue_and_lag_gauges()
    {
        // An agency of this test alone: the counters are process-wide and other hosts in this process count theirs.
        var agency = "OBS-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using (var admin = await factory.AdminClientAsync())
        {
            (await admin.PutAsJsonAsync($"/api/v1/admin/agencies/{agency}", new { name = "Observability " + agency, kind = "CENTRAL" })).EnsureSuccessStatusCode();
        }

        await RegisterValidRecordMappingsAsync(factory, agency);
        using var client = await factory.ClientWithScopesAsync(agency, "submissions.write");
        var invalid = ValidRecord(31);
        invalid["gender"] = "X";
        var unmapped = ValidRecord(32);
        unmapped["assessments"]![0]!["results"]![2]!["competency"] = "PERENCANAAN WILAYAH";

        var done = await SubmitAndWaitAsync(client, Ndjson([ValidRecord(30), invalid, unmapped, ValidRecord(33)]) + "{broken\n");

        Assert.Equal(
            (5, 2, 1, 2),
            (done.GetProperty("received").GetInt32(), done.GetProperty("accepted").GetInt32(), done.GetProperty("pendingMapping").GetInt32(), done.GetProperty("rejected").GetInt32()));
        using var scraper = factory.Scraper();
        // The job counts the outcome just after committing it, and the host records a request's duration once its
        // response has gone, so the scrape may come a moment before either.
        var samples = await ScrapeUntilAsync(
            scraper,
            s => Value(s, "talenthub_records_processed_total", ("agency", agency), ("outcome", "rejected")) is not null
                && s.Any(sample => sample.Name == "http_server_request_duration_seconds_count"));
        Assert.Equal<double?>(5, Value(samples, "talenthub_records_received_total", ("agency", agency)));
        Assert.Equal<double?>(2, Value(samples, "talenthub_records_processed_total", ("agency", agency), ("outcome", "accepted")));
        Assert.Equal<double?>(1, Value(samples, "talenthub_records_processed_total", ("agency", agency), ("outcome", "pending_mapping")));
        Assert.Equal<double?>(2, Value(samples, "talenthub_records_processed_total", ("agency", agency), ("outcome", "rejected")));
        Assert.Equal<double?>(1, Value(samples, "talenthub_submissions_finished_total", ("agency", agency), ("status", "COMPLETED_WITH_ERRORS")));

        Assert.NotNull(Value(samples, "talenthub_jobs_queue_depth", ("queue", "default")));
        Assert.NotNull(Value(samples, "talenthub_jobs_queue_oldest_age_seconds", ("queue", "default")));
        Assert.NotNull(Value(samples, "talenthub_jobs_running", ("queue", "default")));
        Assert.NotNull(Value(samples, "talenthub_reconciliation_lag_seconds"));
        Assert.NotNull(Value(samples, "talenthub_submissions_unfinished"));
        Assert.NotNull(Value(samples, "talenthub_change_feed_watermark_lag_seconds"));
        Assert.NotNull(Value(samples, "talenthub_change_feed_held_back"));
        // The framework's own instruments come through the same endpoint.
        Assert.Contains(samples, s => s.Name == "http_server_request_duration_seconds_count");
    }

    [Fact]
    public async Task The_public_port_refuses_metrics_to_anonymous_and_token_callers_even_when_they_name_the_management_port()
    {
        var publicAddress = Assert.Single(factory.Addresses, a => a.Port != factory.MetricsPort);
        using var anonymous = new HttpClient { BaseAddress = publicAddress };

        await (await anonymous.GetAsync("/metrics")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        // The management port is told by the connection, not by the Host header a caller writes.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{factory.MetricsPort}";
        await (await anonymous.SendAsync(spoofed)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        using var admin = await factory.AdminClientAsync();
        Assert.Equal(publicAddress, admin.BaseAddress);
        await (await admin.GetAsync("/metrics")).AssertProblemAsync(HttpStatusCode.NotFound);

        // The management port serves the metrics alone: not the API, not even to a token.
        using var scraper = factory.Scraper();
        Assert.Equal(HttpStatusCode.OK, (await scraper.GetAsync("/metrics")).StatusCode);
        using var apiOnManagementPort = new HttpRequestMessage(HttpMethod.Get, "/api/v1/standard");
        apiOnManagementPort.Headers.Authorization = admin.DefaultRequestHeaders.Authorization;
        Assert.Equal(HttpStatusCode.NotFound, (await scraper.SendAsync(apiOnManagementPort)).StatusCode);
    }

    private sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    private static async Task<List<Sample>> ScrapeUntilAsync(HttpClient scraper, Func<List<Sample>, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            using var response = await scraper.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            var text = await response.Content.ReadAsStringAsync();
            var samples = Parse(text);
            if (done(samples))
            {
                return samples;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The scrape never showed the expected series:\n" + text);
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The value of the one series with this name and these labels (others may be present), or null.</summary>
    private static double? Value(List<Sample> samples, string name, params (string Label, string Value)[] labels) =>
        samples.SingleOrDefault(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Label, out var v) && v == l.Value))?.Value;

    /// <summary>The Prometheus text exposition format: <c>name{label="value",...} value [timestamp]</c>; comments skipped.</summary>
    private static List<Sample> Parse(string text) =>
        [.. text.Split('\n')
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => SampleLine().Match(line))
            .Select(match => new Sample(
                match.Groups["name"].Value,
                LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value),
                match.Groups["value"].Value switch
                {
                    "+Inf" => double.PositiveInfinity,
                    "-Inf" => double.NegativeInfinity,
                    var number => double.Parse(number, CultureInfo.InvariantCulture),
                }))];

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+-?\d+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
