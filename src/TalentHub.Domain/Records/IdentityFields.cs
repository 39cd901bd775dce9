using System.Text.Json;
using TalentHub.Domain.Identity;
using TalentHub.Domain.Standard;
using static TalentHub.Domain.Records.RecordErrorCodes;

namespace TalentHub.Domain.Records;

/// <summary>
/// nip, nik, birthDate, gender and previousNips (docs/domain/records.md#nip and #nik): the structure checks and the agreement
/// of the identity numbers with the birth date and gender, through <see cref="NipRules"/> and <see cref="NikRules"/>.
/// </summary>
internal static class IdentityFields
{
    private static readonly Pointer NipAt = Pointer.Record.Property("nip");
    private static readonly Pointer NikAt = Pointer.Record.Property("nik");
    private static readonly Pointer BirthDateAt = Pointer.Record.Property("birthDate");
    private static readonly Pointer GenderAt = Pointer.Record.Property("gender");
    private static readonly Pointer PreviousNipsAt = Pointer.Of("/previousNips");

    public static void Check(
        RecordChecker checker, JsonElement nip, JsonElement nik, JsonElement birthDate, JsonElement gender,
        JsonElement previousNips, string? employmentType)
    {
        var birth = checker.PastDate(birthDate, BirthDateAt, required: true);
        Gender? sex = checker.Enum(gender, GenderAt, RecordEnums.Genders, required: true) switch
        {
            "M" => Gender.M,
            "F" => Gender.F,
            _ => null,
        };

        var nipText = checker.Code(nip, NipAt, required: true);
        if (nipText is not null)
        {
            CheckNip(checker, nipText, employmentType, birth, sex);
        }

        var nikText = checker.Code(nik, NikAt, required: false);
        if (nikText is not null)
        {
            CheckNik(checker, nikText, birth, sex);
        }

        CheckPreviousNips(checker, previousNips, birth);
    }

    private static void CheckNip(RecordChecker checker, string nip, string? employmentType, DateOnly? birth, Gender? sex)
    {
        var type = employmentType switch
        {
            RecordEnums.Pns => EmploymentType.Pns,
            RecordEnums.Pppk => EmploymentType.Pppk,

            // Unknown employment type (already an error): read the NIP under whichever rule decodes it.
            _ => NipRules.Decode(nip, EmploymentType.Pns, checker.Today) is null ? EmploymentType.Pppk : EmploymentType.Pns,
        };

        foreach (var code in NipRules.Validate(nip, type, birth, sex, checker.Today))
        {
            switch (code)
            {
                case IdentityErrorCodes.NipInvalid:
                    checker.Add(NipAt, NipInvalid, $"{TextRules.Echo(nip)} is not a valid {UpperSnakeCase.Of(type)} NIP (18 digits: a real birth date, a valid service start, gender digit 1 or 2, sequence 001–999, and at least 18 years old at the service start).");
                    break;
                case IdentityErrorCodes.NipBirthDateMismatch:
                    checker.Add(BirthDateAt, NipBirthDateMismatch, "birthDate is not the birth date encoded in the NIP (its first 8 digits).");
                    break;
                default:
                    checker.Add(GenderAt, NipGenderMismatch, "gender is not the gender encoded in the NIP (its 15th digit: 1 male, 2 female).");
                    break;
            }
        }
    }

    /// <summary>The NIK is personal data: no message quotes it.</summary>
    private static void CheckNik(RecordChecker checker, string nik, DateOnly? birth, Gender? sex)
    {
        foreach (var code in NikRules.Validate(nik, birth, sex, checker.Reference.ProvinceCodes))
        {
            if (code == IdentityErrorCodes.NikInvalid)
            {
                checker.Add(NikAt, NikInvalid, "nik is not a valid NIK (16 digits: a known province code, a real encoded birth date, a sequence other than 0000).");
            }
            else
            {
                checker.Add(NikAt, NikMismatch, "The birth date or sex encoded in the NIK disagrees with birthDate or gender.");
            }
        }
    }

    /// <summary>Each earlier NIP: valid under the PNS or the PPPK rule, with the record's birth date.</summary>
    private static void CheckPreviousNips(RecordChecker checker, JsonElement previousNips, DateOnly? birth)
    {
        var count = checker.ItemsToRead(previousNips, PreviousNipsAt, RecordLimits.PreviousNips, required: false);
        if (count == 0)
        {
            return;
        }

        var index = 0;
        foreach (var item in previousNips.EnumerateArray())
        {
            if (index == count)
            {
                break;
            }

            var at = PreviousNipsAt.Item(index++);
            var nip = checker.Code(item, at, required: true);
            if (nip is null)
            {
                continue;
            }

            var decoded = NipRules.Decode(nip, EmploymentType.Pns, checker.Today) ?? NipRules.Decode(nip, EmploymentType.Pppk, checker.Today);
            if (decoded is null)
            {
                checker.Add(at, NipInvalid, $"{TextRules.Echo(nip)} is not a valid PNS or PPPK NIP.");
            }
            else if (birth is { } date && decoded.BirthDate != date)
            {
                checker.Add(at, NipBirthDateMismatch, "The earlier NIP encodes another birth date than birthDate.");
            }
        }
    }
}
