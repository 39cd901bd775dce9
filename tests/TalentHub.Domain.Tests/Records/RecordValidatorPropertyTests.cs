using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Xunit;
using TalentHub.Domain.Records;
using TalentHub.Domain.Tests.Identity;
using static TalentHub.Domain.Tests.Records.RecordSamples;

namespace TalentHub.Domain.Tests.Records;

/// <summary>Properties of the validator over mutations of the full sample record and over arbitrary input.</summary>
public class RecordValidatorPropertyTests
{
    private const string AString = "string";
    private const string ANumber = "number";
    private const string AnObject = "object";
    private const string AnArray = "array";

    private static readonly (string Kind, string Json)[] Values =
        [(AString, "\"x\""), (ANumber, "7"), ("boolean", "true"), ("boolean", "false"), (AnObject, "{}"), (AnArray, "[]"), (AnObject, "{\"a\":1}"), (AnArray, "[1]")];

    /// <summary>Every typed place of the sample record and the JSON types it accepts.</summary>
    private static readonly (string Pointer, string[] Accepted)[] TypedPointers =
    [
        .. new[]
        {
            "/nip", "/nik", "/name", "/birthDate", "/birthPlace", "/gender", "/employmentType", "/status", "/grade",
            "/sourceUpdatedAt", "/position/title", "/position/level", "/position/unit", "/position/jobFamily",
            "/position/province", "/position/since", "/positionHistory/0/from", "/positionHistory/0/to",
            "/positionHistory/1/agencyCode", "/positionHistory/1/title", "/positionHistory/1/level", "/positionHistory/1/unit",
            "/assessments/0/id", "/assessments/0/method", "/assessments/0/scale", "/assessments/0/assessedAt",
            "/assessments/0/assessor", "/assessments/0/results/1/competency", "/assessments/0/results/2/scale",
            "/assessments/0/potential/scale", "/performance/0/rating", "/performance/1/hasilKerja",
            "/performance/1/perilaku", "/previousNips/0",
        }.Select(p => (p, new[] { AString })),
        ("/performance/0/year", [ANumber]),
        ("/performance/2/score", [ANumber]),
        ("/assessments/0/results/0/score", [ANumber, AString]),
        ("/assessments/0/potential/score", [ANumber, AString]),
        .. new[] { "/position", "/positionHistory/0", "/assessments/1", "/assessments/0/results/0", "/assessments/0/potential", "/performance/1" }
            .Select(p => (p, new[] { AnObject })),
        .. new[] { "/positionHistory", "/assessments", "/assessments/0/results", "/performance", "/previousNips" }
            .Select(p => (p, new[] { AnArray })),
    ];

    private static readonly byte[] FullRecordBytes = Encoding.UTF8.GetBytes(FullRecord);

    [Property(MaxTest = 1000)]
    public bool A_value_of_another_json_type_is_invalid_type_at_its_pointer_and_nothing_else(NonNegativeInt place, NonNegativeInt value)
    {
        var (pointer, accepted) = TypedPointers[place.Get % TypedPointers.Length];
        var wrong = Values.Where(v => !accepted.Contains(v.Kind)).ToArray();
        var replacement = wrong[value.Get % wrong.Length].Json;

        var outcome = Outcome(Validate(FullWith((pointer, replacement))));

        return outcome.SequenceEqual([$"{pointer} invalid_type"]);
    }

    [Property(MaxTest = 2000)]
    public bool Arbitrary_bytes_never_throw_and_malformed_is_always_alone(byte[] bytes)
    {
        var validation = RecordValidator.Validate(bytes, Context);

        return IsWellFormedOutcome(validation);
    }

    [Property(MaxTest = 2000)]
    public bool A_corrupted_or_truncated_record_never_throws(NonNegativeInt position, byte value, NonNegativeInt cut)
    {
        var bytes = (byte[])FullRecordBytes.Clone();
        bytes[position.Get % bytes.Length] = value;
        var truncated = bytes.AsSpan(0, bytes.Length - (cut.Get % 3 == 0 ? cut.Get % bytes.Length : 0));

        return IsWellFormedOutcome(RecordValidator.Validate(truncated, Context));
    }

