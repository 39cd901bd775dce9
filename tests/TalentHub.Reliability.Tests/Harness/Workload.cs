using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TalentHub.Reliability.Tests.Harness;

/// <summary>The kinds of work a worker can be killed in the middle of.</summary>
public enum WorkPhase
{
    /// <summary>A submission's records: validated, normalized and reconciled chunk by chunk.</summary>
    Submission,
    Renormalization,
    Rebuild,
    Export,
}

/// <summary>A kill of the worker (or a crash of the database): in which phase, the progress it froze at, and how long after the restart the job moved again.</summary>
public sealed record Interruption(WorkPhase Phase, string FrozenAt, TimeSpan ResumedAfterRestart);

/// <summary>What callers saw while the database was down.</summary>
public sealed record Outage(int ReadyStatus, int RequestStatus, string? RequestContentType, string? RetryAfter);

/// <summary>
/// The same work in the same order on any installation, as an integrator and BKN would do it through the API: every
/// agency registered with its mappings and its records submitted (one submission at a time, each awaited), then a scale
/// corrected (a re-normalization), an index rebuild, and two exports of the whole index. In the phases named by
/// <see cref="KillDuring"/> the worker is killed with SIGKILL once the job reports progress part-way, checked to stay
/// frozen while no worker lives, and restarted. In <see cref="DatabaseCrashDuring"/>, PostgreSQL itself is stopped
/// as a crash would stop it and started again, while the API is asked for its readiness and the job's status.
/// </summary>
public sealed class Workload(Installation installation, TalentDataset dataset, PostgresCluster? cluster = null)
{
    private static readonly TimeSpan DatabaseDowntime = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ResumptionTimeout = TimeSpan.FromMinutes(3);

    public IReadOnlySet<WorkPhase> KillDuring { get; init; } = new HashSet<WorkPhase>();

    public WorkPhase? DatabaseCrashDuring { get; init; }

    /// <summary>Every agency's submission posted at once and followed side by side.</summary>
    public bool SubmitAllAtOnce { get; init; }

    /// <summary>Agencies posted in the reverse of the dataset's order.</summary>
    public bool Reversed { get; init; }

    public List<Interruption> Interruptions { get; } = [];

    public Outage? Outage { get; private set; }

    /// <summary>The SHA-256 of each export's decompressed content, the one the kill may have hit first.</summary>
    public List<string> ExportDigests { get; } = [];

    public async Task RunAsync()
    {
        using var admin = installation.Admin();
        var clients = await RegisterAsync(admin);
        try
        {
            // The largest agency's submission is interrupted part-way.
            var bySize = dataset.Agencies.OrderByDescending(a => a.Records).ThenBy(a => a.Code, StringComparer.Ordinal).ToList();
            if (SubmitAllAtOnce)
            {
                var posted = new List<(HttpClient Client, TalentDataset.Agency Agency, string Location)>();
                foreach (var agency in Reversed ? dataset.Agencies.Reverse() : dataset.Agencies)
                {
                    posted.Add((clients[agency.Code], agency, await PostRecordsAsync(clients[agency.Code], agency)));
                }

                await Task.WhenAll(posted.Select(p => AwaitSubmissionAsync(p.Client, p.Agency, p.Location, killIn: null)));
            }
            else
            {
                foreach (var agency in dataset.Agencies)
                {
                    var killIn = agency == bySize[0] ? WorkPhase.Submission : (WorkPhase?)null;
                    await AwaitSubmissionAsync(clients[agency.Code], agency, await PostRecordsAsync(clients[agency.Code], agency), killIn);
                }
            }

            await CorrectScaleAsync(clients[dataset.Largest.Code]);
            await RebuildAsync(admin);
            await ExportAsync(admin, kill: true);
            await ExportAsync(admin, kill: false);
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }
    }

    private async Task<Dictionary<string, HttpClient>> RegisterAsync(HttpClient admin)
    {
        foreach (var agency in dataset.Agencies)
        {
            using var put = await admin.PutAsJsonAsync($"/api/v1/admin/agencies/{agency.Code}", new { name = agency.Name, kind = agency.Kind, provinceCode = agency.ProvinceCode });
            await EnsureAsync(put);
        }

        var clients = new Dictionary<string, HttpClient>();
        foreach (var agency in dataset.Agencies)
        {
            var client = await installation.AgencyClientAsync(admin, agency.Code, "submissions.write", "mappings.write");
            clients[agency.Code] = client;
            var mappings = dataset.MappingsOf(agency.Code);
            foreach (var scale in mappings.Scales)
            {
                using var put = await client.PutAsJsonAsync($"/api/v1/agencies/{agency.Code}/scales/{scale.ScaleCode}", scale.Body);
                await EnsureAsync(put);
            }

            using var dictionary = await client.PutAsJsonAsync($"/api/v1/agencies/{agency.Code}/dictionary", mappings.Dictionary);
            await EnsureAsync(dictionary);
        }

        return clients;
    }

