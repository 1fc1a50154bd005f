namespace Sec.BuildingBlocks.Domain;

/// <summary>Business dates are UK dates; deadlines fall at UK midnight whatever the server's zone.</summary>
public static class UkTime
{
    private static readonly TimeZoneInfo London = Find();

    /// <summary>The instant the UK date begins.</summary>
    public static DateTimeOffset StartOf(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, London.GetUtcOffset(local));
    }

    /// <summary>The UK date at an instant.</summary>
    public static DateOnly DateAt(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);

    private static TimeZoneInfo Find()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/London"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.Utc; }
    }
}
