namespace Sec.Releases.Domain;

/// <summary>The DCC's implementation cost for a modification, and where the figure comes from.</summary>
public sealed record DccCost(string Reference, MoneyRange Implementation, string Source)
{
    public const string EnteredInTheRid = "entered in the RID";

    /// <summary>The total of a returned assessment's cost lines; the latest return replaces any earlier one.</summary>
    public static DccCost Returned(string reference, AssessmentKind kind, IEnumerable<CostLine> lines, DateOnly returnedOn) =>
        new(reference, MoneyRange.Total(lines.Select(l => new MoneyRange(l.LowPence, l.HighPence))), $"DCC {kind} Assessment returned on {returnedOn:d MMMM yyyy}");
}

/// <summary>The DCC's costs for one modification in scope.</summary>
public sealed record ModificationCosts(string Reference, ScopeKind Kind, MoneyRange Implementation, string Source);

/// <summary>The RID's costs section: DCC costs per modification in scope, approved ones totalled, targeted ones apart, and SECAS effort.</summary>
public sealed record RidCosts(IReadOnlyList<ModificationCosts> PerModification, MoneyRange ApprovedTotal, MoneyRange TargetedTotal, int SecasDays, long SecasCostPence)
{
    /// <summary>
    /// Each modification in scope on the date once, however many parts: its cost lines entered in
    /// the RID when there are any, else its latest returned assessment, else nothing. Sums are checked.
    /// </summary>
    public static RidCosts Of(IEnumerable<ScopeEntry> scope, DateOnly on, RidContent content, IReadOnlyDictionary<string, DccCost> returned)
    {
        // Content saved before the bounds were kept may not add up; say so plainly rather than fail.
        var days = content.SecasEffort.Sum(e => (long)e.Days);
        if (days is < 0 or > RidContentRules.MaxTotalDays)
            throw new MoveNotAllowed($"The RID's stored SECAS effort totals {days:N0} days, outside 0 to {RidContentRules.MaxTotalDays:N0}; edit the draft's content to correct it.");
        try
        {
            return Sum(scope, on, content, returned, (int)days);
        }
        catch (OverflowException)
        {
            throw new MoveNotAllowed("The RID's stored costs add up to more than can be held; edit the draft's entered DCC costs and SECAS costs to correct them.");
        }
    }

    private static RidCosts Sum(IEnumerable<ScopeEntry> scope, DateOnly on, RidContent content, IReadOnlyDictionary<string, DccCost> returned, int secasDays)
    {
        var perModification = new List<ModificationCosts>();
        foreach (var entry in scope.Where(e => e.InScopeOn(on)).GroupBy(e => e.Reference).Select(g => g.First()))
        {
            var entered = content.EnteredDccCosts.Where(l => l.Reference == entry.Reference).ToList();
            var figure = entered.Count > 0
                ? new DccCost(entry.Reference, MoneyRange.Total(entered.Select(l => l.Cost ?? MoneyRange.Zero)), DccCost.EnteredInTheRid)
                : returned.GetValueOrDefault(entry.Reference);
            if (figure is not null)
                perModification.Add(new ModificationCosts(entry.Reference, entry.KindOn(on), figure.Implementation, figure.Source));
        }
        MoneyRange TotalOf(ScopeKind kind) => MoneyRange.Total(perModification.Where(c => c.Kind == kind).Select(c => c.Implementation));
        return new RidCosts(perModification, TotalOf(ScopeKind.Approved), TotalOf(ScopeKind.Targeted), secasDays,
            content.SecasEffort.Aggregate(0L, (pence, e) => checked(pence + (e.CostPence ?? 0))));
    }
}
