namespace TalentHub.Infrastructure.Time;

/// <summary>
/// The service's one clock. Normally the system clock; configured with <c>Clock:Now</c> (or set by a test) it
/// starts at that instant and keeps running from there, so evaluations can be fixed to a reference date while
/// token lifetimes, rate windows and timeouts still measure real elapsed time.
/// </summary>
public sealed class ShiftedTimeProvider : TimeProvider
{
    private long _offsetTicks;

    public ShiftedTimeProvider(DateTimeOffset? startAt = null)
    {
        if (startAt is { } start)
        {
            SetNow(start);
        }
    }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void SetNow(DateTimeOffset now) => Interlocked.Exchange(ref _offsetTicks, (now - System.GetUtcNow()).Ticks);
}
