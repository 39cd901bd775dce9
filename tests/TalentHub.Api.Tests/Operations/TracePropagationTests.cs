using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.Infrastructure.Telemetry;
using TalentHub.Api.Tests.Submissions;

namespace TalentHub.Api.Tests.Operations;

/// <summary>
/// A background job runs in the trace of the request that enqueued it (README, Observability): a submission posted
/// with a W3C traceparent is processed by the real Hangfire job under spans of that trace, as the service's
/// ActivitySource reports them to any listener (the OpenTelemetry SDK's, or this test's).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TracePropagationTests(TalentHubFactory factory)
{
    [Fact]
    public async Task A_submissions_job_runs_in_the_trace_of_the_request_that_posted_it()
    {
        var started = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == JobTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStarted = started.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var traceId = ActivityTraceId.CreateRandom();

        using var client = await factory.ClientWithScopesAsync("PROV-35", "submissions.write");
        // A record that is rejected: the job runs through every phase and changes no profile other tests read.
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/submissions")
        {
            Content = new StringContent("{broken\n", Encoding.UTF8, "application/x-ndjson"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submissionId = Guid.Parse((await response.JsonAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!);
        await SubmissionClient.WaitForCompletionAsync(client, response.Headers.Location!);

        // The job's own span, and the Hangfire run it is a child of, are both in the request's trace.
        var processing = started.Where(a => a.OperationName == "submission.process" && a.GetTagItem("talenthub.submission.id") is Guid id && id == submissionId).ToList();
        Assert.NotEmpty(processing);
        Assert.All(processing, activity =>
        {
            Assert.Equal(traceId, activity.TraceId);
            var run = Assert.IsType<Activity>(activity.Parent);
            Assert.Equal("job SubmissionProcessor.ProcessAsync", run.OperationName);
            Assert.Equal(ActivityKind.Consumer, run.Kind);
            Assert.Equal(traceId, run.TraceId);
        });
    }
}
