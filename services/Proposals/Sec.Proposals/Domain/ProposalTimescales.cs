using Sec.Calendar;

namespace Sec.Proposals.Domain;

/// <summary>
/// The report's proposal timescales: proposals still before a decision on the as-of date and the
/// working days since they were raised; proposals concluded (decided, withdrawn or implemented) in
/// the 12-month window and the working days they took. Durations use the published convention.
/// </summary>
public sealed record ProposalTimescalesFigures(int OpenCount, int OpenAverage, int ConcludedCount, int ConcludedAverage)
{
    private static readonly HashSet<Phase> BeforeDecision = [Phase.Define, Phase.Refine, Phase.Opine];

    public static ProposalTimescalesFigures Of(IEnumerable<Proposal> proposals, DateOnly windowFrom, DateOnly periodEnd, DateOnly asOf, IWorkingDayPolicy published)
    {
        var open = new List<int>();
        var concluded = new List<int>();
        foreach (var p in proposals)
        {
            if (p.AsOf(asOf) is { } now && BeforeDecision.Contains(now.Phase))
                open.Add(published.Duration(p.RaisedOn, asOf));
            var decided = p.History.FirstOrDefault(h => !BeforeDecision.Contains(h.Phase));
            if (decided is not null && decided.EffectiveOn >= windowFrom && decided.EffectiveOn <= periodEnd)
                concluded.Add(published.Duration(p.RaisedOn, decided.EffectiveOn));
        }
        return new(open.Count, Average(open), concluded.Count, Average(concluded));
    }

    private static int Average(List<int> values) => values.Count == 0 ? 0 : (int)Math.Round(values.Average(), MidpointRounding.AwayFromZero);
}
