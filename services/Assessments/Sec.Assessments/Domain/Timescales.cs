namespace Sec.Assessments.Domain;

/// <summary>An open assessment's line in the Change Status Report.</summary>
public sealed record OpenLine(string Reference, AssessmentKind Kind, DateOnly AcceptedOn, int Target, int CurrentDuration, bool Overdue, DateOnly? ForecastReturnOn = null);

/// <summary>A completed assessment's line.</summary>
public sealed record CompletedLine(string Reference, AssessmentKind Kind, DateOnly ReturnedOn, int Target, int ActualDuration);

/// <summary>One kind's summary.</summary>
public sealed record SummaryLine(AssessmentKind Kind, int OpenCount, int OpenAverage, int CompletedCount, int CompletedAverage);

/// <summary>
/// The DCC assessment timescales the report prints: open assessments as of a date with their
/// current duration, those returned in the 12 months ending on the period end with their actual
/// duration, and the per-kind summary (open ones counted to the period end). Durations use the published convention; due dates use legal
/// working days.
/// </summary>
public sealed record Timescales(IReadOnlyList<SummaryLine> Summary, IReadOnlyList<OpenLine> Open, IReadOnlyList<CompletedLine> Completed)
{
    public static (DateOnly From, DateOnly To) Window(DateOnly periodEnd) => (periodEnd.AddMonths(-12).AddDays(1), periodEnd);

    public static Timescales Of(IEnumerable<Assessment> assessments, DateOnly periodEnd, DateOnly asOf, IWorkingDayPolicy published, LegalWorkingDays legal)
    {
        var all = assessments.ToList();
        var (from, to) = Window(periodEnd);
        // Open lines show each acceptance as it stood on the as-of date: one accepted afresh later still shows its old date.
        var open = all.Select(a => a.AsItStoodOn(asOf)).Where(a => a.IsOpenOn(asOf))
            .Select(a => new OpenLine(a.Reference, a.Kind, a.AcceptedOn!.Value, a.TargetWorkingDays, a.Duration(published, asOf), a.DueOn(legal) < asOf, a.ForecastReturnOn(asOf)))
            .OrderBy(l => l.Reference, ReferenceOrder.Instance).ThenBy(l => l.Kind).ToList();
        var completed = all.Where(a => a.ReturnedOn is { } r && r >= from && r <= to)
            .Select(a => new CompletedLine(a.Reference, a.Kind, a.ReturnedOn!.Value, a.TargetWorkingDays, a.Duration(published, a.ReturnedOn!.Value)))
            .OrderBy(l => l.Reference, ReferenceOrder.Instance).ThenBy(l => l.Kind).ToList();
        // The summary counts open durations to the period end; the published Impact Assessment averages agree with that, not with the as-of date.
        var openAtPeriodEnd = all.Select(a => a.AsItStoodOn(periodEnd)).Where(a => a.IsOpenOn(periodEnd)).Select(a => (a.Kind, Duration: a.Duration(published, periodEnd))).ToList();
        var summary = Enum.GetValues<AssessmentKind>().Select(kind =>
        {
            var o = openAtPeriodEnd.Where(l => l.Kind == kind).Select(l => l.Duration).ToList();
            var c = completed.Where(l => l.Kind == kind).Select(l => l.ActualDuration).ToList();
            return new SummaryLine(kind, o.Count, Average(o), c.Count, Average(c));
        }).ToList();
        return new Timescales(summary, open, completed);
    }

    private static int Average(IReadOnlyList<int> values) =>
        values.Count == 0 ? 0 : (int)Math.Round(values.Average(), MidpointRounding.AwayFromZero);
}

/// <summary>Orders references as the reports do: legacy SECMP first, then MP and DP by number.</summary>
public sealed class ReferenceOrder : IComparer<string>
{
    public static readonly ReferenceOrder Instance = new();

    public int Compare(string? x, string? y)
    {
        var (xl, yl) = (x?.StartsWith("SECMP", StringComparison.Ordinal) == true, y?.StartsWith("SECMP", StringComparison.Ordinal) == true);
        return xl != yl ? (xl ? -1 : 1) : string.CompareOrdinal(x, y);
    }
}
