namespace TalentHub.Domain.Identity;

/// <summary>
/// A structurally valid NIK, decoded: region (province, regency or city, district), the encoded birth day (without
/// the female +40), month and two-digit year, the gender the day encodes, and the sequence.
/// </summary>
public sealed record DecodedNik(
    string ProvinceCode,
    string RegionCode,
    int Day,
    int Month,
    int TwoDigitYear,
    Gender Gender,
    int Sequence)
{
    /// <summary>The encoded date read in the century of the given birth date; null when not a real date in that year.</summary>
    public DateOnly? DateInCenturyOf(DateOnly birthDate)
    {
        var year = (birthDate.Year / 100 * 100) + TwoDigitYear;
        return Day <= DateTime.DaysInMonth(year, Month) ? new DateOnly(year, Month, Day) : null;
    }
}
