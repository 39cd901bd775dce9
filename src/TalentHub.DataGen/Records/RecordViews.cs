namespace TalentHub.DataGen.Records;

/// <summary>How a record relates to the person it describes.</summary>
public static class RecordViews
{
    /// <summary>The employing agency's own record.</summary>
    public const string Primary = "PRIMARY";

    /// <summary>A mover's former agency: TRANSFERRED_OUT, or a stale ACTIVE record.</summary>
    public const string FormerAgency = "FORMER_AGENCY";

    /// <summary>A second agency that also employs the person (ACTIVE in both).</summary>
    public const string Concurrent = "CONCURRENT";

    /// <summary>The same person under a second NIP.</summary>
    public const string DuplicateNip = "DUPLICATE_NIP";
}
