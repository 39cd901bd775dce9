using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TalentHub.Api.Exports;
using TalentHub.Api.Tests.Infrastructure;
using TalentHub.Api.Tests.Submissions;
using static TalentHub.Api.Tests.Submissions.SubmissionClient;

namespace TalentHub.Api.Tests.Exports;

/// <summary>
/// Exports on a host that runs no jobs: the test runs the export job itself, so it can leave an export as a killed worker
/// does, see that it is never served as COMPLETED, and run it again; and exports stay queued, so the per-client limit shows.
/// </summary>
public sealed class ExportRecoveryTests(NoWorkerFactory factory) : IClassFixture<NoWorkerFactory>
{
    private async Task RunJobAsync(Guid id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExportJob>().RunAsync(id, CancellationToken.None);
    }

    private static async Task<Guid> CreateAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/exports", body);
        return Guid.Parse((await response.JsonAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!);
    }

    [Fact]
    public async Task An_export_whose_worker_died_mid_file_is_not_served_and_the_next_run_writes_the_whole_file_again()
    {
        await RegisterValidRecordMappingsAsync(factory, "PROV-35");
        using var agency = await factory.ClientWithScopesAsync("PROV-35", "submissions.write");
        using var submitted = await PostAsync(agency, Ndjson(Enumerable.Range(1, 40).Select(i => (System.Text.Json.Nodes.JsonNode)ValidRecord(i))), key: "export-recovery");
        var processor = factory.Services.CreateAsyncScope();
        await using (processor)
        {
            var id = Guid.Parse((await submitted.JsonAsync(HttpStatusCode.Accepted)).GetProperty("id").GetString()!);
            await processor.ServiceProvider.GetRequiredService<TalentHub.Infrastructure.Ingestion.SubmissionProcessor>().ProcessAsync(id, CancellationToken.None);
        }

        using var integrator = await factory.ClientWithScopesAsync(null, "changes.read");
        var exportId = await CreateAsync(integrator, new { format = "NDJSON", filter = new { agencyCode = "PROV-35" } });
        await RunJobAsync(exportId);
        var whole = await (await integrator.GetAsync($"/api/v1/exports/{exportId}")).JsonAsync();
        Assert.Equal("COMPLETED", whole.GetProperty("status").GetString());
        var file = await (await integrator.GetAsync($"/api/v1/exports/{exportId}/file")).Content.ReadAsByteArrayAsync();
        Assert.True(file.Length > 3 * 1024, "several chunks");

        // What a worker killed after a few chunks leaves: RUNNING, part of the file, no size nor checksum.
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var crash = new NpgsqlCommand(
                """
                UPDATE exports SET status = 'RUNNING', sha256 = NULL, byte_size = 0, row_count = 0, completed_at = NULL WHERE id = @id;
                DELETE FROM export_chunks WHERE export_id = @id AND seq >= 2;
                """,
                connection);
            crash.Parameters.AddWithValue("id", exportId);
            await crash.ExecuteNonQueryAsync();
        }

        var interrupted = await (await integrator.GetAsync($"/api/v1/exports/{exportId}")).JsonAsync();
        Assert.Equal("RUNNING", interrupted.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, interrupted.GetProperty("file").ValueKind);
        await (await integrator.GetAsync($"/api/v1/exports/{exportId}/file")).AssertProblemAsync(HttpStatusCode.Conflict);

        // Hangfire delivers the job again: it starts over and ends with the same file as the uninterrupted run.
        await RunJobAsync(exportId);
        var again = await (await integrator.GetAsync($"/api/v1/exports/{exportId}")).JsonAsync();
        Assert.Equal("COMPLETED", again.GetProperty("status").GetString());
        Assert.Equal(whole.GetProperty("sha256").GetString(), again.GetProperty("sha256").GetString());
        var rewritten = await (await integrator.GetAsync($"/api/v1/exports/{exportId}/file")).Content.ReadAsByteArrayAsync();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(rewritten)), again.GetProperty("sha256").GetString());
        Assert.Equal(file, rewritten);

        // A COMPLETED export delivered once more is left alone.
        await RunJobAsync(exportId);
        Assert.Equal(again.GetProperty("sha256").GetString(), (await (await integrator.GetAsync($"/api/v1/exports/{exportId}")).JsonAsync()).GetProperty("sha256").GetString());
    }

    [Fact]
    public async Task A_client_has_at_most_three_exports_queued_or_running_and_an_expired_export_loses_its_file()
    {
        using var integrator = await factory.ClientWithScopesAsync(null, "changes.read");
        var first = await CreateAsync(integrator, new { format = "CSV" });
        await CreateAsync(integrator, new { format = "CSV" });
        await CreateAsync(integrator, new { format = "CSV" });
        using (var fourth = await integrator.PostAsJsonAsync("/api/v1/exports", new { format = "CSV" }))
        {
            await fourth.AssertProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.NotNull(fourth.Headers.RetryAfter);
        }

        await RunJobAsync(first);
        await CreateAsync(integrator, new { format = "CSV" });

        // Seven days later the file is gone and the export says EXPIRED.
        await using (var connection = new NpgsqlConnection(factory.ConnectionString))
        {
            await connection.OpenAsync();
            await using var age = new NpgsqlCommand("UPDATE exports SET expires_at = now() - interval '1 minute' WHERE id = @id", connection);
            age.Parameters.AddWithValue("id", first);
            await age.ExecuteNonQueryAsync();
        }

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExportMaintenance>().RunAsync(CancellationToken.None);
        }

        Assert.Equal("EXPIRED", (await (await integrator.GetAsync($"/api/v1/exports/{first}")).JsonAsync()).GetProperty("status").GetString());
        await (await integrator.GetAsync($"/api/v1/exports/{first}/file")).AssertProblemAsync(HttpStatusCode.Gone);
    }
}
