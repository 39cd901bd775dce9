using System.Text.Json;
using TalentHub.DataGen.Agencies;
using TalentHub.DataGen.Difficulties;
using TalentHub.DataGen.GroundTruth;
using TalentHub.DataGen.Mappings;
using TalentHub.DataGen.People;
using TalentHub.DataGen.Records;
using TalentHub.DataGen.Writers;
using TalentHub.Domain.Standard;

namespace TalentHub.DataGen;

public sealed record DatasetSummary(int Agencies, int People, long Records);

/// <summary>
/// Writes a whole dataset, agency by agency (in parallel; each agency's files depend only on the seed, so the
/// order of work never changes a byte). One person is in memory at a time: the people of an agency are generated
/// from their index, and the people of its partner agencies who also appear in its files are found by the cheap
/// role hash and regenerated.
/// </summary>
public static class DatasetGenerator
{
    public const int FormatVersion = 1;
    public const int SkpYears = 5;

    public static DatasetSummary Generate(GeneratorOptions options)
    {
        var model = DatasetModel.Create(options.Seed, options.People, options.AsOf);
        var plan = model.Plan;
        Directory.CreateDirectory(Path.Combine(options.Output, "agencies"));

        var results = new AgencyResult[plan.Agencies.Count];
        var order = plan.Agencies.OrderByDescending(a => a.People).Select(a => a.Index).ToList();
        Parallel.ForEach(order, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, index =>
        {
            results[index] = new AgencyWriter(options, model, model.Profiles[index]).Write(plan.Agencies[index]);
        });

        WriteAgencies(Path.Combine(options.Output, "agencies.json"), plan, results);
        WriteManifest(Path.Combine(options.Output, "manifest.json"), options, plan, model.Roles, results);
        return new DatasetSummary(plan.Agencies.Count, plan.TotalPeople, results.Sum(r => (long)r.Records));
    }

    public static string AgencyDirectory(string output, string agencyCode) => Path.Combine(output, "agencies", agencyCode);

