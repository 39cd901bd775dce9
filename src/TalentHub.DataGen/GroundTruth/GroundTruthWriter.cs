using System.Buffers;
using System.Text.Json;
using TalentHub.DataGen.Agencies;
using TalentHub.DataGen.People;
using TalentHub.DataGen.Records;
using TalentHub.DataGen.Writers;
using TalentHub.Domain.Standard;

namespace TalentHub.DataGen.GroundTruth;

/// <summary>
/// Writes the ground truth of one agency as NDJSON: <c>expected.ndjson</c>, a line per record per format, and
/// <c>people.ndjson</c>, a line per person the agency employs, with the facts the later issues assert.
/// </summary>
public sealed class GroundTruthWriter : IDisposable
{
    public const int OverlapToleranceDays = 31;

    private readonly Stream _records;
    private readonly Stream _people;
    private readonly ArrayBufferWriter<byte> _buffer = new(4096);
    private readonly Utf8JsonWriter _json;
    private readonly AgencyPlan _plan;
    private readonly DateOnly _asOf;

    public GroundTruthWriter(string recordsPath, string peoplePath, AgencyPlan plan, DateOnly asOf)
    {
        _records = new FileStream(recordsPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 18);
        _people = new FileStream(peoplePath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 18);
        _json = new Utf8JsonWriter(_buffer, JsonOptions.Compact);
        _plan = plan;
        _asOf = asOf;
    }

