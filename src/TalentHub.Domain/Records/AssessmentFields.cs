using System.Globalization;
using System.Text.Json;
using static TalentHub.Domain.Records.RecordErrorCodes;

namespace TalentHub.Domain.Records;

/// <summary>
/// assessments with their results and potential. Scores are only checked for their JSON type here: reading them on
/// their scale is normalization (docs/domain/normalization.md#scales), where an unknown scale or label is not an error.
/// </summary>
internal static class AssessmentFields
{
    private const int Id = 0;
    private const int Method = 1;
    private const int Scale = 2;
    private const int AssessedAt = 3;
    private const int Assessor = 4;
    private const int Results = 5;
    private const int Potential = 6;
    private const int Competency = 0;
    private const int Score = 1;
    private const int ResultScale = 2;
    private const int PotentialScore = 0;
    private const int PotentialScale = 1;

    private static readonly FieldNames AssessmentNames = new("id", "method", "scale", "assessedAt", "assessor", "results", "potential");
    private static readonly FieldNames ResultNames = new("competency", "score", "scale");
    private static readonly FieldNames PotentialNames = new("score", "scale");
    private static readonly Pointer AssessmentsAt = Pointer.Of("/assessments");

    public static void Check(RecordChecker checker, JsonElement assessments)
    {
        var count = checker.ItemsToRead(assessments, AssessmentsAt, RecordLimits.Assessments, required: false);
        if (count == 0)
        {
            return;
        }

        HashSet<string>? ids = count > 1 ? new(count, StringComparer.Ordinal) : null;
        var index = 0;
        foreach (var assessment in assessments.EnumerateArray())
        {
            if (index == count)
            {
                break;
            }

            var at = AssessmentsAt.Item(index++);
            if (checker.IsObject(assessment, at, required: true))
            {
                CheckAssessment(checker, assessment, at, ids);
            }
        }
    }

    private static void CheckAssessment(RecordChecker checker, JsonElement assessment, Pointer at, HashSet<string>? ids)
    {
        var slots = default(FieldSlots);
        checker.ReadObject(assessment, AssessmentNames, at, ref slots);

        var id = checker.Text(slots[Id], at.Property("id"), RecordLimits.AssessmentIdLength, required: true);
        if (id is not null && ids?.Add(id) == false)
        {
            checker.Add(at.Property("id"), DuplicateAssessmentId, $"The assessment id {TextRules.Echo(id)} appears earlier in the record.");
        }

        checker.Member(slots[Method], at.Property("method"), checker.Reference.Methods, UnknownMethod, "assessment method", required: true);

        var assessedAt = checker.PastDate(slots[AssessedAt], at.Property("assessedAt"), required: true);
        if (assessedAt < RecordLimits.EarliestAssessment)
        {
            checker.Add(at.Property("assessedAt"), OutOfRange, string.Create(CultureInfo.InvariantCulture, $"assessedAt {RecordChecker.Iso(assessedAt.Value)} is before {RecordChecker.Iso(RecordLimits.EarliestAssessment)}."));
        }

        checker.Text(slots[Assessor], at.Property("assessor"), RecordLimits.AssessorLength, required: false);

        var someScoreUnscaled = CheckResults(checker, slots[Results], at);
        someScoreUnscaled |= CheckPotential(checker, slots[Potential], at);

        // A score is read on its own scale or else on the assessment's: the assessment's is required when one has none.
        checker.Text(slots[Scale], at.Property("scale"), RecordLimits.CodeLength, required: someScoreUnscaled);
    }

    /// <summary>Checks the results; true when a result carries no scale of its own.</summary>
    private static bool CheckResults(RecordChecker checker, JsonElement results, Pointer assessmentAt)
    {
        var count = checker.ItemsToRead(results, assessmentAt.Property("results"), RecordLimits.Results, required: true);
        if (count == 0)
        {
            return false;
        }

        var resultsAt = Pointer.Of(assessmentAt.Property("results").ToString());
        var someUnscaled = false;
        var index = 0;
        foreach (var result in results.EnumerateArray())
        {
            if (index == count)
            {
                break;
            }

            var at = resultsAt.Item(index++);
            if (!checker.IsObject(result, at, required: true))
            {
                continue;
            }

            var slots = default(FieldSlots);
            checker.ReadObject(result, ResultNames, at, ref slots);
            checker.Text(slots[Competency], at.Property("competency"), RecordLimits.CompetencyLength, required: true);
            checker.Score(slots[Score], at.Property("score"));
            checker.Text(slots[ResultScale], at.Property("scale"), RecordLimits.CodeLength, required: false);
            someUnscaled |= RecordChecker.IsAbsent(slots[ResultScale]);
        }

        return someUnscaled;
    }

    /// <summary>Checks the explicit potential result; true when it carries no scale of its own.</summary>
    private static bool CheckPotential(RecordChecker checker, JsonElement potential, Pointer assessmentAt)
    {
        if (!checker.IsObject(potential, assessmentAt.Property("potential"), required: false))
        {
            return false;
        }

        var at = Pointer.Of(assessmentAt.Property("potential").ToString());
        var slots = default(FieldSlots);
        checker.ReadObject(potential, PotentialNames, at, ref slots);
        checker.Score(slots[PotentialScore], at.Property("score"));
        checker.Text(slots[PotentialScale], at.Property("scale"), RecordLimits.CodeLength, required: false);
        return RecordChecker.IsAbsent(slots[PotentialScale]);
    }
}
