namespace Sec.RegisterGenerator;

/// <summary>
/// One modification's life, planned as dated happenings and then lived up to the register date:
/// its register entry and history, and what it leaves in the other contexts.
/// </summary>
internal sealed class ModificationLife(int index, Random random)
{
    private readonly List<Happening> _plan = [];

    public int Index { get; } = index;
    public Random Random { get; } = random;
    public Proposal Proposal { get; set; } = null!;
    public DateOnly RaisedOn { get; set; }

    /// <summary>After a withdrawal only the withdrawal's own happenings take effect.</summary>
    public DateOnly Cutoff { get; set; } = DateOnly.MaxValue;

    /// <summary>Implemented, rejected or withdrawn on this date, if the plan gets there.</summary>
    public DateOnly? TerminalOn { get; set; }

    public List<Lived<Assessment>> Assessments { get; } = [];
    public List<ConsultationRecord> Consultations { get; } = [];
    public List<AgendaEntry> Agenda { get; } = [];
    public List<Lived<AgendaItem>> BoardItems { get; } = [];
    public List<ScopeRecord> Scope { get; } = [];
    public DccCostRecord? DccCost { get; set; }
    public (int Path, DateOnly On)? ReadyForDecision { get; set; }

    public void At(DateOnly on, Action apply, bool history = false, bool always = false) => _plan.Add(new(on, _plan.Count, history, always, apply));

    /// <summary>A register step: the proposal after it (the events and timers it causes are left to the writer's own records).</summary>
    public void Step(DateOnly on, Func<Proposal, DateOnly, Actor, DateTimeOffset, Changed<Proposal>> step, bool always = false) =>
        At(on, () => Proposal = step(Proposal, on, Analyst(), RecordedAt(on)).State, history: true, always: always);

    /// <summary>A progress note: a history entry that keeps the state, as imported papers record them.</summary>
    public void Note(DateOnly on, string? step = null, string? reason = null) =>
        At(on, () =>
        {
            var (s, r) = step is null ? Texts.Note(Random, Proposal.State) : (step, reason ?? step);
            Proposal = Proposal.Then(s, r, Proposal.State, on, Analyst(), RecordedAt(on));
        }, history: true);

    private bool TakesEffect(Happening h, DateOnly until) => h.On <= until && (h.Always || h.On <= Cutoff);

    /// <summary>How many history entries the plan writes by <paramref name="until"/>.</summary>
    public int HistoryEntries(DateOnly until) => _plan.Count(h => h.History && TakesEffect(h, until));

    /// <summary>The last day a progress note may fall on: before the outcome, the withdrawal, or the register date.</summary>
    public DateOnly NotesUntil(DateOnly registerDate)
    {
        var end = registerDate;
        if (Cutoff < end)
            end = Cutoff;
        if (TerminalOn is { } terminal && terminal <= end)
            end = terminal.AddDays(-1);
        return end < RaisedOn ? RaisedOn : end;
    }

    /// <summary>Every happening up to <paramref name="until"/>, in date order (same-day ones in the order planned).</summary>
    public void Live(DateOnly until)
    {
        foreach (var h in _plan.Where(h => TakesEffect(h, until)).OrderBy(h => h.On).ThenBy(h => h.Order))
            h.Apply();
    }

    public Actor Analyst() => Texts.Analysts[Random.Next(Texts.Analysts.Length)];

    /// <summary>Recorded on the day it took effect, during the working day.</summary>
    public DateTimeOffset RecordedAt(DateOnly on) =>
        new DateTimeOffset(on.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero).AddMinutes(Random.Next(0, 480)).AddSeconds(Random.Next(0, 60));
}
