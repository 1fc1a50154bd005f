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

/// <summary>A SEC Release: its type and implementation date, and the Panel's go/no-go.</summary>
public sealed record Release(string Id, string Name, ReleaseType Type, DateOnly ImplementationDate, ReleaseStatus Status, string? GoNoGo, int Version)
{
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
    public static Changed<Release> Plan(string id, string name, ReleaseType type, DateOnly implementationDate, IEnumerable<Release> existing, DateTimeOffset now)
    {
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
    public ScopeEntry AddToScope(IEnumerable<ScopeEntry> scope, RegisterView register, int part, ScopeKind kind, DateOnly? decisionCutOff, DateOnly on)
    {
        RequireScopeOpen();
        ScopeRules.CheckAdd(scope, register.Reference, part);
        RegisterAgreement.RequireScopeAllowed(register, kind, part, on);
        return RegisterAgreement.AsTheRegisterLeftIt(new ScopeEntry(Id, register.Reference, part, kind, decisionCutOff, on, kind == ScopeKind.Approved ? on : null, null, null), register);
    }

    /// <summary>Go is refused while any acceptance criterion is unmet, unless an override reason is recorded.</summary>
    public Release Decide(bool go, DateOnly on, IReadOnlyList<string> unmetCriteria, string? overrideReason)
    {
        if (Status is ReleaseStatus.Implemented or ReleaseStatus.Cancelled)
            throw new MoveNotAllowed($"{Name} is {Status}; the go/no-go decision is made before go-live.");
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

    /// <summary>Upcoming on a date: not yet at its implementation date, and neither cancelled nor refused by the Panel.</summary>
    public bool IsUpcomingOn(DateOnly date) => ImplementationDate > date && Status is not (ReleaseStatus.Cancelled or ReleaseStatus.NoGo);

    /// <summary>Implemented with an implementation date from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public bool WasImplementedBetween(DateOnly first, DateOnly last) =>
        Status == ReleaseStatus.Implemented && ImplementationDate >= first && ImplementationDate <= last;
}
