namespace TalentHub.Domain.Records;

/// <summary>The bounds of the record format; those the specification leaves open are this service's choice.</summary>
internal static class RecordLimits
{
    public const int NameLength = 200;
    public const int BirthPlaceLength = 100;
    public const int TitleLength = 200;
    public const int UnitLength = 200;
    public const int AssessorLength = 200;
    public const int CompetencyLength = 200;
    public const int AssessmentIdLength = 64;

    /// <summary>Not in the specification: job family and scale codes are short codes.</summary>
    public const int CodeLength = 64;

    /// <summary>Not in the specification: a score label such as <c>B</c> or <c>SANGAT_BAIK</c>.</summary>
    public const int ScoreLabelLength = 64;

    public const int PositionHistoryEntries = 100;
    public const int Assessments = 50;
    public const int Results = 100;
    public const int PerformanceEntries = 20;
    public const int PreviousNips = 5;

    public static readonly DateOnly EarliestAssessment = new(1990, 1, 1);
    public const int EarliestPerformanceYear = 2000;
    public const int LastLegacyScoreYear = 2021;
    public const int FirstRatingPairYear = 2022;
    public const decimal MinLegacyScore = 0;
    public const decimal MaxLegacyScore = 100;
}