    [Property(MaxTest = 2000)]
    public bool Any_name_is_either_valid_or_reported_only_at_name(string? name)
    {
        var json = FullRecord.Replace("\"Siti Rahmawati\"", EscapeEveryCharacter(name ?? string.Empty), StringComparison.Ordinal);

        var errors = Validate(json).Errors;

        var trimmed = (name ?? string.Empty).Trim();
        var expectedValid = trimmed.Length > 0 && trimmed.EnumerateRunes().Count() <= 200 && IsPrintableUnicode(name!);
        return errors.All(e => e.Pointer == "/name") && (errors.Count == 0) == expectedValid && errors.Count <= 1;
    }

    [Property(MaxTest = 1000)]
    public bool Any_undefined_property_is_unknown_field_alone(NonEmptyString name)
    {
        var record = Full();
        if (record.ContainsKey(name.Get))
        {
            return true;
        }

        var json = FullRecord.Replace("\"nik\":", EscapeEveryCharacter(name.Get) + ": 0, \"nik\":", StringComparison.Ordinal);
        var error = Validate(json).Errors;

        var safeName = name.Get.Length <= 200 && name.Get.All(c => !char.IsControl(c) && !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF'));
        var escaped = "/" + name.Get.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
        return error.Count == 1 && error[0].Code == RecordErrorCodes.UnknownField && (!safeName || error[0].Pointer == escaped);
    }

    [Property(MaxTest = 1000)]
    public bool Any_consistent_identity_is_valid(NonNegativeInt birth, NonNegativeInt start, bool female, bool pppk, NonNegativeInt sequence)
    {
        var earliest = new DateOnly(1945, 1, 1);
        var birthDate = earliest.AddDays(birth.Get % (new DateOnly(2008, 10, 1).DayNumber - earliest.DayNumber));
        var adult = birthDate.AddYears(18);
        var firstMonth = new DateOnly(Math.Max(1950, adult.Year + 1), 1, 1);
        var months = ((Today.Year - firstMonth.Year) * 12) + Today.Month - firstMonth.Month + 1;
        var serviceStart = firstMonth.AddMonths(start.Get % months);
        var nip = IdentityNumbers.Nip(birthDate, serviceStart.Year, pppk ? 20 + (start.Get % 80) : serviceStart.Month, female ? '2' : '1', 1 + (sequence.Get % 999));
        var nik = IdentityNumbers.Nik("357801", birthDate, female, 1 + (sequence.Get % 9999));

        var record = FullWith(
            ("/nip", Quote(nip)), ("/nik", Quote(nik)), ("/birthDate", Quote(birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            ("/gender", female ? "\"F\"" : "\"M\""), ("/employmentType", pppk ? "\"PPPK\"" : "\"PNS\""), ("/grade", pppk ? "\"IX\"" : "\"III/d\""),
            ("/previousNips/0", Quote(nip)));

        return Validate(record).Errors.Count == 0;
    }

    private static bool IsWellFormedOutcome(RecordValidation validation)
    {
        var malformed = validation.Errors.Count(e => e.Code == RecordErrorCodes.MalformedRecord);
        return (malformed == 0 || (validation.Errors.Count == 1 && validation.Errors[0].Pointer.Length == 0))
            && validation.Errors.All(e => e.Pointer.Length == 0 || e.Pointer[0] == '/')
            && validation.Errors.All(e => !string.IsNullOrEmpty(e.Message));
    }

    private static bool IsPrintableUnicode(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]) || char.IsControl(text[i]) || text[i] is '\uFFFE' or '\uFFFF')
            {
                return false;
            }
        }

        return true;
    }

    private static string Quote(string text) => JsonValue.Create(text).ToJsonString();

    /// <summary>A JSON string literal with every UTF-16 unit escaped, so that any .NET string (even a broken one) fits.</summary>
    private static string EscapeEveryCharacter(string text)
    {
        var builder = new StringBuilder("\"", (text.Length * 6) + 2);
        foreach (var c in text)
        {
            builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
        }

        return builder.Append('"').ToString();
    }
}
