using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.Infrastructure.Ingestion;
using TalentHub.Infrastructure.Jobs;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Submissions;

/// <summary>A host that stages submissions but runs no worker, so a test can drive, interrupt and resume the job.</summary>
public sealed class NoWorkerFactory : TalentHubFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["role"] = "api" };
}

public sealed class ResumptionTests(NoWorkerFactory factory) : IClassFixture<NoWorkerFactory>
{
    [Fact]
    public async Task A_job_interrupted_after_a_chunk_and_delivered_again_ends_as_an_uninterrupted_run_without_duplicates()
    {
        using var client = await factory.ClientWithScopesAsync("PROV-35", "submissions.write");
        var records = Enumerable.Range(1, 999).Select(i =>
        {
            var record = ValidRecord(i);
            if (i % 10 == 0)
            {
                record["status"] = "ON_HOLIDAY";
                record["grade"] = "Z/z";
            }

            return (JsonNode)record;
        }).ToList();
        // Five more copies of 800 people: duplicates across chunk boundaries, and enough chunks to interrupt.
        records.AddRange(Enumerable.Range(0, 5).SelectMany(_ => records.Take(800)).Select(r => r.DeepClone()).ToList());
        var body = Ndjson(records);

        using var interrupted = await PostAsync(client, body);
        using var reference = await PostAsync(client, body);
        Assert.Equal(HttpStatusCode.Accepted, interrupted.StatusCode);
        var interruptedId = Guid.Parse(interrupted.Headers.Location!.ToString().Split('/')[^1]);
        var referenceId = Guid.Parse(reference.Headers.Location!.ToString().Split('/')[^1]);

        // The "crash": the worker is stopped as soon as its first chunk has committed.
        using (var crash = new CancellationTokenSource())
        {
            var run = RunJobAsync(interruptedId, crash.Token);
            while (await ProgressDoneAsync(interruptedId) < new PipelineSettings().ValidationChunkSize && !run.IsCompleted)
            {
                await Task.Delay(5);
            }

            await crash.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        }

        Assert.Equal("PROCESSING", (await (await client.GetAsync($"/api/v1/submissions/{interruptedId}")).JsonAsync()).GetProperty("status").GetString());

        // Re-delivery: the job runs again (twice, as at-least-once delivery allows), and the reference runs once.
        await Task.WhenAll(RunJobAsync(interruptedId, CancellationToken.None), RunJobAsync(interruptedId, CancellationToken.None));
        await RunJobAsync(interruptedId, CancellationToken.None);
        await RunJobAsync(referenceId, CancellationToken.None);

        var resumed = await (await client.GetAsync($"/api/v1/submissions/{interruptedId}")).JsonAsync();
        var uninterrupted = await (await client.GetAsync($"/api/v1/submissions/{referenceId}")).JsonAsync();
        Assert.Equal("COMPLETED_WITH_ERRORS", resumed.GetProperty("status").GetString());
        foreach (var count in new[] { "received", "accepted", "pendingMapping", "rejected" })
        {
            Assert.Equal(uninterrupted.GetProperty(count).GetInt32(), resumed.GetProperty(count).GetInt32());
        }

        var resumedErrors = (await AllErrorsAsync(client, interruptedId.ToString())).Select(e => e.ToString()).ToList();
        var referenceErrors = (await AllErrorsAsync(client, referenceId.ToString())).Select(e => e.ToString()).ToList();
        Assert.Equal(referenceErrors, resumedErrors);
        Assert.Equal(records.Count, resumed.GetProperty("received").GetInt32());
    }

    private async Task RunJobAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SubmissionProcessor>().ProcessAsync(submissionId, cancellationToken);
    }

    private async Task<int> ProgressDoneAsync(Guid submissionId)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT progress_done FROM submissions WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", submissionId);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
