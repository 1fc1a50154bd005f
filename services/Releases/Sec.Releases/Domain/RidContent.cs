namespace Sec.Releases.Domain;

/// <summary>An amount of money, a figure or a range, in pence.</summary>
public sealed record MoneyRange(long LowPence, long HighPence)
{
    public static readonly MoneyRange Zero = new(0, 0);

    /// <summary>Adds two ranges end by end; a total too large to hold is an error, never a wrapped figure.</summary>
    public MoneyRange Plus(MoneyRange other) => new(checked(LowPence + other.LowPence), checked(HighPence + other.HighPence));

    public static MoneyRange Total(IEnumerable<MoneyRange> ranges) => ranges.Aggregate(Zero, (total, range) => total.Plus(range));
}

/// <summary>A participant or SEC document, and the modifications that impact it.</summary>
public sealed record ImpactRow(string Subject, IReadOnlyList<string> References);

/// <summary>A summary of one participant's impacts, one line each.</summary>
public sealed record ImpactSummary(string Participant, IReadOnlyList<string> Impacts);

/// <summary>A dated event in the implementation timeline (the first day, for an event given as "W/C" or "late").</summary>
public sealed record TimelineEvent(DateOnly On, string Event, string Notes);

/// <summary>A test phase's window and its completion report.</summary>
public sealed record TestPhase(string Phase, DateOnly StartsOn, DateOnly EndsOn, string CompletionReport);

/// <summary>A DCC cost line entered in the RID, for a modification with no returned assessment.</summary>
public sealed record DccCostLine(string? Reference, string Activity, MoneyRange? Cost);

/// <summary>SECAS effort: what for, how many days, about how much.</summary>
public sealed record SecasEffort(string Purpose, int Days, long? CostPence);

/// <summary>An acceptance criterion for go-live, and the evidence that it is met.</summary>
public sealed record AcceptanceCriterion(string Text, bool Met, string Evidence);

/// <summary>
/// The RID's content that people write; the scope and the DCC's returned costs come from the
/// context itself. Optional parts (a cost line's cost, the operational costs) are null when absent.
/// </summary>
public sealed record RidContent(
    IReadOnlyList<ImpactRow> ParticipantImpacts,
    IReadOnlyList<ImpactRow> DocumentImpacts,
    IReadOnlyList<ImpactSummary> ImpactSummaries,
    IReadOnlyList<string> OtherCodes,
    IReadOnlyList<TimelineEvent> Timeline,
    IReadOnlyList<TestPhase> TestPhases,
    IReadOnlyList<DccCostLine> EnteredDccCosts,
    MoneyRange? OperationalOneOff,
    MoneyRange? OperationalOngoing,
    IReadOnlyList<SecasEffort> SecasEffort,
    IReadOnlyList<AcceptanceCriterion> AcceptanceCriteria)
{
    /// <summary>A first version's content: nothing written yet.</summary>
    public static readonly RidContent Empty = new([], [], [], [], [], [], [], null, null, [], []);

    /// <summary>The criteria not yet met, which hold back the Panel's go.</summary>
    public IReadOnlyList<string> UnmetCriteria => AcceptanceCriteria.Where(a => !a.Met).Select(a => a.Text).ToList();
}
