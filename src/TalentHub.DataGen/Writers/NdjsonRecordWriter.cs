using System.Buffers;
using System.Text.Json;
using TalentHub.DataGen.Difficulties;
using TalentHub.DataGen.Records;

namespace TalentHub.DataGen.Writers;

/// <summary>Writes records as NDJSON, one record a line, in the exact shape of docs/domain/records.md#fields.</summary>
public sealed class NdjsonRecordWriter : IDisposable
{
    private readonly Stream _output;
    private readonly ArrayBufferWriter<byte> _buffer = new(8192);
    private readonly Utf8JsonWriter _json;

    public NdjsonRecordWriter(string path)
    {
        _output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        _json = new Utf8JsonWriter(_buffer, JsonOptions.Compact);
    }

    public void Write(TalentRecord record)
    {
        _buffer.ResetWrittenCount();
        _json.Reset(_buffer);
        WriteRecord(_json, record);
        _json.Flush();
        var bytes = _buffer.WrittenSpan;
        // A malformed line: the record cut in the middle, as a broken export would leave it.
        _output.Write(record.WriterDefect == DefectKind.MalformedRecord ? bytes[..(bytes.Length / 2)] : bytes);
        _output.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        _json.Dispose();
        _output.Dispose();
    }

    private static void WriteRecord(Utf8JsonWriter json, TalentRecord record)
    {
        json.WriteStartObject();
        json.WriteString("nip", record.Nip);
        WriteOptional(json, "nik", record.Nik);
        WriteOptional(json, "name", record.Name);
        json.WriteString("birthDate", record.BirthDate);
        if (record.WriterDefect == DefectKind.InvalidType)
        {
            json.WriteNumber("birthPlace", 123);
        }
        else
        {
            WriteOptional(json, "birthPlace", record.BirthPlace);
        }

        json.WriteString("gender", record.Gender);
        json.WriteString("employmentType", record.EmploymentType);
        json.WriteString("status", record.Status);
        WriteOptional(json, "grade", record.Grade);
        if (record.Position is { } position)
        {
            json.WriteStartObject("position");
            json.WriteString("title", position.Title);
            json.WriteString("level", position.Level);
            json.WriteString("unit", position.Unit);
            json.WriteString("jobFamily", position.JobFamily);
            json.WriteString("province", position.Province);
            json.WriteString("since", position.Since);
            json.WriteEndObject();
        }

        if (record.History.Count > 0)
        {
            json.WriteStartArray("positionHistory");
            foreach (var entry in record.History)
            {
                json.WriteStartObject();
                json.WriteString("title", entry.Title);
                json.WriteString("level", entry.Level);
                json.WriteString("unit", entry.Unit);
                WriteOptional(json, "agencyCode", entry.AgencyCode);
                json.WriteString("from", entry.From);
                json.WriteString("to", entry.To);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (record.Assessments.Count > 0)
        {
            json.WriteStartArray("assessments");
            foreach (var assessment in record.Assessments)
            {
                WriteAssessment(json, assessment);
            }

            json.WriteEndArray();
        }

        if (record.Performance.Count > 0)
        {
            json.WriteStartArray("performance");
            foreach (var year in record.Performance)
            {
                json.WriteStartObject();
                json.WriteNumber("year", year.Year);
                WriteOptional(json, "rating", year.Rating);
                WriteOptional(json, "hasilKerja", year.HasilKerja);
                WriteOptional(json, "perilaku", year.Perilaku);
                if (year.Score is { } score)
                {
                    json.WriteNumber("score", score);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (record.PreviousNips.Count > 0)
        {
            json.WriteStartArray("previousNips");
            foreach (var nip in record.PreviousNips)
            {
                json.WriteStringValue(nip);
            }

            json.WriteEndArray();
        }

        json.WriteString("sourceUpdatedAt", record.SourceUpdatedAt);
        if (record.WriterDefect == DefectKind.UnknownField)
        {
            json.WriteString("jabatan", record.Position?.Title ?? "Staf");
        }

        json.WriteEndObject();
    }

    private static void WriteAssessment(Utf8JsonWriter json, AssessmentData assessment)
    {
        json.WriteStartObject();
        json.WriteString("id", assessment.Id);
        json.WriteString("method", assessment.Method);
        json.WriteString("scale", assessment.Scale);
        json.WriteString("assessedAt", assessment.AssessedAt);
        json.WriteString("assessor", assessment.Assessor);
        json.WriteStartArray("results");
        foreach (var result in assessment.Results)
        {
            json.WriteStartObject();
            json.WriteString("competency", result.Competency);
            if (result.Score is decimal number)
            {
                json.WriteNumber("score", number);
            }
            else
            {
                json.WriteString("score", (string)result.Score);
            }

            WriteOptional(json, "scale", result.Scale);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (assessment.Potential is { } potential)
        {
            json.WriteStartObject("potential");
            json.WriteNumber("score", potential.Score);
            json.WriteString("scale", potential.Scale);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
