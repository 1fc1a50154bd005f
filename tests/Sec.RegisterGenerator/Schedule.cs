namespace Sec.RegisterGenerator;

/// <summary>A Working Group and the dates it meets.</summary>
internal sealed record GroupPlan(string Name, string Theme, IReadOnlyList<DateOnly> Meetings, IReadOnlyList<string> MeetingIds);

/// <summary>A SEC Release as scheduled.</summary>
internal sealed record ReleasePlan(string Id, string Name, ReleaseType Type, DateOnly ImplementationDate);

/// <summary>
/// The calendar the register lives by: the Change Sub-Committee, the Panel and the Change Board
/// meet monthly, each Working Group meets monthly, and releases go live in February (minor), June
/// and November (major), with standalone releases between. Meetings and releases run a few months
/// past the register date, as they are scheduled ahead.
/// </summary>
internal sealed class Schedule
{
    private static readonly string[] Themes =
    [
        "Alert Storms and Communications Hubs", "Smart Metering Key Infrastructure", "Prepayment and Consumer Experience",
        "SMETS1 Enrolment and Adoption", "Testing and Release Management", "Security and Privacy", "DCC User Interface",
        "Firmware and Device Management", "Change of Supplier", "Network Operators' Use Cases",
    ];

    public Schedule(RegisterShape shape, Ids ids)
    {
        var from = new DateOnly(shape.RaisedFrom.Year, shape.RaisedFrom.Month, 1);
        var until = shape.RegisterDate.AddMonths(4);
        Csc = Monthly(from, until, DayOfWeek.Tuesday, 2);
        Panel = Monthly(from, until, DayOfWeek.Friday, 3);
        ChangeBoard = Monthly(from, until, DayOfWeek.Wednesday, 4);
        ChangeBoardIds = ChangeBoard.Select(_ => ids.Next()).ToList();

        // One group per 250 modifications (at least three), each meeting on its own weekday of the month.
        var groups = Math.Max(3, (shape.Modifications + 249) / 250);
        Groups = Enumerable.Range(0, groups).Select(g =>
        {
            var meetings = Monthly(from, shape.RegisterDate.AddDays(40), (DayOfWeek)(1 + g % 5), 1 + g / 5 % 4);
            return new GroupPlan($"WG{g + 1:00} {Themes[g % Themes.Length]}", Themes[g % Themes.Length], meetings, meetings.Select(_ => ids.Next()).ToList());
        }).ToList();

        var releases = new List<ReleasePlan>();
        for (var year = from.Year; year <= until.Year + 1; year++)
        {
            releases.Add(new(ids.Next(), $"February {year} SEC Release", ReleaseType.Minor, LastThursday(year, 2)));
            releases.Add(new(ids.Next(), $"June {year} SEC Release", ReleaseType.Major, LastThursday(year, 6)));
            releases.Add(new(ids.Next(), $"November {year} SEC Release", ReleaseType.Major, LastThursday(year, 11)));
            foreach (var month in new[] { 4, 8, 12 })
                releases.Add(new(ids.Next(), $"Standalone Release {LastThursday(year, month):d MMMM yyyy}", ReleaseType.Standalone, LastThursday(year, month)));
        }
        Releases = releases.OrderBy(r => r.ImplementationDate).ToList();
    }

    public IReadOnlyList<DateOnly> Csc { get; }
    public IReadOnlyList<DateOnly> Panel { get; }
    public IReadOnlyList<DateOnly> ChangeBoard { get; }
    public IReadOnlyList<string> ChangeBoardIds { get; }
    public IReadOnlyList<GroupPlan> Groups { get; }
    public IReadOnlyList<ReleasePlan> Releases { get; }

    /// <summary>The first date in <paramref name="dates"/> strictly after <paramref name="after"/>, or null past the schedule.</summary>
    public static DateOnly? After(IReadOnlyList<DateOnly> dates, DateOnly after)
    {
        int lo = 0, hi = dates.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (dates[mid] <= after) lo = mid + 1; else hi = mid;
        }
        return lo < dates.Count ? dates[lo] : null;
    }

    public string ChangeBoardMeetingId(DateOnly on)
    {
        var i = ((List<DateOnly>)ChangeBoard).BinarySearch(on);
        return ChangeBoardIds[i];
    }

    /// <summary>The first scheduled (not standalone) release going live on or after <paramref name="from"/>.</summary>
    public ReleasePlan? ScheduledRelease(DateOnly from, bool standaloneToo = false) =>
        Releases.FirstOrDefault(r => r.ImplementationDate >= from && (standaloneToo || r.Type != ReleaseType.Standalone));

    private static List<DateOnly> Monthly(DateOnly from, DateOnly until, DayOfWeek day, int nth)
    {
        var dates = new List<DateOnly>();
        for (var month = from; month <= until; month = month.AddMonths(1))
        {
            var first = month;
            while (first.DayOfWeek != day)
                first = first.AddDays(1);
            dates.Add(first.AddDays(7 * (nth - 1)));
        }
        return dates;
    }

    private static DateOnly LastThursday(int year, int month)
    {
        var date = new DateOnly(year, month, 1).AddMonths(1).AddDays(-1);
        while (date.DayOfWeek != DayOfWeek.Thursday)
            date = date.AddDays(-1);
        return date;
    }
}

/// <summary>Identifiers from a seeded generator, so the same seed writes the same ids.</summary>
internal sealed class Ids(int seed)
{
    private readonly Random _random = new(seed);

    public string Next() => From(_random);

    public static string From(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString("D");
    }
}
