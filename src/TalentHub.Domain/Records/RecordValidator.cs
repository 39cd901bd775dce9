using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;
using TalentHub.Domain.Time;
using static TalentHub.Domain.Records.RecordErrorCodes;

namespace TalentHub.Domain.Records;

/// <summary>
/// Validates one talent record against every rule of docs/domain/records.md that needs no other record and no agency scale,
/// collecting all its errors. Pure: "today" and the reference data come with the <see cref="ValidationContext"/>.
/// </summary>
public static class RecordValidator
{
    public const int MaxDepth = 32;

    private const int Nip = 0;
    private const int Nik = 1;
    private const int Name = 2;
    private const int BirthDate = 3;
    private const int BirthPlace = 4;
    private const int Gender = 5;
    private const int EmploymentType = 6;
    private const int Status = 7;
    private const int Grade = 8;
    private const int Position = 9;
    private const int PositionHistory = 10;
    private const int Assessments = 11;
    private const int Performance = 12;
    private const int PreviousNips = 13;
    private const int SourceUpdatedAt = 14;

    private static readonly FieldNames RecordNames = new(
        "nip", "nik", "name", "birthDate", "birthPlace", "gender", "employmentType", "status", "grade", "position",
        "positionHistory", "assessments", "performance", "previousNips", "sourceUpdatedAt");

    // A repeated property name would make one of its values silently lost: refused like any unreadable JSON.
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxDepth,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// Validates one record's raw UTF-8 JSON. Bytes that are not UTF-8, not JSON, not an object, repeat a property
    /// or nest deeper than <see cref="MaxDepth"/> give a single malformed_record error at the pointer <c>""</c>.
    /// </summary>
    public static RecordValidation Validate(ReadOnlySpan<byte> utf8Json, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!Utf8.IsValid(utf8Json))
        {
            return Malformed("The record is not valid UTF-8 text.");
        }

        // JsonDocument reads from memory it does not copy: a pooled copy of the span, returned once the document is gone.
        var buffer = ArrayPool<byte>.Shared.Rent(utf8Json.Length);
        try
        {
            utf8Json.CopyTo(buffer);
            return ValidateParsed(buffer.AsMemory(0, utf8Json.Length), context);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static RecordValidation ValidateParsed(ReadOnlyMemory<byte> utf8Json, ValidationContext context)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line && exception.BytePositionInLine is { } position
                ? $" (line {line + 1}, byte {position + 1})"
                : string.Empty;
            return Malformed($"The record is not well-formed JSON, repeats a property name or nests deeper than {MaxDepth} levels{where}.");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Malformed("The record must be a JSON object.");
            }

            var checker = new RecordChecker(context);
            var slots = default(FieldSlots);
            checker.ReadObject(root, RecordNames, Pointer.Record, ref slots);
            CheckRecord(checker, in slots);
            var nip = slots[Nip].ValueKind == JsonValueKind.String ? RecordChecker.StringOf(slots[Nip]) : null;
            return checker.Errors.Count == 0
                ? new RecordValidation(nip, checker.Errors, TalentRecordReader.From(root))
                : new RecordValidation(nip, checker.Errors);
        }
    }

    private static void CheckRecord(RecordChecker checker, in FieldSlots slots)
    {
        var record = Pointer.Record;
        var employmentType = checker.Enum(slots[EmploymentType], record.Property("employmentType"), RecordEnums.EmploymentTypes, required: true);
        var status = checker.Enum(slots[Status], record.Property("status"), RecordEnums.Status, required: true);

        IdentityFields.Check(checker, slots[Nip], slots[Nik], slots[BirthDate], slots[Gender], slots[PreviousNips], employmentType);
        checker.Text(slots[Name], record.Property("name"), RecordLimits.NameLength, required: true);
        checker.Text(slots[BirthPlace], record.Property("birthPlace"), RecordLimits.BirthPlaceLength, required: false);
        CheckGrade(checker, slots[Grade], employmentType);

        var since = PositionFields.CheckPosition(checker, slots[Position], required: status == RecordEnums.Active);
        PositionFields.CheckHistory(checker, slots[PositionHistory], since);
        AssessmentFields.Check(checker, slots[Assessments]);
        PerformanceFields.Check(checker, slots[Performance]);
        CheckSourceUpdatedAt(checker, slots[SourceUpdatedAt]);
    }

    /// <summary>Required for PNS; in the grade list of the record's employment type (unchecked when that is invalid).</summary>
    private static void CheckGrade(RecordChecker checker, JsonElement grade, string? employmentType)
    {
        var at = Pointer.Record.Property("grade");
        var grades = employmentType switch
        {
            RecordEnums.Pns => checker.Reference.PnsGrades,
            RecordEnums.Pppk => checker.Reference.PppkGrades,
            _ => null,
        };

        if (grades is null)
        {
            checker.Code(grade, at, required: false);
        }
        else
        {
            checker.Member(grade, at, grades, UnknownGrade, $"{employmentType} grade", required: employmentType == RecordEnums.Pns);
        }
    }

    /// <summary>
    /// An ISO 8601 date-time with an explicit offset (<c>Z</c> or <c>±hh:mm</c>), not on a Jakarta date after today:
    /// it orders an agency's records, so a value from the future would win over every later correction.
    /// </summary>
    private static void CheckSourceUpdatedAt(RecordChecker checker, JsonElement value)
    {
        var at = Pointer.Record.Property("sourceUpdatedAt");
        var text = checker.Code(value, at, required: true);
        if (text is null)
        {
            return;
        }

        if (!HasTimeAndOffset(text))
        {
            checker.Add(at, InvalidFormat, $"{TextRules.Echo(text)} is not an ISO 8601 date-time with an offset, e.g. 2025-01-10T08:00:00+07:00.");
        }
        else if (!value.TryGetDateTimeOffset(out var instant))
        {
            checker.Add(at, InvalidDate, $"{TextRules.Echo(text)} is not a real date and time.");
        }
        else if (JakartaCalendar.DateOf(instant) > checker.Today)
        {
            checker.Add(at, FutureDate, $"sourceUpdatedAt {TextRules.Echo(text)} is after today ({RecordChecker.Iso(checker.Today)}).");
        }
    }

    private static bool HasTimeAndOffset(string text)
    {
        const int DateLength = 10;
        if (text.Length <= DateLength || text[DateLength] != 'T')
        {
            return false;
        }

        if (text[^1] == 'Z')
        {
            return true;
        }

        var offset = text.AsSpan()[^6..];
        return text.Length >= DateLength + 7
            && offset[0] is '+' or '-'
            && char.IsAsciiDigit(offset[1]) && char.IsAsciiDigit(offset[2])
            && offset[3] == ':'
            && char.IsAsciiDigit(offset[4]) && char.IsAsciiDigit(offset[5]);
    }

    private static RecordValidation Malformed(string message) =>
        new(null, [new RecordError(string.Empty, MalformedRecord, message)]);
}
