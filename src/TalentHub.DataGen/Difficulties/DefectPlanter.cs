using System.Globalization;
using TalentHub.DataGen.People;
using TalentHub.DataGen.Records;
using TalentHub.Domain.Standard;

namespace TalentHub.DataGen.Difficulties;

/// <summary>
/// Makes a valid record invalid in exactly one way, and records the error codes (with pointer and CSV column) that
/// the ingestion validator must report for it. Each defect is chosen so that it causes no other error: the NIP
/// birth-date mismatch moves the NIP's birth year (not the record's, which the NIK also encodes); the gender
/// mismatch flips the record's gender and drops the optional NIK; identity-number variants keep the person's unique
/// slot digits, so that no planted NIP collides with another record's.
/// </summary>
public static class DefectPlanter
{
    public const string UnknownAgencyCode = "KAB-9999";

    public static void Plant(TalentRecord record, Person person, DefectKind kind, string potentialScale, DateOnly asOf)
    {
        if (kind is DefectKind.TooMany or DefectKind.DuplicateYear)
        {
            record.CsvPerformance = [.. record.Performance];
        }

        switch (kind)
        {
            case DefectKind.MalformedRecord:
                record.WriterDefect = kind;
                Add(record, "malformed_record", string.Empty, string.Empty);
                break;
            case DefectKind.Required:
                record.Name = null;
                Add(record, "required", "/name", "name");
                break;
            case DefectKind.UnknownField:
                record.WriterDefect = kind;
                Add(record, "unknown_field", "/jabatan", null);
                break;
            case DefectKind.InvalidType:
                record.WriterDefect = kind;
                Add(record, "invalid_type", "/birthPlace", null);
                break;
            case DefectKind.TooLong:
                record.Name = string.Concat(Enumerable.Repeat(person.PlainName.Replace(" ", string.Empty, StringComparison.Ordinal), 40))[..201];
                Add(record, "too_long", "/name", "name");
                break;
            case DefectKind.TooMany:
                record.Performance = [.. Enumerable.Range(asOf.Year - 21, 21).Reverse().Select(year => new PerformanceData(year, "BAIK", null, null, null))];
                Add(record, "too_many", "/performance", null);
                break;
            case DefectKind.InvalidFormat:
                record.Name = person.PlainName.Replace(" ", "\u0007", StringComparison.Ordinal);
                Add(record, "invalid_format", "/name", "name");
                break;
            case DefectKind.InvalidEnum:
                record.Status = "AKTIF";
                Add(record, "invalid_enum", "/status", "status");
                break;
            case DefectKind.InvalidDate:
                record.Position!.Since = string.Create(CultureInfo.InvariantCulture, $"{person.Current.From.Year}-02-30");
                Add(record, "invalid_date", "/position/since", "positionSince");
                break;
            case DefectKind.FutureDate:
                record.Assessments[0].AssessedAt = RecordBuilder.Date(asOf.AddDays(30));
                Add(record, "future_date", "/assessments/0/assessedAt", "a1.assessedAt");
                break;
            case DefectKind.OutOfRange:
                record.Assessments[0].AssessedAt = "1989-12-31";
                Add(record, "out_of_range", "/assessments/0/assessedAt", "a1.assessedAt");
                break;
            case DefectKind.DateOrder:
                var since = person.Current.From;
                record.History.Insert(0, new HistoryData("Staf", "PELAKSANA", person.Current.Unit, null, RecordBuilder.Date(since.AddDays(-10)), RecordBuilder.Date(since.AddDays(-40))));
                Add(record, "date_order", "/positionHistory/0/from", null);
                break;
            case DefectKind.NipInvalid:
                record.Nip = person.EmploymentType == EmploymentType.Pns
                    ? string.Concat(record.Nip.AsSpan(0, 12), (int.Parse(record.Nip.AsSpan(12, 2), CultureInfo.InvariantCulture) + 12).ToString("D2", CultureInfo.InvariantCulture), record.Nip.AsSpan(14))
                    : string.Concat(record.Nip.AsSpan(0, 8), (asOf.Year + 1).ToString(CultureInfo.InvariantCulture), record.Nip.AsSpan(12));
                Add(record, "nip_invalid", "/nip", "nip");
                break;
            case DefectKind.NipBirthdateMismatch:
                record.Nip = string.Concat((person.BirthDate.Year - 1).ToString(CultureInfo.InvariantCulture), record.Nip.AsSpan(4));
                Add(record, "nip_birthdate_mismatch", "/birthDate", "birthDate");
                break;
            case DefectKind.NipGenderMismatch:
                record.Gender = record.Gender == "M" ? "F" : "M";
                record.Nik = null;
                Add(record, "nip_gender_mismatch", "/gender", "gender");
                break;
            case DefectKind.NikInvalid:
                record.Nik = string.Concat("99", record.Nik!.AsSpan(2));
                Add(record, "nik_invalid", "/nik", "nik");
                break;
            case DefectKind.NikMismatch:
                var year = (int.Parse(record.Nik!.AsSpan(10, 2), CultureInfo.InvariantCulture) + 1) % 100;
                record.Nik = string.Concat(record.Nik.AsSpan(0, 10), year.ToString("D2", CultureInfo.InvariantCulture), record.Nik.AsSpan(12));
                Add(record, "nik_mismatch", "/nik", "nik");
                break;
            case DefectKind.UnknownPositionLevel:
                record.Position!.Level = "ESELON_III";
                Add(record, "unknown_position_level", "/position/level", "positionLevel");
                break;
            case DefectKind.UnknownGrade:
                record.Grade = person.EmploymentType == EmploymentType.Pns ? "III/f" : "XVIII";
                Add(record, "unknown_grade", "/grade", "grade");
                break;
            case DefectKind.UnknownMethod:
                record.Assessments[0].Method = "PSIKOTES";
                Add(record, "unknown_method", "/assessments/0/method", "a1.method");
                break;
            case DefectKind.UnknownAgency:
                var from = person.Current.From;
                record.History.Insert(0, new HistoryData("Staf", "PELAKSANA", person.Current.Unit, UnknownAgencyCode, RecordBuilder.Date(from.AddDays(-40)), RecordBuilder.Date(from.AddDays(-10))));
                Add(record, "unknown_agency", "/positionHistory/0/agencyCode", null);
                break;
            case DefectKind.DuplicateAssessmentId:
                var first = record.Assessments[0];
                record.Assessments.Insert(1, new AssessmentData
                {
                    Id = first.Id,
                    Method = first.Method,
                    Scale = first.Scale,
                    AssessedAt = first.AssessedAt,
                    Assessor = first.Assessor,
                    Results = first.Results,
                });
                Add(record, "duplicate_assessment_id", "/assessments/1/id", "a2.id");
                break;
            case DefectKind.DuplicateYear:
                var duplicateYear = record.Performance.Count > 0 ? record.Performance[0].Year : asOf.Year - 1;
                record.Performance.Insert(0, new PerformanceData(duplicateYear, "BAIK", null, null, null));
                if (record.Performance.Count == 1)
                {
                    record.Performance.Add(new PerformanceData(duplicateYear, "SANGAT_BAIK", null, null, null));
                }

                Add(record, "duplicate_year", "/performance/1/year", null);
                break;
            case DefectKind.DuplicateNipInSubmission:
                Add(record, "duplicate_nip_in_submission", "/nip", "nip");
                break;
            default:
                record.Assessments[0].Potential = new PotentialData(120, potentialScale);
                Add(record, "score_out_of_scale", "/assessments/0/potential/score", "a1.potential");
                break;
        }
    }

    private static void Add(TalentRecord record, string code, string pointer, string? csvColumn) =>
        record.Errors.Add(new PlantedError(code, pointer, csvColumn));
}
