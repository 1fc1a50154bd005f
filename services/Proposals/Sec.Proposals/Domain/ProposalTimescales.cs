namespace Sec.Proposals.Domain;

/// <summary>
/// The report's proposal timescales: proposals still before a decision on the as-of date and the
/// working days since they were raised; proposals concluded (decided, withdrawn or implemented) in
/// the 12-month window and the working days they took. Durations use the published convention.
/// </summary>
public sealed record ProposalTimescalesFigures(int OpenCount, int OpenAverage, int ConcludedCount, int ConcludedAverage)
{
    private static readonly HashSet<Phase> BeforeDecision = [Phase.Define, Phase.Refine, Phase.Opine];

    /// <summary>Whether a proposal in <paramref name="phase"/> is still before its decision.</summary>
    public static bool IsBeforeDecision(Phase phase) => BeforeDecision.Contains(phase);

    /// <summary>The stages that conclude a proposal: the first history entry in one of them is its conclusion.</summary>
    public static IReadOnlyList<Stage> Concluding { get; } = Enum.GetValues<Stage>().Where(s => !IsBeforeDecision(Lifecycle.PhaseOf(s))).ToList();

    /// <summary>
    /// The figures from what they are made of: when each open proposal was raised, and when each
    /// proposal concluded in the window was raised and concluded.
    /// </summary>
    public static ProposalTimescalesFigures Of(IEnumerable<DateOnly> openRaisedOn, IEnumerable<(DateOnly RaisedOn, DateOnly ConcludedOn)> concluded, DateOnly asOf, IWorkingDayPolicy published)
    {
        var open = openRaisedOn.Select(raised => published.Duration(raised, asOf)).ToList();
        var took = concluded.Select(c => published.Duration(c.RaisedOn, c.ConcludedOn)).ToList();
        return new(open.Count, Average(open), took.Count, Average(took));
    }

    private static int Average(List<int> values) => values.Count == 0 ? 0 : (int)Math.Round(values.Average(), MidpointRounding.AwayFromZero);
}
