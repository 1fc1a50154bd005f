namespace Sec.Releases.Domain;

/// <summary>The kinds of SEC Release.</summary>
public enum ReleaseType
{
    Major = 1,
    Minor = 2,
    Standalone = 3,
}

/// <summary>Where a release stands.</summary>
public enum ReleaseStatus
{
    Planned = 1,
    Baselined = 2,
    Go = 3,
    NoGo = 4,
    Implemented = 5,
    Cancelled = 6,
}

/// <summary>The Panel moved a release from one implementation date to another on a date, for a reason.</summary>
public sealed record Rescheduling(DateOnly From, DateOnly To, DateOnly DecidedOn, string Reason);

/// <summary>
/// A SEC Release: its type and implementation date, and the Panel's go/no-go. Its moves are kept, so
/// its date as it stood on any day can be read back, and so is its cancellation.
/// </summary>
public sealed record Release(string Id, string Name, ReleaseType Type, DateOnly ImplementationDate, ReleaseStatus Status, string? GoNoGo, int Version)
{
    /// <summary>Every move of the implementation date, oldest first.</summary>
    public IReadOnlyList<Rescheduling> Reschedulings { get; init; } = [];

    public DateOnly? CancelledOn { get; init; }

    public string? CancelReason { get; init; }

    /// <summary>The implementation date as it stood on <paramref name="asOf"/>: the last move decided by then, else the date first planned.</summary>
    public DateOnly ImplementationDateOn(DateOnly asOf) =>
        Reschedulings.LastOrDefault(r => r.DecidedOn <= asOf)?.To ?? Reschedulings.FirstOrDefault()?.From ?? ImplementationDate;

    /// <summary>The release as it stood on <paramref name="asOf"/>: its date then, and not cancelled before it was.</summary>
    public Release AsOf(DateOnly asOf)
    {
        var cancelledLater = Status == ReleaseStatus.Cancelled && CancelledOn > asOf;
        return this with
        {
            ImplementationDate = ImplementationDateOn(asOf),
            Reschedulings = Reschedulings.Where(r => r.DecidedOn <= asOf).ToList(),
            Status = cancelledLater ? ReleaseStatus.Planned : Status,
            CancelledOn = cancelledLater ? null : CancelledOn,
            CancelReason = cancelledLater ? null : CancelReason,
        };
    }

    /// <summary>
    /// The Panel moves the release to another date, decided on a day no later than today and before
    /// the new date; the move keeps the month rules of its type. The go-live timer moves with it. A
    /// go or no-go was for the old date, so the release awaits the Panel's decision again.
    /// </summary>
    public Changed<Release> Reschedule(DateOnly to, DateOnly decidedOn, string reason, bool ridBaselined, IReadOnlyList<ScopeEntry> scope, DateOnly today, DateTimeOffset now)
    {
        if (Status is ReleaseStatus.Implemented or ReleaseStatus.Cancelled)
            throw new MoveNotAllowed($"{Name} is {Status}; only a release still to go live can be moved.");
        RidVersion.CheckDated(to, today, "implementation_date", "go-live");
        var checks = new FieldChecks();
        Check(Name, Type, to, checks);
        checks.Check(to != ImplementationDate, "implementation_date", $"{Name} goes live on {to:yyyy-MM-dd} already")
            .Check(decidedOn <= today, "decided_on", $"{decidedOn:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd})")
            .Check(to > decidedOn, "implementation_date", $"{to:yyyy-MM-dd} is not after the decision of {decidedOn:yyyy-MM-dd}; a release is moved to a later day than the decision");
        if (Reschedulings.LastOrDefault() is { } last)
            checks.Check(decidedOn >= last.DecidedOn, "decided_on", $"{decidedOn:yyyy-MM-dd} is before the last move, decided on {last.DecidedOn:yyyy-MM-dd}");
        checks.ThrowIfAny();
        // Moved earlier than a modification joined its scope, the release would go live without it while its scope
        // says otherwise; moved before a targeted one's cut-off, the cut-off would decide nothing.
        List<string> stranded = [.. JoinedAfter(scope, to), .. LiveScope(scope)
            .Where(e => e.KindOn(to) == ScopeKind.Targeted && e.DecisionCutOff > to).Select(e => $"{e.Label} (decision cut-off {e.DecisionCutOff:d MMMM yyyy})")];
        if (stranded.Count > 0)
            throw new MoveNotAllowed($"{Name} cannot be moved to {to:d MMMM yyyy}: its scope has {string.Join(", ", stranded)} after that day; take them out of scope first.");
        var moved = this with
        {
            ImplementationDate = to,
            Reschedulings = [.. Reschedulings, new Rescheduling(ImplementationDate, to, decidedOn, reason)],
            Status = Status is ReleaseStatus.Go or ReleaseStatus.NoGo ? (ridBaselined ? ReleaseStatus.Baselined : ReleaseStatus.Planned) : Status,
            GoNoGo = Status is ReleaseStatus.Go or ReleaseStatus.NoGo ? $"{GoNoGo} (for {ImplementationDate:d MMMM yyyy}, before the move)" : GoNoGo,
            Version = Version + 1,
        };
        var dueAt = GoLive.DueAt(to);
        return Changed.To(moved, dueAt > now ? Effects.Schedule(GoLive.Kind, Id, dueAt) : Effects.Cancel(GoLive.Kind, Id));
    }

