using System.Text.Json.Serialization;
using TalentHub.Domain.Records;

namespace TalentHub.Domain.Reconciliation;

/// <summary>
/// One accepted record of one agency: an observation (docs/domain/reconciliation.md, Sources and observations). Record
/// is the typed accepted record (its scores left out: Levels are its normalized competency results, one per assessment
/// and national code; Potentials its normalized explicit potentials).
/// </summary>
public sealed record Observation(
    string AgencyCode,
    Guid SubmissionId,
    int RecordIndex,
    DateTimeOffset ReceivedAt,
    TalentRecord Record,
    IReadOnlyList<ObservedLevel> Levels,
    IReadOnlyList<ObservedPotential> Potentials);

/// <summary>One normalized national competency result of an assessment of an observation.</summary>
public sealed record ObservedLevel(string AssessmentId, string Method, DateOnly AssessedAt, string NationalCode, decimal Score, int Level);

/// <summary>One normalized explicit potential of an assessment of an observation.</summary>
public sealed record ObservedPotential(string AssessmentId, string Method, DateOnly AssessedAt, decimal Score, int Level);

/// <summary>What is stored of an accepted record for reconciliation: its typed form without scores, and its national values.</summary>
public sealed record ObservationDocument(TalentRecord Record, IReadOnlyList<ObservedLevel> Levels, IReadOnlyList<ObservedPotential> Potentials);

/// <summary>
/// The stored form of observations, source-generated: properties in declaration order, so the same observation is
/// always the same text (it is also the last tie-break between two copies of one record).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ObservationDocument))]
[JsonSerializable(typeof(TalentRecord))]
public sealed partial class ObservationJson : JsonSerializerContext;
