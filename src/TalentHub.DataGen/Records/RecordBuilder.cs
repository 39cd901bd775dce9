using System.Globalization;
using TalentHub.DataGen.Agencies;
using TalentHub.DataGen.Mappings;
using TalentHub.DataGen.People;
using TalentHub.Domain.Standard;

namespace TalentHub.DataGen.Records;

/// <summary>
/// Writes a person up as one agency sees them: in its own methods, scales and competency names, with the part of
/// the career, assessments and SKP years that agency knows.
/// </summary>
public sealed class RecordBuilder(AgencyPlan plan, DateOnly asOf)
{
    private static readonly string[] PerformanceRatings = ["DI_ATAS", "SESUAI", "DI_BAWAH"];

    public TalentRecord Primary(Person person, AgencyAssessmentProfile profile)
    {
        var record = Identity(person, person.Nip, RecordViews.Primary, person.Status, person.SourceUpdatedAt);
        var home = plan.Agencies[person.HomeAgency];
        if (person.Status == Status.Active || person.Id % 2 == 0)
        {
            record.Position = PositionOf(person.Current);
        }

        foreach (var job in person.History)
        {
            record.History.Add(HistoryOf(job, job.AgencyIndex == home.Index && person.Id % 3 != 0 ? null : plan.Agencies[job.AgencyIndex].Agency.Code));
        }

        if (person.PreviousNip is not null)
        {
            record.PreviousNips.Add(person.PreviousNip);
        }

        var since = person.MoveDate ?? DateOnly.MinValue;
        AddAssessments(record, person, profile, home.Agency.Name, e => e.Date >= since);
        var moveYear = person.MoveDate?.Year ?? int.MinValue;
        record.Performance = [.. person.Performance.Where(p => p.Year >= moveYear).Select(Performance)];
        if (person.PerformanceMismatch && person.Performance.FirstOrDefault(p => p.Year == moveYear - 1) is { } before)
        {
            var different = before.Predikat == Predikat.Baik ? Predikat.SangatBaik : Predikat.Baik;
            record.Performance.Add(new PerformanceData(before.Year, UpperSnakeCase.Of(different), null, null, null));
        }

        return record;
    }

    /// <summary>The view of a mover's former agency: what it knew until the move.</summary>
    public TalentRecord Former(Person person, AgencyAssessmentProfile profile)
    {
        var former = plan.Agencies[person.PartnerAgency];
        var move = person.MoveDate!.Value;
        var jobs = person.History.Where(j => j.AgencyIndex == former.Index).ToList();
        var updated = PersonFactory.SourceUpdatedAt(Prng.For(person.Stream, Purpose.PersonViews, 1), move.AddDays(Math.Min(30, asOf.DayNumber - move.DayNumber - 1)));
        var record = Identity(person, person.Nip, RecordViews.FormerAgency, person.FormerStillActive ? Status.Active : Status.TransferredOut, updated);
        if (person.FormerStillActive)
        {
            ApplyMismatch(record, person);
            record.Position = PositionOf(jobs[0]);
            jobs.RemoveAt(0);
        }

        foreach (var job in jobs)
        {
            record.History.Add(HistoryOf(job, null));
        }

        var rank = Array.IndexOf(Reference.ReferenceData.Instance.PnsGrades.ToArray(), person.Grade);
        if (rank > 0)
        {
            record.Grade = Reference.ReferenceData.Instance.PnsGrades[rank - 1];
        }

        AddAssessments(record, person, profile, former.Agency.Name, e => e.Date < move);
        record.Performance = [.. person.Performance.Where(p => p.Year < move.Year).Select(Performance)];
        return record;
    }

    /// <summary>The view of another agency that also employs the person, or that holds them under a second NIP.</summary>
    public TalentRecord Secondary(Person person, int agencyIndex, bool duplicate)
    {
        var agency = plan.Agencies[agencyIndex].Agency;
        var random = Prng.For(person.Stream, Purpose.PersonViews, 2);
        var nip = duplicate ? person.DuplicateNip! : person.Nip;
        var record = Identity(person, nip, duplicate ? RecordViews.DuplicateNip : RecordViews.Concurrent, Status.Active, PersonFactory.SourceUpdatedAt(random, asOf.AddDays(-random.Next(1, 200))));
        if (!duplicate)
        {
            ApplyMismatch(record, person);
        }

        var since = person.SecondarySince;
        var family = person.SecondaryFamily;
        var level = person.Current.Level;
        record.Position = new PositionData
        {
            Title = Positions.Title(family, level, agency.Kind),
            Level = UpperSnakeCase.Of(level),
            Unit = Positions.Unit(family, agency.Kind),
            JobFamily = Positions.FamilyCode(family),
            Province = agency.ProvinceCode,
            Since = Date(since),
        };
        return record;
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset instant) => instant.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static TalentRecord Identity(Person person, string nip, string view, Status status, DateTimeOffset updated) => new()
    {
        PersonId = person.Id,
        View = view,
        Nip = nip,
        Nik = person.Nik,
        Name = person.Name,
        BirthDate = Date(person.BirthDate),
        BirthPlace = person.BirthPlace,
        Gender = UpperSnakeCase.Of(person.Gender),
        EmploymentType = UpperSnakeCase.Of(person.EmploymentType),
        Status = UpperSnakeCase.Of(status),
        Grade = person.Grade,
        SourceUpdatedAt = Timestamp(updated),
    };