    public void WriteRecord(string agencyCode, RecordFormat format, int recordIndex, TalentRecord record, Expectation expectation)
    {
        Begin();
        _json.WriteStartObject();
        _json.WriteString("agencyCode", agencyCode);
        _json.WriteString("format", format == RecordFormat.Csv ? "CSV" : "NDJSON");
        _json.WriteNumber("recordIndex", recordIndex);
        _json.WriteNumber("line", format == RecordFormat.Csv ? recordIndex + 2 : recordIndex + 1);
        _json.WriteString("nip", record.Nip);
        _json.WriteNumber("personId", record.PersonId);
        _json.WriteString("view", record.View);
        _json.WriteString("outcome", expectation.Outcome);
        _json.WriteStartArray("errors");
        foreach (var error in expectation.Errors)
        {
            _json.WriteStartObject();
            _json.WriteString("code", error.Code);
            _json.WriteString("pointer", format == RecordFormat.Csv ? error.CsvColumn : error.Pointer);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteStartArray("pending");
        foreach (var pending in expectation.Pending)
        {
            _json.WriteStartObject();
            _json.WriteString("kind", UpperSnakeCase.Of(pending.Kind));
            if (pending.Scale is not null)
            {
                _json.WriteString("scale", pending.Scale);
            }

            _json.WriteString("value", pending.Value);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteEndObject();
        End(_records);
    }

    public void WritePerson(Person person, Expectation primary)
    {
        var home = _plan.Agencies[person.HomeAgency].Agency.Code;
        var partner = person.PartnerAgency >= 0 ? _plan.Agencies[person.PartnerAgency].Agency.Code : null;
        Begin();
        _json.WriteStartObject();
        _json.WriteNumber("personId", person.Id);
        _json.WriteString("nip", person.Nip);
        _json.WriteString("nik", person.Nik);
        _json.WriteString("name", person.Name);
        _json.WriteString("birthDate", RecordBuilder.Date(person.BirthDate));
        _json.WriteString("gender", UpperSnakeCase.Of(person.Gender));
        _json.WriteString("employmentType", UpperSnakeCase.Of(person.EmploymentType));
        _json.WriteString("status", UpperSnakeCase.Of(person.Status));
        _json.WriteString("positionLevel", UpperSnakeCase.Of(person.Current.Level));
        _json.WriteString("grade", person.Grade);
        _json.WriteString("trueCurrentAgency", home);
        _json.WriteString("workProvince", person.Current.Province);
        _json.WriteString("role", UpperSnakeCase.Of(person.Role));
        _json.WriteString("primaryOutcome", primary.Outcome);
        if (person.Defect is { } defect)
        {
            _json.WriteString("plantedDefect", UpperSnakeCase.Of(defect));
        }

        _json.WriteStartArray("reportedBy");
        _json.WriteStringValue(home);
        if (partner is not null && person.Role != PersonRole.Duplicate)
        {
            _json.WriteStringValue(partner);
        }

        _json.WriteEndArray();
        _json.WriteStartArray("moves");
        if (person.MoveDate is { } move)
        {
            _json.WriteStartObject();
            _json.WriteString("fromAgency", partner);
            _json.WriteString("toAgency", home);
            _json.WriteString("date", RecordBuilder.Date(move));
            _json.WriteString("formerAgencyStatus", person.FormerStillActive ? "ACTIVE" : "TRANSFERRED_OUT");
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteStartArray("concurrentAgencies");
        if (person.Role == PersonRole.Concurrent)
        {
            _json.WriteStringValue(partner);
        }

        _json.WriteEndArray();
        _json.WriteStartArray("previousNips");
        if (person.PreviousNip is not null)
        {
            _json.WriteStringValue(person.PreviousNip);
        }

        _json.WriteEndArray();
        _json.WriteStartArray("duplicates");
        if (person.DuplicateNip is not null)
        {
            _json.WriteStartObject();
            _json.WriteString("nip", person.DuplicateNip);
            _json.WriteString("agencyCode", person.DuplicateInSameAgency ? home : partner);
            _json.WriteEndObject();
        }

        _json.WriteEndArray();
        _json.WriteStartArray("plantedConflicts");
        WriteConflicts(person, home, partner);
        _json.WriteEndArray();
        _json.WriteEndObject();
        End(_people);
    }

    public void Dispose()
    {
        _json.Dispose();
        _records.Dispose();
        _people.Dispose();
    }

    /// <summary>The conflicts (docs/domain/reconciliation.md#conflicts) that the planted difficulties must open (open spans end on the as-of date).</summary>
    private void WriteConflicts(Person person, string home, string? partner)
    {
        if (person.Role == PersonRole.Concurrent || person.FormerStillActive)
        {
            Conflict("CONCURRENT_EMPLOYMENT", null, home, partner!);
            var partnerFrom = person.Role == PersonRole.Concurrent
                ? person.SecondarySince
                : person.History.First(j => j.AgencyIndex == person.PartnerAgency).From;
            var overlaps = HomeSpans(person).Any(span =>
                Math.Min(span.To.DayNumber, _asOf.DayNumber) - Math.Max(span.From.DayNumber, partnerFrom.DayNumber) + 1 > OverlapToleranceDays);
            if (overlaps)
            {
                Conflict("OVERLAPPING_POSITIONS", null, home, partner!);
            }

            if (person.IdentityMismatchField is { } field)
            {
                Conflict("IDENTITY_MISMATCH", field, home, partner!);
            }
        }

        if (person.PerformanceMismatch && person.MoveDate is { } move && person.Performance.Any(p => p.Year == move.Year - 1))
        {
            _json.WriteStartObject();
            _json.WriteString("kind", "PERFORMANCE_MISMATCH");
            _json.WriteNumber("year", move.Year - 1);
            WriteAgencies(home, partner!);
            _json.WriteEndObject();
        }

        if (person.Role == PersonRole.Duplicate)
        {
            _json.WriteStartObject();
            _json.WriteString("kind", "POSSIBLE_DUPLICATE");
            _json.WriteStartArray("nips");
            _json.WriteStringValue(person.Nip);
            _json.WriteStringValue(person.DuplicateNip);
            _json.WriteEndArray();
            _json.WriteEndObject();
        }
    }

    /// <summary>The spans of the jobs held in the home agency (history and current position).</summary>
    private IEnumerable<(DateOnly From, DateOnly To)> HomeSpans(Person person) =>
        person.History.Where(j => j.AgencyIndex == person.HomeAgency).Select(j => (j.From, j.To!.Value)).Append((person.Current.From, _asOf));

    private void Conflict(string kind, string? field, string home, string partner)
    {
        _json.WriteStartObject();
        _json.WriteString("kind", kind);
        if (field is not null)
        {
            _json.WriteString("field", field);
        }

        WriteAgencies(home, partner);
        _json.WriteEndObject();
    }

    private void WriteAgencies(string home, string partner)
    {
        _json.WriteStartArray("agencies");
        foreach (var code in new[] { home, partner }.Order(StringComparer.Ordinal))
        {
            _json.WriteStringValue(code);
        }

        _json.WriteEndArray();
    }

    private void Begin()
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
    }

    private void End(Stream output)
    {
        _json.Flush();
        output.Write(_buffer.WrittenSpan);
        output.WriteByte((byte)'\n');
    }
}
