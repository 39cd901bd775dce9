using Npgsql;

namespace TalentHub.Infrastructure.Jobs;

/// <summary>Writes a <see cref="Data.ChunkCommit"/> in the transaction that commits the chunk.</summary>
public static class ChunkLog
{
    /// <summary>This process as Hangfire and the chunk log name it.</summary>
    public static readonly string Worker = $"{Environment.MachineName}:{Environment.ProcessId}";

    public const string InsertSql = "INSERT INTO chunk_commits (job, chunk, worker) VALUES (@chunkJob, @chunk, @chunkWorker)";

    public static void AddParameters(NpgsqlParameterCollection parameters, string job, string chunk)
    {
        parameters.AddWithValue("chunkJob", job);
        parameters.AddWithValue("chunk", chunk);
        parameters.AddWithValue("chunkWorker", Worker);
    }
}
