using System.Globalization;
using System.Text.Json;
using static TalentHub.Domain.Records.RecordErrorCodes;

namespace TalentHub.Domain.Records;

/// <summary>
/// performance: one entry per year, 2000 ≤ year ≤ this year, in exactly one form: a predikat (<c>rating</c>), the
/// pair <c>hasilKerja</c> and <c>perilaku</c> (years from 2022), or a legacy <c>score</c> 0–100 (years to 2021).
/// </summary>
internal static class PerformanceFields
{
    private const int Year = 0;
    private const int Rating = 1;
    private const int HasilKerja = 2;
    private const int Perilaku = 3;
    private const int Score = 4;

    private static readonly FieldNames EntryNames = new("year", "rating", "hasilKerja", "perilaku", "score");
    private static readonly Pointer PerformanceAt = Pointer.Of("/performance");

    public static void Check(RecordChecker checker, JsonElement performance)
    {
        var count = checker.ItemsToRead(performance, PerformanceAt, RecordLimits.PerformanceEntries, required: false);
        if (count == 0)
        {
            return;
        }

        Span<int> years = stackalloc int[RecordLimits.PerformanceEntries];
        var yearCount = 0;
        var index = 0;
        foreach (var entry in performance.EnumerateArray())
        {
            if (index == count)
            {
                break;
            }

            var at = PerformanceAt.Item(index++);
            if (!checker.IsObject(entry, at, required: true))
            {
                continue;
            }

            var slots = default(FieldSlots);
            checker.ReadObject(entry, EntryNames, at, ref slots);
            var year = checker.Integer(slots[Year], at.Property("year"), required: true);
            if (year is { } y)
            {
                if (years[..yearCount].Contains(y))
                {
                    checker.Add(at.Property("year"), DuplicateYear, string.Create(CultureInfo.InvariantCulture, $"The year {y} appears earlier in performance."));
                }
                else
                {
                    years[yearCount++] = y;
                }

                if (y < RecordLimits.EarliestPerformanceYear || y > checker.Today.Year)
                {
                    checker.Add(at.Property("year"), OutOfRange, string.Create(CultureInfo.InvariantCulture, $"year {y} is outside {RecordLimits.EarliestPerformanceYear}–{checker.Today.Year}."));
                    year = null;
                }
            }

            CheckForm(checker, in slots, at, year);
        }
    }

    /// <summary>Exactly one form, each value valid, and the form allowed in the entry's (valid) year.</summary>
    private static void CheckForm(RecordChecker checker, in FieldSlots slots, Pointer at, int? year)
    {
        var hasRating = !RecordChecker.IsAbsent(slots[Rating]);
        var hasPair = !RecordChecker.IsAbsent(slots[HasilKerja]) || !RecordChecker.IsAbsent(slots[Perilaku]);
        var hasScore = !RecordChecker.IsAbsent(slots[Score]);
        var forms = (hasRating ? 1 : 0) + (hasPair ? 1 : 0) + (hasScore ? 1 : 0);
        if (forms == 0)
        {
            checker.Add(at, Required, "The entry needs a rating, or hasilKerja and perilaku, or a legacy score.");
        }
        else if (forms > 1)
        {
            checker.Add(at, InvalidFormat, "The entry has more than one form: give either a rating, or hasilKerja and perilaku, or a legacy score.");
        }

        checker.Enum(slots[Rating], at.Property("rating"), RecordEnums.Predikat, required: false);
        checker.Enum(slots[HasilKerja], at.Property("hasilKerja"), RecordEnums.PerformanceRatings, required: hasPair);
        checker.Enum(slots[Perilaku], at.Property("perilaku"), RecordEnums.PerformanceRatings, required: hasPair);
        var score = checker.Number(slots[Score], at.Property("score"), required: false);
        if (score is < RecordLimits.MinLegacyScore or > RecordLimits.MaxLegacyScore)
        {
            checker.Add(at.Property("score"), OutOfRange, string.Create(CultureInfo.InvariantCulture, $"score {score} is outside {RecordLimits.MinLegacyScore}–{RecordLimits.MaxLegacyScore}."));
        }

        if (forms != 1 || year is not { } y)
        {
            return;
        }

        if (hasPair && y < RecordLimits.FirstRatingPairYear)
        {
            var pairAt = RecordChecker.IsAbsent(slots[HasilKerja]) ? at.Property("perilaku") : at.Property("hasilKerja");
            checker.Add(pairAt, OutOfRange, string.Create(CultureInfo.InvariantCulture, $"hasilKerja and perilaku are rated from {RecordLimits.FirstRatingPairYear}; {y} needs a rating or a legacy score."));
        }
        else if (score is not null && y > RecordLimits.LastLegacyScoreYear)
        {
            checker.Add(at.Property("score"), OutOfRange, string.Create(CultureInfo.InvariantCulture, $"A legacy score is allowed up to {RecordLimits.LastLegacyScoreYear}; {y} needs a rating, or hasilKerja and perilaku."));
        }
    }
}
