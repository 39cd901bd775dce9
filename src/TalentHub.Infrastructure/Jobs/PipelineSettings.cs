namespace TalentHub.Infrastructure.Jobs;

/// <summary>
/// The pipeline's unit of work, configuration section <c>Pipeline</c>. A chunk is committed whole with its checkpoint,
/// so it is also how much work a crash can cost; the reliability suite makes them small to stop a job between chunks.
/// </summary>
public sealed class PipelineSettings
{
    public const string Section = "Pipeline";

    /// <summary>Records per transaction: a submission's records validated, normalized and their people reconciled; a renormalization's records.</summary>
    public int ValidationChunkSize { get; set; } = 2000;

    /// <summary>People reconciled per transaction by a renormalization, an index rebuild and the nightly refresh.</summary>
    public int ReconciliationChunkSize { get; set; } = 500;
}
