using System.Globalization;
using System.Text;
using TalentHub.DataGen.Difficulties;
using TalentHub.DataGen.Mappings;
using TalentHub.DataGen.Records;

namespace TalentHub.DataGen.Writers;

/// <summary>
/// Writes records in the CSV form of docs/domain/records.md#csv: one row a person, a fixed header per agency (its
/// result columns are its own competency names). Position history, per-result scales and previous NIPs are JSON-only
/// and left out.
/// </summary>
public sealed class CsvRecordWriter : IDisposable
{
    public const int AssessmentGroups = 4;

    private static readonly string[] BaseColumns =
    [
        "nip", "nik", "name", "birthDate", "birthPlace", "gender", "employmentType", "status", "grade", "positionTitle",
        "positionLevel", "positionUnit", "positionJobFamily", "positionProvince", "positionSince", "sourceUpdatedAt",
    ];

    private static readonly string[] AssessmentColumns = ["id", "method", "scale", "assessedAt", "assessor", "potential", "potentialScale"];

    private readonly StreamWriter _output;
    private readonly CsvDialect _dialect;
    private readonly Dictionary<string, int> _columnIndex = new(StringComparer.Ordinal);
    private readonly string?[] _cells;
    private readonly StringBuilder _line = new(2048);

    public CsvRecordWriter(string path, AgencyAssessmentProfile profile, CsvDialect dialect, int firstSkpYear, int lastSkpYear)
    {
        _dialect = dialect;
        _output = new StreamWriter(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20), new UTF8Encoding(dialect.ByteOrderMark));
        var columns = new List<string>(BaseColumns);
        var resultNames = profile.AllCompetencies.Where(c => c.NationalCode?.StartsWith("T.", StringComparison.Ordinal) != true).Select(c => c.Name).ToList();
        for (var n = 1; n <= AssessmentGroups; n++)
        {
            columns.AddRange(AssessmentColumns.Select(c => $"a{n}.{c}"));
            columns.AddRange(resultNames.Select(name => $"a{n}.r.{name}"));
        }

        for (var year = firstSkpYear; year <= lastSkpYear; year++)
        {
            columns.Add($"skp.{year}");
            if (year >= 2022)
            {
                columns.Add($"skp.{year}.hasilKerja");
                columns.Add($"skp.{year}.perilaku");
            }
        }

        for (var i = 0; i < columns.Count; i++)
        {
            _columnIndex[columns[i]] = i;
        }

        _cells = new string?[columns.Count];
        WriteRow(columns!, extraCell: false);
    }

    public void Write(TalentRecord record)
    {
        Array.Clear(_cells);
        Set("nip", record.Nip);
        Set("nik", record.Nik);
        Set("name", record.Name);
        Set("birthDate", record.BirthDate);
        Set("birthPlace", record.BirthPlace);
        Set("gender", record.Gender);
        Set("employmentType", record.EmploymentType);
        Set("status", record.Status);
        Set("grade", record.Grade);
        if (record.Position is { } position)
        {
            Set("positionTitle", position.Title);
            Set("positionLevel", position.Level);
            Set("positionUnit", position.Unit);
            Set("positionJobFamily", position.JobFamily);
            Set("positionProvince", position.Province);
            Set("positionSince", position.Since);
        }

        Set("sourceUpdatedAt", record.SourceUpdatedAt);
        for (var i = 0; i < record.Assessments.Count && i < AssessmentGroups; i++)
        {
            var assessment = record.Assessments[i];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"a{i + 1}.");
            Set(prefix + "id", assessment.Id);
            Set(prefix + "method", assessment.Method);
            Set(prefix + "scale", assessment.Scale);
            Set(prefix + "assessedAt", assessment.AssessedAt);
            Set(prefix + "assessor", assessment.Assessor);
            if (assessment.Potential is { } potential)
            {
                Set(prefix + "potential", Number(potential.Score));
                Set(prefix + "potentialScale", potential.Scale);
            }

            foreach (var result in assessment.Results.Where(r => r.Scale is null))
            {
                Set(prefix + "r." + result.Competency, result.Score is decimal d ? Number(d) : (string)result.Score);
            }
        }

        foreach (var year in record.CsvPerformance ?? record.Performance)
        {
            var column = string.Create(CultureInfo.InvariantCulture, $"skp.{year.Year}");
            if (year.HasilKerja is not null)
            {
                Set(column + ".hasilKerja", year.HasilKerja);
                Set(column + ".perilaku", year.Perilaku);
            }
            else
            {
                Set(column, year.Rating ?? Number(year.Score!.Value));
            }
        }

        WriteRow(_cells, record.WriterDefect == DefectKind.MalformedRecord);
    }

    public void Dispose() => _output.Dispose();

    private void Set(string column, string? value) => _cells[_columnIndex[column]] = value;

    private string Number(decimal value)
    {
        var text = value.ToString(CultureInfo.InvariantCulture);
        return _dialect.DecimalComma ? text.Replace('.', ',') : text;
    }

    /// <summary>One row; a malformed row has one cell more than the header.</summary>
    private void WriteRow(IReadOnlyList<string?> cells, bool extraCell)
    {
        _line.Clear();
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                _line.Append(_dialect.Delimiter);
            }

            AppendCell(cells[i]);
        }

        if (extraCell)
        {
            _line.Append(_dialect.Delimiter).Append("ekstra");
        }

        _line.Append('\n');
        _output.Write(_line);
    }

    private void AppendCell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny([_dialect.Delimiter, '"', '\r', '\n']) < 0)
        {
            _line.Append(value);
            return;
        }

        _line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
