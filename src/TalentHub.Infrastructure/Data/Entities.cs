using TalentHub.Domain.Agencies;
using TalentHub.Domain.Standard;

namespace TalentHub.Infrastructure.Data;

public sealed class Agency
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public AgencyKind Kind { get; set; }
    public string? ProvinceCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class ApiClient
{
    public required string ClientId { get; set; }
    public required string Name { get; set; }

    /// <summary>Null for a BKN (national) client.</summary>
    public string? AgencyCode { get; set; }

    public required string[] Scopes { get; set; }

    /// <summary>SHA-256 of the secret; the secret itself is shown once and never stored.</summary>
    public required byte[] SecretHash { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset SecretRotatedAt { get; set; }
    public DateTimeOffset? DisabledAt { get; set; }
}

public sealed class Competency
{
    public required string Code { get; set; }
    public CompetencyGroup Group { get; set; }
    public required string Name { get; set; }
    public string? NameEn { get; set; }
    public string? Family { get; set; }
    public string? FamilyName { get; set; }
    public required string[] Aliases { get; set; }
    public int SortOrder { get; set; }
}

public sealed class CompetencyLevel
{
    public int Level { get; set; }
    public required string Name { get; set; }
    public required string Meaning { get; set; }
}

public sealed class PositionLevelStandard
{
    public PositionLevel PositionLevel { get; set; }
    public int SortOrder { get; set; }
    public int TechnicalDefault { get; set; }
    public bool IsJpt { get; set; }
    public required PositionLevel[] Feeders { get; set; }
}

public sealed class StandardLevel
{
    public PositionLevel PositionLevel { get; set; }
    public required string CompetencyCode { get; set; }
    public int Level { get; set; }
}

public sealed class AssessmentMethod
{
    public required string Code { get; set; }
    public int Rank { get; set; }
    public int ValidYears { get; set; }
    public bool UsedForTalentDecisions { get; set; }
    public required string Name { get; set; }
}

public sealed class Grade
{
    public EmploymentType EmploymentType { get; set; }
    public required string Code { get; set; }
    public int Rank { get; set; }
    public string? Name { get; set; }
}

public sealed class Province
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public int RegenciesAndCities { get; set; }
}

public sealed class JpmThreshold
{
    public JpmCategory Category { get; set; }

    /// <summary>The lowest JPM (percent) that still earns this category.</summary>
    public decimal MinimumJpm { get; set; }
}