    /// <summary>
    /// The Panel cancels a release still to go live, on a day no later than today: its go-live timer
    /// is cleared, and every modification still in its scope leaves it on that day, the reason kept,
    /// to be put in another release.
    /// </summary>
    public Changed<Release> Cancel(DateOnly on, string reason, IReadOnlyList<ScopeEntry> scope, DateOnly today)
    {
        if (Status is ReleaseStatus.Implemented or ReleaseStatus.Cancelled)
            throw new MoveNotAllowed($"{Name} is {Status}; only a release still to go live can be cancelled.");
        if (on > today)
            throw new InvalidFields("cancelled_on", $"{on:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd})");
        if (Reschedulings.LastOrDefault() is { } moved && on < moved.DecidedOn)
            throw new InvalidFields("cancelled_on", $"{on:yyyy-MM-dd} is before the release was last moved, on {moved.DecidedOn:yyyy-MM-dd}");
        var later = JoinedAfter(scope, on);
        if (later.Count > 0)
            throw new MoveNotAllowed($"{Name} cannot be cancelled on {on:d MMMM yyyy}: its scope gained {string.Join(", ", later)} after that day.");
        var cancelled = this with { Status = ReleaseStatus.Cancelled, CancelledOn = on, CancelReason = reason, Version = Version + 1 };
        return Changed.To(cancelled, Effects.Cancel(GoLive.Kind, Id));
    }

    /// <summary>The entries still in this release's scope.</summary>
    private IEnumerable<ScopeEntry> LiveScope(IEnumerable<ScopeEntry> scope) => scope.Where(e => e.ReleaseId == Id && e.LeftOn is null);

    /// <summary>Each entry still in scope that joined after <paramref name="day"/>, as a refusal names it.</summary>
    private List<string> JoinedAfter(IEnumerable<ScopeEntry> scope, DateOnly day) =>
        LiveScope(scope).Where(e => e.AddedOn > day).Select(e => $"{e.Label} (added on {e.AddedOn:d MMMM yyyy})").ToList();

    /// <summary>Why its scope left a cancelled release.</summary>
    public string CancelledScopeReason => $"{Name} was cancelled on {CancelledOn:d MMMM yyyy}: {CancelReason}";

    /// <summary>Scheduled releases keep to their months: major in June or November, minor in February.</summary>
    public static void Check(string name, ReleaseType? type, DateOnly date, FieldChecks checks)
    {
        checks.RequiredText(name, "name", 200).Check(type is not null, "type", "must be major, minor or standalone");
        if (date == default)
            return;
        if (type == ReleaseType.Major)
            checks.Check(date.Month is 6 or 11, "implementation_date", $"a major release goes live in June or November, not {date:MMMM}");
        if (type == ReleaseType.Minor)
            checks.Check(date.Month == 2, "implementation_date", $"a minor release goes live in February, not {date:MMMM}");
    }

