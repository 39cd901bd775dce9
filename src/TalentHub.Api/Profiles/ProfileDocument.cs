using System.ComponentModel;

namespace TalentHub.Api.Profiles;

// The consolidated profile as GET /api/v1/profiles/{nip} serves it. The service writes it from the stored canonical
// content (ContentWriter, PersonalDataMasking) rather than from these types: they describe that JSON for the OpenAPI
// document, and ProfilesApiTests reads served profiles back into them with unknown members refused, so they cannot drift.

[Description("The consolidated profile of one civil servant: every field survives from the agencies' records by the rules of docs/domain/reconciliation.md, with its provenance.")]
public sealed record ProfileDocument(
    string Nip,
    ProfileIdentity Identity,
    [property: Description("ACTIVE, or the reason the person left.")] string Status,
    string? EmploymentType,
    string? Grade,
    [property: Description("The agency that currently employs the person.")] string? EmployingAgency,
    ProfilePosition? CurrentPosition,
    IReadOnlyList<ProfilePosition> PositionHistory,
    [property: Description("Every agency that has sent a record of the person, with the status it reported.")] IReadOnlyList<ProfileReporter> ReportedBy,
    IReadOnlyList<ProfileAssessment> Assessments,
    [property: Description("The current level of each competency (the nine national ones and technical ones).")] IReadOnlyList<ProfileCompetency> Competencies,
    [property: Description("Results that are not the current level of their competency.")] IReadOnlyList<ProfileCompetency> OtherResults,
    ProfilePotential Potential,
    [property: Description("Job-person match against the standard of the current position level; null without a position level or results.")] ProfileJpm? Jpm,
    ProfilePerformance Performance,
    ProfileNineBox NineBox,
    [property: Description("Open conflicts between agencies' values.")] IReadOnlyList<ProfileConflict> Conflicts,
    [property: Description("NIPs merged into this one.")] IReadOnlyList<string> PreviousNips,
    ProfileDataQuality DataQuality,
    [property: Description("Increases with every change of the content; the ETag changes with it.")] int Version,
    [property: Description("Per field: the record it survived from and the survivorship rule (STEWARD when a steward decided).")] IReadOnlyDictionary<string, ProfileProvenance> Provenance);

[Description("Identity fields. Without the pii scope the NIK shows only its first and last four digits and the birth place is null.")]
public sealed record ProfileIdentity(string Name, string? Nik, string? BirthPlace, DateOnly BirthDate, string? Gender);

public sealed record ProfilePosition(string AgencyCode, string? Title, string? Level, string? Unit, string? JobFamily, string? Province, DateOnly From, DateOnly? To, bool Current);

public sealed record ProfileReporter(string AgencyCode, string? Status);

public sealed record ProfileAssessment(
    string AgencyCode,
    string Id,
    string? Method,
    string? Scale,
    DateOnly? AssessedAt,
    string? Assessor,
    bool UsedForTalentDecisions,
    bool Stale,
    IReadOnlyList<ProfileAssessmentResult> Results,
    ProfileScore? Potential);

[Description("One normalized result: the national competency code, the score as sent and the national level 1–5.")]
public sealed record ProfileAssessmentResult(string Competency, decimal Score, int Level);

public sealed record ProfileScore(decimal Score, int Level);

public sealed record ProfileCompetency(string Code, int Level, decimal Score, string Method, DateOnly AssessedAt, string AssessmentId, string AgencyCode, bool Stale);

public sealed record ProfilePotential(string? Class, string? Basis, ProfileResult? Explicit);

public sealed record ProfileResult(int Level, decimal Score, string Method, DateOnly AssessedAt, string AssessmentId, string AgencyCode, bool Stale);

public sealed record ProfileJpm(
    string PositionLevel,
    decimal Value,
    string Category,
    [property: Description("Per competency code: levels below the standard.")] IReadOnlyDictionary<string, int> Gaps,
    int GapCount,
    bool Incomplete,
    bool Insufficient);

public sealed record ProfilePerformance(IReadOnlyList<ProfilePerformanceYear> Years, IReadOnlyList<int> BasedOnYears, string? Class);

public sealed record ProfilePerformanceYear(int Year, string Predikat, string Class, string AgencyCode);

public sealed record ProfileNineBox(bool Placeable, int? Box, IReadOnlyList<string> UnplacedReasons);

public sealed record ProfileConflict(string Kind, string? Field, int? Year, IReadOnlyList<ProfileConflictCandidate> Candidates);

[Description("A candidate value and the agency that sent it; a birth place is null without the pii scope, a NIK masked.")]
public sealed record ProfileConflictCandidate(string AgencyCode, string? Value);

public sealed record ProfileDataQuality(bool Incomplete, bool Insufficient, bool Stale, bool HasOpenConflicts, bool NoPerformance);

[Description("The source record (absent when no record holds the value) and the rule that chose it; steward only when a steward decided.")]
public sealed record ProfileProvenance(
    string Rule,
    string? AgencyCode = null,
    Guid? SubmissionId = null,
    int? RecordIndex = null,
    DateTimeOffset? ReceivedAt = null,
    ProfileStewardDecision? Steward = null);

public sealed record ProfileStewardDecision(Guid DecisionId, string DecidedBy, DateTimeOffset DecidedAt, string Reason);
