namespace TalentHub.DataGen.Writers;

/// <summary>How an agency's spreadsheet export looks: most use ',' and '.', some ';' (half of them with decimal commas), some a BOM.</summary>
public sealed record CsvDialect(char Delimiter, bool DecimalComma, bool ByteOrderMark)
{
    public static CsvDialect For(ulong seed, int agencyIndex)
    {
        var random = Prng.For(seed, Purpose.CsvDialect, agencyIndex);
        var semicolon = random.Chance(0.2);
        return new CsvDialect(semicolon ? ';' : ',', semicolon && random.Chance(0.5), random.Chance(0.1));
    }
}
