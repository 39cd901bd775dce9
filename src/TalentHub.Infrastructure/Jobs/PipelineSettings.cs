namespace TalentHub.Infrastructure.Jobs;

/// <summary>
/// The pipeline's unit of work, configuration section <c>Pipeline</c>. A chunk is committed whole with its checkpoint,
/// so it is also how much work a crash can cost; the reliability suite makes them small to stop a job between chunks.
/// </summary>
public sealed class PipelineSettings
{
    public const string Section = "Pipeline";

    /// <summary>Records validated and normalized per transaction (submissions and renormalizations).</summary>
    public int ValidationChunkSize { get; set; } = 2000;

    /// <summary>People reconciled per transaction.</summary>
    public int ReconciliationChunkSize { get; set; } = 500;
}
