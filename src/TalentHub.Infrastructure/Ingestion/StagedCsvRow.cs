using System.Text.Json;
using TalentHub.Domain.Records;

namespace TalentHub.Infrastructure.Ingestion;

/// <summary>A CSV row as staged (a JSON object of its non-empty cells by column), mapped back to the record format.</summary>
public static class StagedCsvRow
{
    public static CsvRecord Map(string raw, bool decimalComma)
    {
        var header = new List<string>();
        var cells = new List<string>();
        using (var row = JsonDocument.Parse(raw))
        {
            foreach (var cell in row.RootElement.EnumerateObject())
            {
                header.Add(cell.Name);
                cells.Add(cell.Value.GetString() ?? "");
            }
        }

        return CsvRecordMapper.Map(header, cells, decimalComma);
    }
}