    private static void WriteAgencies(string path, AgencyPlan plan, AgencyResult[] results)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, JsonOptions.Indented);
        json.WriteStartArray();
        foreach (var planned in plan.Agencies)
        {
            var agency = planned.Agency;
            json.WriteStartObject();
            json.WriteString("code", agency.Code);
            json.WriteString("name", agency.Name);
            json.WriteString("kind", UpperSnakeCase.Of(agency.Kind));
            json.WriteString("provinceCode", agency.ProvinceCode);
            json.WriteNumber("people", planned.People);
            json.WriteNumber("records", results[planned.Index].Records);
            json.WriteString("directory", $"agencies/{agency.Code}");
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteManifest(string path, GeneratorOptions options, AgencyPlan plan, PersonRoles roles, AgencyResult[] results)
    {
        var ndjson = new OutcomeCounts();
        var csv = new OutcomeCounts();
        var roleCounts = new long[Enum.GetValues<PersonRole>().Length];
        foreach (var result in results)
        {
            ndjson.Add(result.Ndjson);
            csv.Add(result.Csv);
            for (var i = 0; i < roleCounts.Length; i++)
            {
                roleCounts[i] += result.Roles[i];
            }
        }

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        using var json = new Utf8JsonWriter(stream, JsonOptions.Indented);
        json.WriteStartObject();
        json.WriteString("generator", "TalentHub.DataGen");
        json.WriteNumber("formatVersion", FormatVersion);
        json.WriteNumber("seed", options.Seed);
        json.WriteString("size", options.Size);
        json.WriteString("asOf", RecordBuilder.Date(options.AsOf));
        json.WriteStartObject("counts");
        json.WriteNumber("agencies", plan.Agencies.Count);
        json.WriteNumber("people", plan.TotalPeople);
        json.WriteNumber("records", results.Sum(r => (long)r.Records));
        WriteOutcomes(json, "ndjson", ndjson);
        WriteOutcomes(json, "csv", csv);
        json.WriteStartObject("peopleByRole");
        foreach (var role in Enum.GetValues<PersonRole>())
        {
            json.WriteNumber(UpperSnakeCase.Of(role), roleCounts[(int)role]);
        }

        json.WriteEndObject();
        json.WriteNumber("invalidEveryNthPerson", roles.InvalidPeriod);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteOutcomes(Utf8JsonWriter json, string name, OutcomeCounts counts)
    {
        json.WriteStartObject(name);
        json.WriteNumber("accepted", counts.Accepted);
        json.WriteNumber("pendingMapping", counts.PendingMapping);
        json.WriteNumber("rejected", counts.Rejected);
        json.WriteEndObject();
    }

    private sealed record AgencyResult(int Records, OutcomeCounts Ndjson, OutcomeCounts Csv, long[] Roles);

    /// <summary>Writes the five files of one agency.</summary>
    private sealed class AgencyWriter(GeneratorOptions options, DatasetModel model, AgencyAssessmentProfile profile)
    {
        private readonly OutcomeCounts _ndjsonCounts = new();
        private readonly OutcomeCounts _csvCounts = new();
        private int _recordIndex;

        public AgencyResult Write(PlannedAgency planned)
        {
            var code = planned.Agency.Code;
            var directory = AgencyDirectory(options.Output, code);
            Directory.CreateDirectory(directory);
            MappingsWriter.Write(Path.Combine(directory, "mappings.json"), code, profile);

            var roleCounts = new long[Enum.GetValues<PersonRole>().Length];
            using var ndjson = new NdjsonRecordWriter(Path.Combine(directory, "records.ndjson"));
            using var csv = new CsvRecordWriter(Path.Combine(directory, "records.csv"), profile, CsvDialect.For(options.Seed, planned.Index), options.AsOf.Year - SkpYears, options.AsOf.Year - 1);
            using var truth = new GroundTruthWriter(Path.Combine(directory, "expected.ndjson"), Path.Combine(directory, "people.ndjson"), model.Plan, options.AsOf);

            void Emit(TalentRecord record)
            {
                ndjson.Write(record);
                csv.Write(record);
                var inNdjson = Expectation.Of(record, RecordFormat.Ndjson);
                var inCsv = Expectation.Of(record, RecordFormat.Csv);
                truth.WriteRecord(code, RecordFormat.Ndjson, _recordIndex, record, inNdjson);
                truth.WriteRecord(code, RecordFormat.Csv, _recordIndex, record, inCsv);
                _ndjsonCounts.Add(inNdjson.Outcome);
                _csvCounts.Add(inCsv.Outcome);
                _recordIndex++;
            }

            for (var id = planned.FirstPerson; id < planned.FirstPerson + planned.People; id++)
            {
                var person = model.People.Create(id);
                roleCounts[(int)person.Role]++;
                var record = model.Records.Primary(person, profile);
                if (person.Defect is { } defect)
                {
                    DefectPlanter.Plant(record, person, defect, profile.PotentialScale.Code, options.AsOf);
                }

                Emit(record);
                if (person.Defect == DefectKind.DuplicateNipInSubmission)
                {
                    Emit(record);
                }

                if (person.Role == PersonRole.Duplicate && person.DuplicateInSameAgency)
                {
                    Emit(model.Records.Secondary(person, planned.Index, duplicate: true));
                }

                truth.WritePerson(person, Expectation.Of(record, RecordFormat.Ndjson));
            }

            foreach (var other in model.Plan.AgenciesPartneredWith(planned.Index).Order())
            {
                var otherAgency = model.Plan.Agencies[other];
                for (var id = otherAgency.FirstPerson; id < otherAgency.FirstPerson + otherAgency.People; id++)
                {
                    var role = model.Roles.RoleOf(id);
                    if (!PersonRoles.HasPartner(role) || model.Roles.PartnerOf(id, otherAgency) != planned.Index)
                    {
                        continue;
                    }

                    var person = model.People.Create(id);
                    switch (role)
                    {
                        case PersonRole.Mover:
                            Emit(model.Records.Former(person, profile));
                            break;
                        case PersonRole.Concurrent:
                            Emit(model.Records.Secondary(person, planned.Index, duplicate: false));
                            break;
                        default:
                            if (!person.DuplicateInSameAgency)
                            {
                                Emit(model.Records.Secondary(person, planned.Index, duplicate: true));
                            }

                            break;
                    }
                }
            }

            return new AgencyResult(_recordIndex, _ndjsonCounts, _csvCounts, roleCounts);
        }
    }
}
