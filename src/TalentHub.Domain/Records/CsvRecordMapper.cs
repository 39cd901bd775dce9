using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using static TalentHub.Domain.Records.RecordErrorCodes;

namespace TalentHub.Domain.Records;

/// <summary>
/// Turns one CSV data row (docs/domain/records.md#csv) into the record JSON that <see cref="RecordValidator"/> takes, so that
/// the same validation applies, and remembers which column each JSON Pointer came from. An empty cell is absent.
/// </summary>
public static class CsvRecordMapper
{
    private static readonly ConditionalWeakTable<IReadOnlyList<string>, CsvLayout> Layouts = [];

    // Not for HTML: the record is stored and validated, so non-ASCII text stays readable rather than \u-escaped.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly NumberFormatInfo DecimalComma = NumberFormatInfo.ReadOnly(new NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "\u00A0" });

    private const NumberStyles ScoreStyle =
        NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>
    /// Maps one row. <paramref name="cells"/> has one cell per header column (the caller rejects other rows as
    /// malformed_record); <paramref name="decimalComma"/> is true for a <c>;</c>-delimited file, where <c>3,5</c> is 3.5.
    /// </summary>
    public static CsvRecord Map(IReadOnlyList<string> header, IReadOnlyList<string> cells, bool decimalComma)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count != header.Count)
        {
            throw new ArgumentException($"The row has {cells.Count} cells for {header.Count} columns.", nameof(cells));
        }

        var layout = LayoutOf(header);
        var row = new RowWriter(layout, cells, decimalComma);
        return row.Write();
    }

    /// <summary>True when the CSV format defines a column of this name (case-sensitive).</summary>
    public static bool IsColumn(string name) => CsvLayout.Parse([name]).Errors.Count == 0;

    private static CsvLayout LayoutOf(IReadOnlyList<string> header)
    {
        if (Layouts.TryGetValue(header, out var layout) && layout.Describes(header))
        {
            return layout;
        }

        layout = CsvLayout.Parse(header);
        Layouts.AddOrUpdate(header, layout);
        return layout;
    }

    /// <summary>Writes one row's JSON, its pointer-to-column map and its cell errors.</summary>
    private sealed class RowWriter(CsvLayout layout, IReadOnlyList<string> cells, bool decimalComma)
    {
        private readonly Dictionary<string, string> _columnOfPointer = new(StringComparer.Ordinal);
        private List<RecordError>? _cellErrors;

        public CsvRecord Write()
        {
            var buffer = new ArrayBufferWriter<byte>(512);
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                writer.WriteStartObject();
                WriteRecordFields(writer);
                WritePosition(writer);
                WriteAssessments(writer);
                WritePerformance(writer);
                writer.WriteEndObject();
            }

            IReadOnlyList<RecordError> errors = _cellErrors is null ? layout.Errors : [.. layout.Errors, .. _cellErrors];
            return new CsvRecord(buffer.WrittenSpan.ToArray(), _columnOfPointer, errors);
        }

        private void WriteRecordFields(Utf8JsonWriter writer)
        {
            foreach (var (property, column) in CsvLayout.RecordColumns)
            {
                _columnOfPointer["/" + property] = column;
            }

            foreach (var field in layout.Record)
            {
                WriteString(writer, field.Property, field.Column);
            }
        }

        private void WritePosition(Utf8JsonWriter writer)
        {
            foreach (var (property, column) in CsvLayout.PositionColumns)
            {
                _columnOfPointer["/position/" + property] = column;
            }

            var first = FirstPresent(layout.Position);
            _columnOfPointer["/position"] = first < 0 ? CsvLayout.PositionColumns[0].Column : layout.Header[first];
            if (first < 0)
            {
                return;
            }

            writer.WriteStartObject("position");
            foreach (var field in layout.Position)
            {
                WriteString(writer, field.Property, field.Column);
            }

            writer.WriteEndObject();
        }

        private void WriteAssessments(Utf8JsonWriter writer)
        {
            var index = 0;
            foreach (var assessment in layout.Assessments)
            {
                if (!IsPresent(assessment))
                {
                    continue;
                }

                if (index == 0)
                {
                    writer.WriteStartArray("assessments");
                }

                WriteAssessment(writer, assessment, string.Create(CultureInfo.InvariantCulture, $"/assessments/{index++}"));
            }

            if (index > 0)
            {
                writer.WriteEndArray();
            }
        }

        private void WriteAssessment(Utf8JsonWriter writer, CsvAssessmentColumns assessment, string at)
        {
            var prefix = assessment.Prefix;
            _columnOfPointer[at] = prefix + "id";
            foreach (var property in CsvLayout.AssessmentProperties)
            {
                _columnOfPointer[$"{at}/{property}"] = prefix + property;
            }

            writer.WriteStartObject();
            foreach (var field in assessment.Fields)
            {
                WriteString(writer, field.Property, field.Column);
            }

            var resultIndex = 0;
            foreach (var result in assessment.Results)
            {
                if (IsEmpty(result.Column) || !IsWritable(result.Column))
                {
                    continue;
                }

                if (resultIndex == 0)
                {
                    writer.WriteStartArray("results");
                }

                var resultAt = string.Create(CultureInfo.InvariantCulture, $"{at}/results/{resultIndex++}");
                var column = layout.Header[result.Column];
                _columnOfPointer[resultAt] = column;
                _columnOfPointer[resultAt + "/competency"] = column;
                _columnOfPointer[resultAt + "/score"] = column;
                writer.WriteStartObject();
                writer.WriteString("competency", result.Property);
                WriteScore(writer, "score", cells[result.Column]);
                writer.WriteEndObject();
            }

            if (resultIndex > 0)
            {
                writer.WriteEndArray();
            }

            WritePotential(writer, assessment, at);
            writer.WriteEndObject();
        }

        private void WritePotential(Utf8JsonWriter writer, CsvAssessmentColumns assessment, string assessmentAt)
        {
            var score = assessment.Potential >= 0 && !IsEmpty(assessment.Potential) && IsWritable(assessment.Potential);
            var scale = assessment.PotentialScale >= 0 && !IsEmpty(assessment.PotentialScale) && IsWritable(assessment.PotentialScale);
            if (!score && !scale)
            {
                return;
            }

            var at = assessmentAt + "/potential";
            _columnOfPointer[at] = assessment.Prefix + (score ? "potential" : "potentialScale");
            _columnOfPointer[at + "/score"] = assessment.Prefix + "potential";
            _columnOfPointer[at + "/scale"] = assessment.Prefix + "potentialScale";
            writer.WriteStartObject("potential");
            if (score)
            {
                WriteScore(writer, "score", cells[assessment.Potential]);
            }

            if (scale)
            {
                writer.WriteString("scale", cells[assessment.PotentialScale]);
            }

            writer.WriteEndObject();
        }

        private void WritePerformance(Utf8JsonWriter writer)
        {
            var index = 0;
            foreach (var year in layout.Years)
            {
                var word = Usable(year.RatingOrScore);
                var hasilKerja = Usable(year.HasilKerja);
                var perilaku = Usable(year.Perilaku);
                if (!word && !hasilKerja && !perilaku)
                {
                    continue;
                }

                if (index == 0)
                {
                    writer.WriteStartArray("performance");
                }

                var at = string.Create(CultureInfo.InvariantCulture, $"/performance/{index++}");
                var wordColumn = year.Column;
                var firstColumn = word ? wordColumn : layout.Header[hasilKerja ? year.HasilKerja : year.Perilaku];
                _columnOfPointer[at] = firstColumn;
                _columnOfPointer[at + "/year"] = firstColumn;
                _columnOfPointer[at + "/rating"] = wordColumn;
                _columnOfPointer[at + "/score"] = wordColumn;
                _columnOfPointer[at + "/hasilKerja"] = wordColumn + ".hasilKerja";
                _columnOfPointer[at + "/perilaku"] = wordColumn + ".perilaku";

                writer.WriteStartObject();
                writer.WriteNumber("year", year.Year);
                if (word)
                {
                    var cell = cells[year.RatingOrScore];
                    if (TryParseNumber(cell, out var score))
                    {
                        writer.WriteNumber("score", score);
                    }
                    else
                    {
                        writer.WriteString("rating", cell);
                    }
                }

                if (hasilKerja)
                {
                    writer.WriteString("hasilKerja", cells[year.HasilKerja]);
                }

                if (perilaku)
                {
                    writer.WriteString("perilaku", cells[year.Perilaku]);
                }

                writer.WriteEndObject();
            }

            if (index > 0)
            {
                writer.WriteEndArray();
            }
        }

        /// <summary>A score: a JSON number when the cell reads as a decimal, else the label as a string.</summary>
        private void WriteScore(Utf8JsonWriter writer, string property, string cell)
        {
            if (TryParseNumber(cell, out var number))
            {
                writer.WriteNumber(property, number);
            }
            else
            {
                writer.WriteString(property, cell);
            }
        }

        private bool TryParseNumber(string cell, out decimal number) =>
            decimal.TryParse(cell, ScoreStyle, CultureInfo.InvariantCulture, out number)
            || (decimalComma && decimal.TryParse(cell, ScoreStyle, DecimalComma, out number));

        private void WriteString(Utf8JsonWriter writer, string property, int column)
        {
            if (!IsEmpty(column) && IsWritable(column))
            {
                writer.WriteString(property, cells[column]);
            }
        }

        private bool IsPresent(CsvAssessmentColumns assessment)
        {
            foreach (var field in assessment.Fields)
            {
                if (Usable(field.Column))
                {
                    return true;
                }
            }

            foreach (var result in assessment.Results)
            {
                if (Usable(result.Column))
                {
                    return true;
                }
            }

            return Usable(assessment.Potential) || Usable(assessment.PotentialScale);
        }

        private int FirstPresent(List<CsvField> fields)
        {
            foreach (var field in fields)
            {
                if (Usable(field.Column))
                {
                    return field.Column;
                }
            }

            return -1;
        }

        private bool Usable(int column) => column >= 0 && !IsEmpty(column) && IsWritable(column);

        private bool IsEmpty(int column) => cells[column].Length == 0;

        /// <summary>
        /// False for a cell that is not valid Unicode (a lone surrogate), which no JSON text can carry: reported as
        /// invalid_format at its column, and the cell is left out.
        /// </summary>
        private bool IsWritable(int column)
        {
            if (TextRules.Inspect(cells[column]) != TextFault.NotNormalizable)
            {
                return true;
            }

            var name = layout.Header[column];
            _cellErrors ??= [];
            if (!_cellErrors.Exists(e => e.Pointer == name))
            {
                _cellErrors.Add(new RecordError(name, InvalidFormat, "The cell is not valid Unicode text."));
            }

            return false;
        }
    }
}
