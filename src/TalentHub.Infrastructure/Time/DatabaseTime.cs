namespace TalentHub.Infrastructure.Time;

public static class DatabaseTime
{
    /// <summary>
    /// Now, at the microsecond precision of PostgreSQL's timestamptz, so a value read back equals the one written
    /// (and an ETag computed before saving matches the one computed after reading).
    /// </summary>
    public static DateTimeOffset DatabaseNow(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMicrosecond));
    }
}