    /// <summary>
    /// Plans a release under a name no other release has. Its go-live is set for its date; a release
    /// recorded after its date is history, and its go-live is recorded explicitly once its scope is in.
    /// </summary>
    public static Changed<Release> Plan(string id, string name, ReleaseType type, DateOnly implementationDate, IEnumerable<Release> existing, DateOnly today, DateTimeOffset now)
    {
        RidVersion.CheckDated(implementationDate, today, "implementation_date", "go-live");
        if (existing.Any(r => r.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            throw new AlreadyExists($"There is a release named '{name}' already.");
        var planned = new Release(id, name, type, implementationDate, ReleaseStatus.Planned, null, 1);
        var dueAt = GoLive.DueAt(implementationDate);
        return dueAt > now ? Changed.To(planned, Effects.Schedule(GoLive.Kind, id, dueAt)) : planned;
    }

    /// <summary>The Panel's first baseline of the RID moves a planned release to baselined; later ones leave it be.</summary>
    public Release Baselined() =>
        Status == ReleaseStatus.Planned ? this with { Status = ReleaseStatus.Baselined, Version = Version + 1 } : this;

    /// <summary>Scope changes until the release goes live or is cancelled.</summary>
    public void RequireScopeOpen()
    {
        if (Status is ReleaseStatus.Implemented or ReleaseStatus.Cancelled)
            throw new MoveNotAllowed($"{Name} is {Status}; its scope can no longer change.");
    }

    /// <summary>
    /// Puts a modification the register knows (or one part of it) in scope, as the register allows on
    /// the date; approved scope is approved from the day it joins. A modification the register has
    /// since rejected or withdrawn joins and leaves as the register has it.
    /// </summary>
    public ScopeEntry AddToScope(IEnumerable<ScopeEntry> scope, RegisterView register, int part, ScopeKind kind, DateOnly? decisionCutOff, DateOnly on, DateOnly today)
    {
        RequireScopeOpen();
        // A cut-off outside the entry's time in scope decides nothing.
        var checks = ScopeChangeDated(on, today);
        if (decisionCutOff is { } cutOff)
            checks.Check(cutOff >= on, "decision_cut_off", $"{cutOff:yyyy-MM-dd} is before the modification joins the scope on {on:yyyy-MM-dd}")
                .Check(cutOff <= ImplementationDate, "decision_cut_off", $"{cutOff:yyyy-MM-dd} is after the release goes live on {ImplementationDate:yyyy-MM-dd}");
        checks.ThrowIfAny();
        ScopeRules.CheckAdd(scope, register.Reference, part);
        RegisterAgreement.RequireScopeAllowed(register, kind, part, on);
        return RegisterAgreement.AsTheRegisterLeftIt(new ScopeEntry(Id, register.Reference, part, kind, decisionCutOff, on, kind == ScopeKind.Approved ? on : null, null, null), register);
    }

    /// <summary>Takes a modification (or a part) out of a scope still open to change, on a day from its joining to go-live.</summary>
    public ScopeExit LeaveScope(IEnumerable<ScopeEntry> scope, string reference, int part, DateOnly on, string reason, DateOnly today)
    {
        RequireScopeOpen();
        ScopeChangeDated(on, today).ThrowIfAny();
        return ScopeRules.Leave(scope, reference, part, on, reason);
    }

    /// <summary>
    /// A scope change is dated no later than today (the register it is checked against knows nothing of
    /// days to come) nor after go-live (an entry added then would never go live; one leaving then already went).
    /// </summary>
    private FieldChecks ScopeChangeDated(DateOnly on, DateOnly today) => new FieldChecks()
        .Check(on <= today, "effective_on", $"{on:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd})")
        .Check(on <= ImplementationDate, "effective_on", $"{on:yyyy-MM-dd} is after the release goes live on {ImplementationDate:yyyy-MM-dd}");

    /// <summary>
    /// The Panel decides go or no-go for the release's date: on a day no later than today or its
    /// go-live, and not before the latest move of that date (a decision before it was for the old date).
    /// Go is refused while any acceptance criterion is unmet, unless an override reason is recorded.
    /// </summary>
    public Release Decide(bool go, DateOnly on, IReadOnlyList<string> unmetCriteria, string? overrideReason, DateOnly today)
    {
        if (Status is ReleaseStatus.Implemented or ReleaseStatus.Cancelled)
            throw new MoveNotAllowed($"{Name} is {Status}; the go/no-go decision is made before go-live.");
        var checks = new FieldChecks()
            .Check(on <= today, "decided_on", $"{on:yyyy-MM-dd} is in the future (today is {today:yyyy-MM-dd})")
            .Check(on >= RidVersion.EarliestDate, "decided_on", $"{on:yyyy-MM-dd} is before any SEC release ({RidVersion.EarliestDate:yyyy-MM-dd})")
            .Check(on <= ImplementationDate, "decided_on", $"{on:yyyy-MM-dd} is after the release's go-live on {ImplementationDate:yyyy-MM-dd}; the decision is made before it");
        if (Reschedulings.LastOrDefault() is { } moved)
            checks.Check(on >= moved.DecidedOn, "decided_on", $"{on:yyyy-MM-dd} is before the release was moved to {ImplementationDate:yyyy-MM-dd} on {moved.DecidedOn:yyyy-MM-dd}; a decision then was for the old date");
        checks.ThrowIfAny();
        if (!go)
            return this with { Status = ReleaseStatus.NoGo, GoNoGo = $"no-go on {on:d MMMM yyyy}", Version = Version + 1 };
        if (unmetCriteria.Count > 0 && string.IsNullOrWhiteSpace(overrideReason))
            throw new MoveNotAllowed($"{Name} has {unmetCriteria.Count} acceptance criteria unmet ({string.Join("; ", unmetCriteria)}); go needs them met, or an override reason recorded.");
        var note = unmetCriteria.Count > 0 ? $" (override: {overrideReason!.Trim()})" : "";
        return this with { Status = ReleaseStatus.Go, GoNoGo = $"go on {on:d MMMM yyyy}{note}", Version = Version + 1 };
    }

    /// <summary>
    /// Goes live when asked, on or after its date and only after the Panel's go decision, and only
    /// when the register agrees that all its approved scope is approved on its date; a refusal names
    /// each entry the register contradicts. Go-live happens once: an implemented release is returned
    /// as it is, causing nothing.
    /// </summary>
    public Changed<Release> Implement(DateOnly today, IReadOnlyList<ScopeEntry> everyScope, IReadOnlyDictionary<string, RegisterView> register)
    {
        if (Status == ReleaseStatus.Implemented)
            return this;
        // Going live early would record implementation on a date still to come.
        if (ImplementationDate > today)
            throw new MoveNotAllowed($"{Name} goes live on {ImplementationDate:d MMMM yyyy}; it cannot be implemented before then.");
        RequireGoDecision();
        var contradicted = Contradicted(everyScope, register);
        if (contradicted.Count > 0)
            throw new MoveNotAllowed($"{Name} cannot go live: the register does not have all of its approved scope approved on {ImplementationDate:d MMMM yyyy}. "
                + $"{string.Join("; ", contradicted)}. Implementation needs each Approved, awaiting implementation on that date; take it out of scope, or put the register right, first.");
        return GoLiveWith(everyScope);
    }

    /// <summary>
    /// The go-live timer at the start of the implementation date: a release the Panel decided go goes
    /// live when the register agrees with all its approved scope. Any other stays as it is, for the
    /// Panel to decide or for go-live to be recorded later; a contradicted entry keeps it decided go,
    /// and the consistency check shows that entry until the scope or the register is put right.
    /// </summary>
    public Changed<Release> GoLiveOnItsDate(IReadOnlyList<ScopeEntry> everyScope, IReadOnlyDictionary<string, RegisterView> register) =>
        Status == ReleaseStatus.Go && Contradicted(everyScope, register).Count == 0 ? GoLiveWith(everyScope) : this;

    /// <summary>The references of the approved scope going live on the release's date, whose register views go-live needs.</summary>
    public IReadOnlyList<string> ApprovedReferences(IReadOnlyList<ScopeEntry> everyScope) =>
        GoLive.ApprovedScope(this, everyScope).Select(e => e.Reference).Distinct().ToList();

    private List<string> Contradicted(IReadOnlyList<ScopeEntry> everyScope, IReadOnlyDictionary<string, RegisterView> register) =>
        GoLive.ApprovedScope(this, everyScope)
            .Select(e => RegisterAgreement.ImplementationContradiction(register.GetValueOrDefault(e.Reference), e, ImplementationDate))
            .OfType<string>().ToList();

    private void RequireGoDecision()
    {
        if (Status is ReleaseStatus.NoGo or ReleaseStatus.Cancelled)
            throw new MoveNotAllowed($"{Name} is {Status}; it cannot go live.");
        if (Status != ReleaseStatus.Go)
            throw new MoveNotAllowed($"{Name} is {Status}; it goes live only after the Panel's go decision.");
    }

    private Changed<Release> GoLiveWith(IReadOnlyList<ScopeEntry> everyScope)
    {
        RequireGoDecision();
        var implemented = this with { Status = ReleaseStatus.Implemented, Version = Version + 1 };
        return Changed.To(implemented, Effects.Publish(GoLive.Implemented(this, everyScope)).AndCancel(GoLive.Kind, Id));
    }

    /// <summary>
    /// Upcoming on a date: not yet at its implementation date as it stood then, not cancelled by then,
    /// and not refused by the Panel.
    /// </summary>
    public bool IsUpcomingOn(DateOnly date) =>
        ImplementationDateOn(date) > date && Status != ReleaseStatus.NoGo && !(Status == ReleaseStatus.Cancelled && (CancelledOn is null || CancelledOn <= date));

    /// <summary>Implemented with an implementation date from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public bool WasImplementedBetween(DateOnly first, DateOnly last) =>
        Status == ReleaseStatus.Implemented && ImplementationDate >= first && ImplementationDate <= last;
}
