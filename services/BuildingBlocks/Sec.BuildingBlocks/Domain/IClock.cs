namespace Sec.BuildingBlocks.Domain;

/// <summary>The suite's notion of now, so tests can move time and business dates stay in UK local time.</summary>
public interface IClock
{
    DateTimeOffset UtcNow { get; }

    /// <summary>Today's business date in England and Wales.</summary>
    DateOnly Today { get; }
}

public sealed class SystemClock(TimeProvider time) : IClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();

    public DateOnly Today => UkTime.DateAt(UtcNow);
}
