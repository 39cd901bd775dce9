using System.Globalization;
using TalentHub.DataGen.Difficulties;
using TalentHub.DataGen.GroundTruth;
using TalentHub.DataGen.People;
using TalentHub.DataGen.Reference;
using TalentHub.Domain.Normalization;
using TalentHub.Domain.Reconciliation;
using TalentHub.Domain.Time;

namespace TalentHub.DataGen.Tests;

/// <summary>
/// The national 9-box and competency map a dataset is meant to give, computed with the Domain's rules (staleness,
/// JPM, potential, SKP classes, boxes) from the people as generated, over the ACTIVE people whose own agency's record
/// is ACCEPTED. Current levels and the explicit potential come from the non-stale assessments of talent-decision
/// methods, each written up with the method of the agency that reports it (a mover's former agency before the move).
/// The service's own count also holds the second-NIP profiles of planted duplicates (unplaced) and people whose only
/// accepted record is another agency's.
/// </summary>
public sealed class NationalPicture
{
    // The configurable JPM defaults of standard-levels.json (docs/domain/standard.md#jpm-thresholds).
    private const decimal Optimal = 90m;
    private const decimal CukupOptimal = 78m;

    private readonly int[] _boxes = new int[10];
    private readonly Dictionary<string, (int Assessed, int Meeting, int GapSum)> _competencies =
        ReferenceData.StandardCodes.ToDictionary(c => c, _ => (0, 0, 0), StringComparer.Ordinal);

    public int Active { get; private set; }

    public int Placed => _boxes.Sum();

    public int Unplaced => Active - Placed;

    public int NeverAssessed { get; private set; }

    public int OnlyStale { get; private set; }

    /// <summary>Unplaced with INSUFFICIENT_JPM (no placeable potential), with or without NO_PERFORMANCE.</summary>
    public int InsufficientJpm { get; private set; }

    public int NoPerformance { get; private set; }

    public int Box(int box) => _boxes[box];

    /// <summary>The nine competencies from the lowest to the highest share meeting the standard of the person's position level.</summary>
    public IReadOnlyList<string> ByShareMeeting => [.. _competencies.OrderBy(c => (double)c.Value.Meeting / c.Value.Assessed).Select(c => c.Key)];

    /// <summary>The nine competencies from the lowest to the highest mean gap (the order of the national competency map).</summary>
    public IReadOnlyList<string> ByMeanGap => [.. _competencies.OrderBy(c => (double)c.Value.GapSum / c.Value.Assessed).Select(c => c.Key)];

    public double ShareMeeting(string code) => (double)_competencies[code].Meeting / _competencies[code].Assessed;

    public double MeanGap(string code) => (double)_competencies[code].GapSum / _competencies[code].Assessed;

    /// <summary>Boxes, unplaced reasons and the competency ranking, for assertion messages.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"active {Active}, placed {Placed}, boxes [{string.Join(", ", Enumerable.Range(1, 9).Select(b => $"{b}: {_boxes[b]}"))}], ")
        + string.Create(CultureInfo.InvariantCulture, $"unplaced {Unplaced} (insufficient JPM {InsufficientJpm}, no performance {NoPerformance}; never assessed {NeverAssessed}, only stale {OnlyStale}), ")
        + "competencies " + string.Join(", ", ByShareMeeting.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c} {ShareMeeting(c):P1} {MeanGap(c):0.00}")));

    public static NationalPicture Of(ulong seed, int people, DateOnly asOf)
    {
        var model = DatasetModel.Create(seed, people, asOf);
        var picture = new NationalPicture();
        for (var id = 0; id < model.Plan.TotalPeople; id++)
        {
            var person = model.People.Create(id);
            if (person.Status != Status.Active)
            {
                continue;
            }

            var profile = model.Profiles[person.HomeAgency];
            var record = model.Records.Primary(person, profile);
            if (person.Defect is { } defect)
            {
                DefectPlanter.Plant(record, person, defect, profile.PotentialScale.Code, asOf);
            }

            if (Expectation.Of(record, RecordFormat.Ndjson).Outcome == Expectation.Accepted)
            {
                picture.Add(person, model, asOf);
            }
        }

        return picture;
    }

    private void Add(Person person, DatasetModel model, DateOnly asOf)
    {
        Active++;
        var reference = ReferenceData.Instance;
        var assessed = false;
        (MethodFact Method, AssessmentEvent Event)? potential = null;
        foreach (var assessment in person.Assessments)
        {
            var writer = person.MoveDate is { } move && assessment.Date < move ? person.PartnerAgency : person.HomeAgency;
            var methods = model.Profiles[writer].Methods;
            var method = reference.Method(methods[assessment.MethodSlot % methods.Count]);
            if (!method.UsedForTalentDecisions || asOf >= JakartaCalendar.YearsAfter(assessment.Date, method.ValidYears))
            {
                continue;
            }

            assessed = true;
            var betterPotential = potential is not { } best
                || method.Rank < best.Method.Rank
                || (method.Rank == best.Method.Rank && assessment.Date > best.Event.Date);
            if (method.Code is "ASSESSMENT_CENTER" or "CACT" && betterPotential)
            {
                potential = (method, assessment);
            }
        }

        if (person.Assessments.Count == 0)
        {
            NeverAssessed++;
        }
        else if (!assessed)
        {
            OnlyStale++;
        }

        var standard = reference.StandardLevels[person.Current.Level];
        var required = new Dictionary<string, int>(StringComparer.Ordinal);
        var levels = new Dictionary<string, int?>(StringComparer.Ordinal);
        for (var i = 0; i < standard.Length; i++)
        {
            var code = ReferenceData.StandardCodes[i];
            required[code] = standard[i];
            levels[code] = assessed ? person.Levels[i] : null;
            if (assessed)
            {
                var (count, meeting, gapSum) = _competencies[code];
                _competencies[code] = (count + 1, meeting + (person.Levels[i] >= standard[i] ? 1 : 0), gapSum + person.Levels[i] - standard[i]);
            }
        }

        var jpm = Jpm.Compute(levels, required, Optimal, CukupOptimal);
        var potentialClass = potential is { } explicitPotential
            ? NineBox.PotentialOfLevel(NormalizedScore.FromUnrounded(1 + (4m * explicitPotential.Event.Potential / 100)).Level)
            : jpm.Insufficient ? null : NineBox.PotentialOfCategory(jpm.Category);

        var window = person.Performance.Where(p => p.Year < asOf.Year && p.Year >= asOf.Year - 3).OrderByDescending(p => p.Year).Take(2).ToList();
        PerformanceClass? performance = window.Count == 0
            ? null
            : (PerformanceClass)(int)Math.Round(window.Average(p => (decimal)(int)Skp.ClassOf(Enum.Parse<Domain.Normalization.Predikat>(p.Predikat.ToString()))), 0, MidpointRounding.AwayFromZero);

        if (NineBox.Box(potentialClass, performance) is { } box)
        {
            _boxes[box]++;
            return;
        }

        InsufficientJpm += potentialClass is null ? 1 : 0;
        NoPerformance += performance is null ? 1 : 0;
    }
}