    private async Task<string> PostRecordsAsync(HttpClient client, TalentDataset.Agency agency)
    {
        using var content = new StreamContent(File.OpenRead(dataset.RecordsFile(agency.Code)));
        content.Headers.ContentType = new("application/x-ndjson");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions") { Content = content };
        request.Headers.Add("Idempotency-Key", "reliability-" + agency.Code);
        using var response = await client.SendAsync(request);
        await EnsureAsync(response);
        return response.Headers.Location!.ToString();
    }

    private async Task AwaitSubmissionAsync(HttpClient client, TalentDataset.Agency agency, string location, WorkPhase? killIn)
    {
        var done = await FollowAsync(
            client,
            location,
            killIn,
            finished: s => s.GetProperty("status").GetString() is not ("RECEIVED" or "PROCESSING"),
            partWay: (s, phase) => s.GetProperty("status").GetString() == "PROCESSING" && Progress(s) is var (p, d, t)
                && p == "PROCESSING" && d > 0 && d < t,
            progress: s => $"{s.GetProperty("status").GetString()} {Progress(s)}");
        Assert.True(done.GetProperty("status").GetString() is "COMPLETED" or "COMPLETED_WITH_ERRORS", $"{agency.Code}: {done}\n{installation.Diagnostics()}");
    }

    private static (string Phase, int Done, int Total) Progress(JsonElement submission)
    {
        var progress = submission.GetProperty("progress");
        return (progress.GetProperty("phase").GetString()!, progress.GetProperty("done").GetInt32(), progress.GetProperty("total").GetInt32());
    }

    /// <summary>Corrects the largest agency's label scale (its top label one level lower): every record assessed on it is re-normalized.</summary>
    private async Task CorrectScaleAsync(HttpClient client)
    {
        var agency = dataset.Largest.Code;
        var scale = dataset.MappingsOf(agency).Scales.First(s => s.Body.GetProperty("kind").GetString() == "LABELS");
        var body = JsonNode.Parse(scale.Body.GetRawText())!.AsObject();
        var labels = body["labels"]!.AsObject();
        var top = labels.MaxBy(l => l.Value!.GetValue<int>()).Key;
        labels[top] = labels[top]!.GetValue<int>() - 1;
        using var response = await client.PutAsJsonAsync($"/api/v1/agencies/{agency}/scales/{scale.ScaleCode}", body);
        await EnsureAsync(response);
        var link = response.Headers.GetValues("Link").Single();
        var run = await FollowAsync(
            client,
            link[(link.IndexOf('<') + 1)..link.IndexOf('>')],
            WorkPhase.Renormalization,
            finished: r => r.GetProperty("status").GetString() is "COMPLETED" or "FAILED",
            partWay: (r, _) => r.GetProperty("status").GetString() == "RUNNING" && r.GetProperty("done").GetInt32() is var d && d > 0 && d < r.GetProperty("total").GetInt32(),
            progress: r => $"{r.GetProperty("status").GetString()} {r.GetProperty("done").GetInt32()}/{r.GetProperty("total").GetInt32()}");
        Assert.True(run.GetProperty("status").GetString() == "COMPLETED" && run.GetProperty("total").GetInt32() > 0, run.ToString());
    }

    private async Task RebuildAsync(HttpClient admin)
    {
        using var response = await admin.PostAsync("/api/v1/admin/rebuild", null);
        await EnsureAsync(response);
        var rebuild = await FollowAsync(
            admin,
            response.Headers.Location!.ToString(),
            WorkPhase.Rebuild,
            finished: r => r.GetProperty("status").GetString() is "COMPLETED" or "FAILED",
            partWay: (r, _) => r.GetProperty("status").GetString() == "RUNNING" && r.GetProperty("done").GetInt32() is var d && d > 0 && d < r.GetProperty("total").GetInt32(),
            progress: r => $"{r.GetProperty("status").GetString()} {r.GetProperty("done").GetInt32()}/{r.GetProperty("total").GetInt32()}");
        Assert.True(rebuild.GetProperty("status").GetString() == "COMPLETED", rebuild.ToString());
    }

