using System.Text.Json;
using static TalentHub.Domain.Records.RecordErrorCodes;

namespace TalentHub.Domain.Records;

/// <summary>position and positionHistory: levels of docs/domain/standard.md#position-levels, dates, and the order of the history.</summary>
internal static class PositionFields
{
    private const int Title = 0;
    private const int Level = 1;
    private const int Unit = 2;
    private const int JobFamily = 3;
    private const int Province = 4;
    private const int Since = 5;
    private const int AgencyCode = 3;
    private const int From = 4;
    private const int To = 5;

    private static readonly FieldNames PositionNames = new("title", "level", "unit", "jobFamily", "province", "since");
    private static readonly FieldNames HistoryNames = new("title", "level", "unit", "agencyCode", "from", "to");
    private static readonly Pointer PositionAt = Pointer.Record.Property("position");
    private static readonly Pointer PositionFieldsAt = Pointer.Of("/position");
    private static readonly Pointer HistoryAt = Pointer.Of("/positionHistory");

    /// <summary>Checks the current position (required when ACTIVE); returns its since date when valid.</summary>
    public static DateOnly? CheckPosition(RecordChecker checker, JsonElement position, bool required)
    {
        if (!checker.IsObject(position, PositionAt, required))
        {
            return null;
        }

        var at = PositionFieldsAt;
        var slots = default(FieldSlots);
        checker.ReadObject(position, PositionNames, at, ref slots);
        CheckHeldPosition(checker, in slots, at);
        checker.Text(slots[JobFamily], at.Property("jobFamily"), RecordLimits.CodeLength, required: false);
        checker.Member(slots[Province], at.Property("province"), checker.Reference.ProvinceCodes, InvalidEnum, "province code", required: false);
        return checker.PastDate(slots[Since], at.Property("since"), required: true);
    }

    /// <summary>Earlier positions: each from ≤ to, ending no later than the current position starts.</summary>
    public static void CheckHistory(RecordChecker checker, JsonElement history, DateOnly? currentSince)
    {
        var count = checker.ItemsToRead(history, HistoryAt, RecordLimits.PositionHistoryEntries, required: false);
        if (count == 0)
        {
            return;
        }

        var index = 0;
        foreach (var entry in history.EnumerateArray())
        {
            if (index == count)
            {
                break;
            }

            var at = HistoryAt.Item(index++);
            if (!checker.IsObject(entry, at, required: true))
            {
                continue;
            }

            var slots = default(FieldSlots);
            checker.ReadObject(entry, HistoryNames, at, ref slots);
            CheckHeldPosition(checker, in slots, at);
            checker.Member(slots[AgencyCode], at.Property("agencyCode"), checker.Reference.AgencyCodes, UnknownAgency, "agency code", required: false);
            var from = checker.PastDate(slots[From], at.Property("from"), required: true);
            var to = checker.PastDate(slots[To], at.Property("to"), required: true);
            if (from > to)
            {
                checker.Add(at.Property("from"), DateOrder, $"from {RecordChecker.Iso(from.Value)} is after to {RecordChecker.Iso(to.Value)}.");
            }

            if (to > currentSince)
            {
                checker.Add(at.Property("to"), DateOrder, $"to {RecordChecker.Iso(to.Value)} is after the current position's since {RecordChecker.Iso(currentSince.Value)}.");
            }
        }
    }

    /// <summary>The fields a current and an earlier position share, in the same slots.</summary>
    private static void CheckHeldPosition(RecordChecker checker, in FieldSlots slots, Pointer at)
    {
        checker.Text(slots[Title], at.Property("title"), RecordLimits.TitleLength, required: true);
        checker.Enum(slots[Level], at.Property("level"), RecordEnums.PositionLevels, required: true, UnknownPositionLevel);
        checker.Text(slots[Unit], at.Property("unit"), RecordLimits.UnitLength, required: true);
    }
}