    private static void ApplyMismatch(TalentRecord record, Person person)
    {
        switch (person.IdentityMismatchField)
        {
            case "name":
                record.Name = Names.OldSpelling(person.PlainName);
                break;
            case "nik":
                record.Nik = person.OtherNik;
                break;
            case "birthPlace":
                record.BirthPlace = person.BirthPlace == "Jakarta" ? "Bandung" : "Jakarta";
                break;
            default:
                break;
        }
    }

    private static PositionData PositionOf(Job job) => new()
    {
        Title = job.Title,
        Level = UpperSnakeCase.Of(job.Level),
        Unit = job.Unit,
        JobFamily = job.JobFamily,
        Province = job.Province,
        Since = Date(job.From),
    };

    private static HistoryData HistoryOf(Job job, string? agencyCode) =>
        new(job.Title, UpperSnakeCase.Of(job.Level), job.Unit, agencyCode, Date(job.From), Date(job.To!.Value));

    private static PerformanceData Performance(PerformanceYear year)
    {
        var predikat = UpperSnakeCase.Of(year.Predikat);
        return year.Form switch
        {
            1 => Pair(year),
            2 => new PerformanceData(year.Year, null, null, null, year.Score),
            _ => new PerformanceData(year.Year, predikat, null, null, null),
        };
    }

    /// <summary>A (hasil kerja, perilaku) pair that gives the year's predikat by the matrix of docs/domain/normalization.md#skp.</summary>
    private static PerformanceData Pair(PerformanceYear year)
    {
        (int Hasil, int Perilaku)[] pairs = year.Predikat switch
        {
            Predikat.SangatBaik => [(0, 0)],
            Predikat.Baik => [(0, 1), (1, 0), (1, 1)],
            Predikat.ButuhPerbaikan => [(2, 0), (2, 1)],
            Predikat.Kurang => [(0, 2), (1, 2)],
            _ => [(2, 2)],
        };
        var (hasil, perilaku) = pairs[year.PairChoice % pairs.Length];
        return new PerformanceData(year.Year, null, PerformanceRatings[hasil], PerformanceRatings[perilaku], null);
    }

    private void AddAssessments(TalentRecord record, Person person, AgencyAssessmentProfile profile, string assessor, Func<AssessmentEvent, bool> known)
    {
        var ordinal = 0;
        foreach (var assessmentEvent in person.Assessments.Where(known))
        {
            record.Assessments.Add(Assessment(record, person, profile, assessor, assessmentEvent, ordinal++));
        }
    }

    private AssessmentData Assessment(TalentRecord record, Person person, AgencyAssessmentProfile profile, string assessor, AssessmentEvent e, int ordinal)
    {
        var method = profile.Methods[e.MethodSlot % profile.Methods.Count];
        var scale = profile.ScaleFor(method);
        var scaleCode = e.OnOldScale && profile.UnregisteredScaleCode is not null ? profile.UnregisteredScaleCode : scale.Code;
        if (scaleCode != scale.Code)
        {
            record.Pending.Add(new PendingReason(UnmappedKind.Scale, null, scaleCode, JsonOnly: false));
        }

        var jitter = Prng.For(person.Stream, Purpose.PersonViews, 100 + ordinal);
        var results = new List<ResultData>(12);
        var managerialOnly = method is "MULTI_RATER" or "SELF_ASSESSMENT";
        for (var i = 0; i < 9; i++)
        {
            var competency = profile.CompetencyFor(i < 8 ? $"M{i + 1}" : "SK1")!;
            results.Add(new ResultData(competency.Name, scale.RawFor(person.Levels[i], jitter.NextDouble()), null));
        }

        if (!managerialOnly && e.WithTechnical)
        {
            var technical = profile.AllCompetencies.Where(c => c.NationalCode?.StartsWith("T.", StringComparison.Ordinal) == true).ToList();
            var technicalScale = profile.TechnicalScale;
            foreach (var competency in technical.Take(2))
            {
                var useUnlisted = technicalScale.UnlistedLabel is not null && jitter.Chance(0.3);
                var raw = useUnlisted ? technicalScale.UnlistedLabel! : technicalScale.RawFor(person.Levels[9], jitter.NextDouble());
                if (useUnlisted)
                {
                    record.Pending.Add(new PendingReason(UnmappedKind.Label, technicalScale.Code, (string)raw, JsonOnly: true));
                }

                results.Add(new ResultData(competency.Name, raw, technicalScale.Code));
            }
        }

        if (!managerialOnly && e.WithAgencyOnly)
        {
            var own = profile.AgencyOnlyCompetencies[0];
            results.Add(new ResultData(own.Name, scale.RawFor(person.Levels[10], jitter.NextDouble()), null));
            if (!own.Registered)
            {
                record.Pending.Add(new PendingReason(UnmappedKind.Competency, null, own.Name, JsonOnly: false));
            }
        }

        var prefix = method switch
        {
            "ASSESSMENT_CENTER" => "AC",
            "CACT" => "CACT",
            "BEHAVIORAL_INTERVIEW" => "BEI",
            "PORTFOLIO" => "PF",
            "MULTI_RATER" => "MR",
            _ => "SA",
        };
        return new AssessmentData
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"{prefix}-{e.Date.Year}-{e.Number:D4}-{ordinal + 1}"),
            Method = method,
            Scale = scaleCode,
            AssessedAt = Date(e.Date),
            Assessor = method == "CACT" ? "Pusat Penilaian Kompetensi ASN BKN" : $"Unit Penilaian Kompetensi {assessor}",
            Results = results,
            Potential = method is "ASSESSMENT_CENTER" or "CACT" ? new PotentialData(e.Potential, profile.PotentialScale.Code) : null,
        };
    }
}
