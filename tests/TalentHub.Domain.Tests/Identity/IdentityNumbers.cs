using System.Globalization;

namespace TalentHub.Domain.Tests.Identity;

/// <summary>Builds NIPs and NIKs digit by digit, so that tests state exactly what each block holds.</summary>
internal static class IdentityNumbers
{
    public static string Nip(DateOnly birthDate, int serviceYear, int middleCode, char genderDigit, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{birthDate:yyyyMMdd}{serviceYear:D4}{middleCode:D2}{genderDigit}{sequence:D3}");

    public static string Nik(string region, int encodedDay, int month, int twoDigitYear, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"{region}{encodedDay:D2}{month:D2}{twoDigitYear:D2}{sequence:D4}");

    public static string Nik(string region, DateOnly birthDate, bool female, int sequence) =>
        Nik(region, birthDate.Day + (female ? 40 : 0), birthDate.Month, birthDate.Year % 100, sequence);
}