    private async Task ExportAsync(HttpClient admin, bool kill)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/exports", new { format = "NDJSON" });
        await EnsureAsync(response);
        var location = response.Headers.Location!.ToString();
        var export = await FollowAsync(
            admin,
            location,
            kill ? WorkPhase.Export : null,
            finished: e => e.GetProperty("status").GetString() is "COMPLETED" or "FAILED",
            partWay: (e, _) => e.GetProperty("status").GetString() == "RUNNING" && e.GetProperty("progress").GetProperty("done").GetInt64() > 0,
            progress: e => $"{e.GetProperty("status").GetString()} {e.GetProperty("progress").GetProperty("done").GetInt64()}");
        Assert.True(export.GetProperty("status").GetString() == "COMPLETED", export.ToString());
        await using var file = await admin.GetStreamAsync(location + "/file");
        await using var content = new GZipStream(file, CompressionMode.Decompress);
        ExportDigests.Add(Convert.ToHexString(await SHA256.HashDataAsync(content)));
    }

    /// <summary>
    /// Polls a job's status resource until <paramref name="finished"/>. When <paramref name="killIn"/> is one of
    /// <see cref="KillDuring"/>, the worker is killed the first time the resource shows the job part-way.
    /// </summary>
    private async Task<JsonElement> FollowAsync(
        HttpClient client,
        string url,
        WorkPhase? killIn,
        Func<JsonElement, bool> finished,
        Func<JsonElement, WorkPhase, bool> partWay,
        Func<JsonElement, string> progress)
    {
        var kill = killIn is { } phase && (KillDuring.Contains(phase) || DatabaseCrashDuring == phase) ? phase : (WorkPhase?)null;
        var elapsed = Stopwatch.StartNew();
        while (true)
        {
            var state = await GetAsync(client, url);
            if (finished(state))
            {
                Assert.True(kill is null, $"{url} finished before it was ever seen part-way through {kill}: {state}");
                return state;
            }

            if (kill is { } killPhase && partWay(state, killPhase))
            {
                await InterruptAsync(client, url, killPhase, progress);
                kill = null;
            }

            Assert.True(elapsed.Elapsed < StepTimeout, $"{url} not finished after {StepTimeout}: {state}\n{installation.Diagnostics()}");
            await Task.Delay(20);
        }
    }

    private async Task InterruptAsync(HttpClient client, string url, WorkPhase phase, Func<JsonElement, string> progress)
    {
        if (DatabaseCrashDuring == phase)
        {
            await CrashDatabaseAsync(client, url, phase, progress);
            return;
        }

        installation.KillWorker();
        var frozen = progress(await GetAsync(client, url));
        // With no worker alive, nothing may move: the API process does no job work.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(frozen, progress(await GetAsync(client, url)));

        var sinceRestart = Stopwatch.StartNew();
        await installation.RestartWorkerAsync();
        while (progress(await GetAsync(client, url)) == frozen)
        {
            Assert.True(sinceRestart.Elapsed < ResumptionTimeout, $"{phase}: {url} still at {frozen} {ResumptionTimeout} after the restart\n{installation.Diagnostics()}");
            await Task.Delay(50);
        }

        Interruptions.Add(new Interruption(phase, frozen, sinceRestart.Elapsed));
    }

    private async Task CrashDatabaseAsync(HttpClient client, string url, WorkPhase phase, Func<JsonElement, string> progress)
    {
        var before = progress(await GetAsync(client, url));
        var sinceRestart = new Stopwatch();
        await cluster!.CrashAndRestartAsync(DatabaseDowntime, async () =>
        {
            using var anonymous = installation.Anonymous();
            using var ready = await anonymous.GetAsync("/health/ready");
            using var status = await client.GetAsync(url);
            Outage = new Outage(
                (int)ready.StatusCode,
                (int)status.StatusCode,
                status.Content.Headers.ContentType?.MediaType,
                status.Headers.RetryAfter?.ToString());
        });
        sinceRestart.Start();

        // The job moves again: its next commit changes the progress, or it had finished its step meanwhile.
        while (true)
        {
            using var response = await client.GetAsync(url);
            if (response.StatusCode == HttpStatusCode.OK && progress(await response.Content.ReadFromJsonAsync<JsonElement>()) != before)
            {
                break;
            }

            Assert.True(sinceRestart.Elapsed < ResumptionTimeout, $"{phase}: {url} still at {before} {ResumptionTimeout} after the database restarted\n{installation.Diagnostics()}");
            await Task.Delay(100);
        }

        Interruptions.Add(new Interruption(phase, before, sinceRestart.Elapsed));
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        await EnsureAsync(response);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted or HttpStatusCode.NoContent))
        {
            throw new HttpRequestException($"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
