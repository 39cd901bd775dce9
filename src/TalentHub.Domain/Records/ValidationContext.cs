namespace TalentHub.Domain.Records;

/// <summary>What a record is validated against: the Jakarta date of evaluation and the reference data.</summary>
public sealed record ValidationContext(DateOnly Today, ReferenceSets Reference);
