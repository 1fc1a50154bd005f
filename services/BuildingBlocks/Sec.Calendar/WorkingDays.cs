namespace Sec.Calendar;

/// <summary>A span, both ends included, during which the process is paused (the DCC waits for information).</summary>
public readonly record struct ClockStop(DateOnly From, DateOnly To);

/// <summary>A way of counting working days; the suite names two, and an operator picks one by name.</summary>
public interface IWorkingDayPolicy
{
    /// <summary>The policy's configuration name.</summary>
    string Name { get; }

    /// <summary>Whether <paramref name="date"/> counts as a working day.</summary>
    bool Counts(DateOnly date);

    /// <summary>Counts the days from <paramref name="start"/> through <paramref name="end"/>, both included, less those inside clock stops.</summary>
    int Duration(DateOnly start, DateOnly end, IReadOnlyList<ClockStop>? clockStops = null);
}

/// <summary>Counting by arithmetic (whole weeks, then the remainder) so long spans cost nothing.</summary>
public abstract class WorkingDayPolicy : IWorkingDayPolicy
{
    public abstract string Name { get; }

    public abstract bool Counts(DateOnly date);

    /// <summary>How many counted days fall from <paramref name="from"/> through <paramref name="to"/>.</summary>
    protected abstract int CountRange(DateOnly from, DateOnly to);

    public int Duration(DateOnly start, DateOnly end, IReadOnlyList<ClockStop>? clockStops = null)
    {
        if (end < start)
            return 0;
        var total = CountRange(start, end);
        foreach (var stop in Merge(clockStops, start, end))
            total -= CountRange(stop.From, stop.To);
        return total;
    }

    /// <summary>Weekdays from <paramref name="from"/> through <paramref name="to"/>, both included.</summary>
    public static int Weekdays(DateOnly from, DateOnly to)
    {
        if (to < from)
            return 0;
        var days = to.DayNumber - from.DayNumber + 1;
        var weekdays = days / 7 * 5;
        var day = (int)from.DayOfWeek;
        for (var i = 0; i < days % 7; i++, day = (day + 1) % 7)
            if (day is not (int)DayOfWeek.Saturday and not (int)DayOfWeek.Sunday)
                weekdays++;
        return weekdays;
    }

    /// <summary>Clock stops clipped to the window and merged, so overlapping stops count once.</summary>
    private static IEnumerable<ClockStop> Merge(IReadOnlyList<ClockStop>? stops, DateOnly start, DateOnly end)
    {
        if (stops is null || stops.Count == 0)
            yield break;
        ClockStop? current = null;
        foreach (var stop in stops.Where(s => s.To >= start && s.From <= end && s.From <= s.To).OrderBy(s => s.From))
        {
            var clipped = new ClockStop(stop.From < start ? start : stop.From, stop.To > end ? end : stop.To);
            if (current is { } c && clipped.From.DayNumber <= c.To.DayNumber + 1)
                current = new ClockStop(c.From, clipped.To > c.To ? clipped.To : c.To);
            else
            {
                if (current is { } done)
                    yield return done;
                current = clipped;
            }
        }
        if (current is { } last)
            yield return last;
    }
}

/// <summary>
/// Legal working days, for periods and deadlines (withdrawal and referral windows, assessment due
/// dates): a weekday that is not an England and Wales bank holiday.
/// </summary>
public sealed class LegalWorkingDays(HolidayCalendar holidays) : WorkingDayPolicy
{
    public const string PolicyName = "legal-working-days";

    public override string Name => PolicyName;

    public override bool Counts(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.IsHoliday(date);

    protected override int CountRange(DateOnly from, DateOnly to) => Weekdays(from, to) - holidays.CountBetween(from, to);

    /// <summary>The end of a period of <paramref name="days"/> working days from <paramref name="from"/>: the Nth working day after it.</summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = from;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (Counts(date))
                counted++;
        }
        return date;
    }
}

/// <summary>
/// The convention the Change Status Reports print durations in: every weekday from the start
/// through the end, both included, bank holidays counted too (checked against the published
/// April and August 2020 figures).
/// </summary>
public sealed class PublishedWeekdays : WorkingDayPolicy
{
    public const string PolicyName = "published-weekdays";

    public override string Name => PolicyName;

    public override bool Counts(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    protected override int CountRange(DateOnly from, DateOnly to) => Weekdays(from, to);

    /// <summary>
    /// The start date whose duration to <paramref name="end"/> is <paramref name="duration"/>: used
    /// where a paper gives only a returned date and an actual duration.
    /// </summary>
    public DateOnly StartFor(DateOnly end, int duration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(duration, 1);
        var date = end;
        while (!Counts(date))
            date = date.AddDays(-1);
        for (var counted = 1; counted < duration;)
        {
            date = date.AddDays(-1);
            if (Counts(date))
                counted++;
        }
        return date;
    }
}

/// <summary>The named policies, so configuration picks one by name.</summary>
public static class WorkingDayPolicies
{
    public static IWorkingDayPolicy ByName(string name, HolidayCalendar holidays) => name switch
    {
        LegalWorkingDays.PolicyName => new LegalWorkingDays(holidays),
        PublishedWeekdays.PolicyName => new PublishedWeekdays(),
        _ => throw new ArgumentException($"Unknown working-day policy '{name}'; use '{LegalWorkingDays.PolicyName}' or '{PublishedWeekdays.PolicyName}'.", nameof(name)),
    };
}
