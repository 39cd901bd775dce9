namespace TalentHub.DataGen.GroundTruth;

/// <summary>Counts of expected outcomes, per format.</summary>
public sealed class OutcomeCounts
{
    public int Accepted { get; private set; }

    public int PendingMapping { get; private set; }

    public int Rejected { get; private set; }

    public int Total => Accepted + PendingMapping + Rejected;

    public void Add(string outcome)
    {
        switch (outcome)
        {
            case Expectation.Accepted:
                Accepted++;
                break;
            case Expectation.PendingMapping:
                PendingMapping++;
                break;
            default:
                Rejected++;
                break;
        }
    }

    public void Add(OutcomeCounts other)
    {
        Accepted += other.Accepted;
        PendingMapping += other.PendingMapping;
        Rejected += other.Rejected;
    }
}
