using System.Globalization;
using static TalentHub.Domain.Records.RecordErrorCodes;

namespace TalentHub.Domain.Records;

/// <summary>A header column that becomes a JSON property: its index in the row and the property name.</summary>
internal readonly record struct CsvField(int Column, string Property);

/// <summary>The columns <c>a&lt;n&gt;.*</c> of one assessment.</summary>
internal sealed class CsvAssessmentColumns(int number)
{
    public int Number { get; } = number;

    /// <summary>id, method, scale, assessedAt, assessor.</summary>
    public List<CsvField> Fields { get; } = [];

    /// <summary>One per result: the property is the agency's competency name.</summary>
    public List<CsvField> Results { get; } = [];

    public int Potential { get; set; } = -1;

    public int PotentialScale { get; set; } = -1;

    public string Prefix => string.Create(CultureInfo.InvariantCulture, $"a{Number}.");
}

/// <summary>The columns <c>skp.&lt;YEAR&gt;*</c> of one performance year.</summary>
internal sealed class CsvYearColumns(int year)
{
    public int Year { get; } = year;

    /// <summary><c>skp.&lt;YEAR&gt;</c>: a predikat or a legacy score.</summary>
    public int RatingOrScore { get; set; } = -1;

    public int HasilKerja { get; set; } = -1;

    public int Perilaku { get; set; } = -1;

    public string Column => string.Create(CultureInfo.InvariantCulture, $"skp.{Year}");
}

/// <summary>
/// What each column of a CSV header holds (docs/domain/records.md#csv), parsed once per header. Column names are
/// case-sensitive; any other column, and a repeated column, is unknown_field.
/// </summary>
internal sealed class CsvLayout
{
    private const string HasilKerjaSuffix = ".hasilKerja";
    private const string PerilakuSuffix = ".perilaku";

    /// <summary>The record's string properties and their columns, in the order of the record format.</summary>
    public static readonly (string Property, string Column)[] RecordColumns =
    [
        ("nip", "nip"), ("nik", "nik"), ("name", "name"), ("birthDate", "birthDate"), ("birthPlace", "birthPlace"),
        ("gender", "gender"), ("employmentType", "employmentType"), ("status", "status"), ("grade", "grade"),
        ("sourceUpdatedAt", "sourceUpdatedAt"),
    ];

    public static readonly (string Property, string Column)[] PositionColumns =
    [
        ("title", "positionTitle"), ("level", "positionLevel"), ("unit", "positionUnit"),
        ("jobFamily", "positionJobFamily"), ("province", "positionProvince"), ("since", "positionSince"),
    ];

    public static readonly string[] AssessmentProperties = ["id", "method", "scale", "assessedAt", "assessor"];

    private CsvLayout(IReadOnlyList<string> header)
    {
        Header = [.. header];
    }

    public string[] Header { get; }

    public List<CsvField> Record { get; } = [];

    public List<CsvField> Position { get; } = [];

    /// <summary>By assessment number, ascending.</summary>
    public List<CsvAssessmentColumns> Assessments { get; } = [];

    /// <summary>By year, ascending.</summary>
    public List<CsvYearColumns> Years { get; } = [];

    /// <summary>The unknown and repeated columns: the same for every row.</summary>
    public List<RecordError> Errors { get; } = [];

    /// <summary>True when this layout was parsed from a header with the same column names.</summary>
    public bool Describes(IReadOnlyList<string> header)
    {
        if (header.Count != Header.Length)
        {
            return false;
        }

        for (var i = 0; i < Header.Length; i++)
        {
            if (!string.Equals(header[i], Header[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    public static CsvLayout Parse(IReadOnlyList<string> header)
    {
        var layout = new CsvLayout(header);
        var seen = new HashSet<string>(header.Count, StringComparer.Ordinal);
        for (var column = 0; column < header.Count; column++)
        {
            var name = header[column];
            if (!seen.Add(name))
            {
                layout.Errors.Add(new RecordError(name, UnknownField, $"The column {TextRules.Echo(name)} repeats an earlier column."));
            }
            else if (!layout.TryPlace(name, column))
            {
                layout.Errors.Add(new RecordError(name, UnknownField, $"{TextRules.Echo(name)} is not a column of the CSV format."));
            }
        }

        layout.Assessments.Sort((a, b) => a.Number.CompareTo(b.Number));
        layout.Years.Sort((a, b) => a.Year.CompareTo(b.Year));
        return layout;
    }

    private bool TryPlace(string name, int column)
    {
        foreach (var (property, recordColumn) in RecordColumns)
        {
            if (name == recordColumn)
            {
                Record.Add(new CsvField(column, property));
                return true;
            }
        }

        foreach (var (property, positionColumn) in PositionColumns)
        {
            if (name == positionColumn)
            {
                Position.Add(new CsvField(column, property));
                return true;
            }
        }

        return TryPlaceAssessment(name, column) || TryPlaceYear(name, column);
    }

    /// <summary><c>a&lt;n&gt;.id</c> … <c>a&lt;n&gt;.potentialScale</c> and <c>a&lt;n&gt;.r.&lt;competency&gt;</c>, n = 1…9.</summary>
    private bool TryPlaceAssessment(string name, int column)
    {
        if (name.Length < 4 || name[0] != 'a' || name[1] is < '1' or > '9' || name[2] != '.')
        {
            return false;
        }

        var rest = name[3..];
        var isResult = rest.StartsWith("r.", StringComparison.Ordinal) && rest.Length > 2;
        if (!isResult && rest is not ("potential" or "potentialScale") && Array.IndexOf(AssessmentProperties, rest) < 0)
        {
            return false;
        }

        var number = name[1] - '0';
        var assessment = Assessments.Find(a => a.Number == number);
        if (assessment is null)
        {
            assessment = new CsvAssessmentColumns(number);
            Assessments.Add(assessment);
        }

        if (isResult)
        {
            assessment.Results.Add(new CsvField(column, rest[2..]));
        }
        else if (rest == "potential")
        {
            assessment.Potential = column;
        }
        else if (rest == "potentialScale")
        {
            assessment.PotentialScale = column;
        }
        else
        {
            assessment.Fields.Add(new CsvField(column, rest));
        }

        return true;
    }

    /// <summary><c>skp.&lt;YEAR&gt;</c>, <c>skp.&lt;YEAR&gt;.hasilKerja</c> and <c>skp.&lt;YEAR&gt;.perilaku</c>.</summary>
    private bool TryPlaceYear(string name, int column)
    {
        const int YearStart = 4;
        const int YearDigits = 4;
        if (name.Length < YearStart + YearDigits || !name.StartsWith("skp.", StringComparison.Ordinal)
            || !int.TryParse(name.AsSpan(YearStart, YearDigits), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return false;
        }

        var suffix = name[(YearStart + YearDigits)..];
        if (suffix is not ("" or HasilKerjaSuffix or PerilakuSuffix))
        {
            return false;
        }

        var columns = Years.Find(y => y.Year == year);
        if (columns is null)
        {
            columns = new CsvYearColumns(year);
            Years.Add(columns);
        }

        switch (suffix)
        {
            case HasilKerjaSuffix:
                columns.HasilKerja = column;
                break;
            case PerilakuSuffix:
                columns.Perilaku = column;
                break;
            default:
                columns.RatingOrScore = column;
                break;
        }

        return true;
    }
}
