using TalentHub.Domain.Reconciliation;

namespace TalentHub.Infrastructure.Reconciliation;

/// <summary>
/// The accepted records of one chunk of a submission (records <see cref="FirstRecord"/> to <see cref="LastRecord"/>),
/// as the chunk's validation has just produced them: reconciliation takes these from memory instead of reading them back.
/// A submission names a NIP in at most one accepted record, so there is one observation a NIP.
/// </summary>
public sealed record ChunkObservations(Guid SubmissionId, int FirstRecord, int LastRecord, IReadOnlyDictionary<string, Observation> ByNip);
