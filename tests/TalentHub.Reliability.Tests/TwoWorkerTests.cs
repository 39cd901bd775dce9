using Npgsql;
using TalentHub.Reliability.Tests.Harness;
using Xunit.Abstractions;

namespace TalentHub.Reliability.Tests;

/// <summary>
/// Concurrency (README.md, The reliability and security suite): two worker processes on one database, every agency's
/// submission posted at once, in the serial run's order and in its reverse, so agencies sharing movers and duplicates
/// are processed side by side in both orders. The chunk log, written in each chunk's own transaction, shows both
/// workers at work and no chunk committed twice; the index converges to the serial run's.
/// </summary>
[Collection(ReliabilityCollection.Name)]
public sealed class TwoWorkerTests(ReliabilityEnvironment environment, ITestOutputHelper output)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Two_workers_share_the_work_commit_no_chunk_twice_and_converge_to_the_serial_index(bool reversed)
    {
        var baseline = await environment.BaselineAsync();
        await using var installation = await Installation.CreateAsync(environment.Cluster, reversed ? "two_workers_reversed" : "two_workers", workers: 2);
        var workload = new Workload(installation, environment.Dataset) { SubmitAllAtOnce = true, Reversed = reversed };

        await workload.RunAsync();

        var commits = await ChunkCommitsAsync(installation.ConnectionString);
        foreach (var (worker, chunks) in commits.GroupBy(c => c.Worker).Select(g => (g.Key, g.Count())))
        {
            output.WriteLine($"{worker}: {chunks} chunks committed");
        }

        var twice = commits.GroupBy(c => (c.Job, c.Chunk)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Job} {g.Key.Chunk}").ToList();
        Assert.Empty(twice);
        Assert.Equal(2, commits.Where(c => c.Job.EndsWith(":records", StringComparison.Ordinal)).Select(c => c.Worker).Distinct().Count());
        var recordChunks = environment.Dataset.Agencies.Sum(a => (a.Records + Installation.ValidationChunkSize - 1) / Installation.ValidationChunkSize);
        Assert.Equal(recordChunks, commits.Count(c => c.Job.EndsWith(":records", StringComparison.Ordinal)));
        Assert.Empty(await IndexState.ViolationsAsync(installation.ConnectionString));
        Assert.Equal(baseline.State.OrderIndependent, (await IndexState.ReadAsync(installation.ConnectionString)).OrderIndependent);
        Assert.Equal(workload.ExportDigests[0], workload.ExportDigests[1]);
    }

    private static async Task<List<(string Job, string Chunk, string Worker)>> ChunkCommitsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT job, chunk, worker FROM chunk_commits", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var commits = new List<(string, string, string)>();
        while (await reader.ReadAsync())
        {
            commits.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return commits;
    }
}
