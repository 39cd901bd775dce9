using System.Text.Json;

namespace TalentHub.Domain.Reconciliation;

/// <summary>
/// One accepted record of one agency: an observation (04-reconciliation.md, Sources and observations). Record is the
/// accepted record in the shape of 02-records.md (already validated); Levels are its normalized competency results
/// (one per assessment and national code); Potentials its normalized explicit potentials.
/// </summary>
public sealed record Observation(
    string AgencyCode,
    Guid SubmissionId,
    int RecordIndex,
    DateTimeOffset ReceivedAt,
    JsonElement Record,
    IReadOnlyList<ObservedLevel> Levels,
    IReadOnlyList<ObservedPotential> Potentials);

/// <summary>One normalized national competency result of an assessment of an observation.</summary>
public sealed record ObservedLevel(string AssessmentId, string Method, DateOnly AssessedAt, string NationalCode, decimal Score, int Level);

/// <summary>One normalized explicit potential of an assessment of an observation.</summary>
public sealed record ObservedPotential(string AssessmentId, string Method, DateOnly AssessedAt, decimal Score, int Level);
