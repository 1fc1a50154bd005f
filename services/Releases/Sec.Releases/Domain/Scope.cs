namespace Sec.Releases.Domain;

/// <summary>How a modification is in scope.</summary>
public enum ScopeKind
{
    Approved = 1,
    Targeted = 2,
}

/// <summary>A modification, or one part of it, in a release's scope, with its history: when it joined, was approved, or left and why.</summary>
public sealed record ScopeEntry(string ReleaseId, string Reference, int Part, ScopeKind AddedAs, DateOnly? DecisionCutOff, DateOnly AddedOn,
    DateOnly? ApprovedOn, DateOnly? LeftOn, string? LeftReason)
{
    public bool InScopeOn(DateOnly date) => AddedOn <= date && (LeftOn is null || LeftOn > date);

    public ScopeKind KindOn(DateOnly date) => ApprovedOn is { } approved && approved <= date ? ScopeKind.Approved : ScopeKind.Targeted;

    /// <summary>Targeted, undecided, and past its decision cut-off on the date.</summary>
    public bool PastCutOff(DateOnly date) => KindOn(date) == ScopeKind.Targeted && DecisionCutOff is { } cutOff && cutOff < date;

    public string Label => Part == 0 ? Reference : $"{Reference} part {Part}";

    /// <summary>
    /// The entry as it stands on a date. A baseline's snapshot is shown as it was: no cut-off flags,
    /// which belong to the live scope. The title is the register's, added by whoever reads it.
    /// </summary>
    public ScopeLine LineOn(DateOnly date, bool snapshot = false) => new(Reference, "", Part, KindOn(date), DecisionCutOff, !snapshot && PastCutOff(date));

    /// <summary>The entries in scope on a date, as they stand then.</summary>
    public static IReadOnlyList<ScopeLine> LinesOn(IEnumerable<ScopeEntry> scope, DateOnly date, bool snapshot = false) =>
        scope.Where(e => e.InScopeOn(date)).Select(e => e.LineOn(date, snapshot)).ToList();

    /// <summary>The scope as it stood on a day, kept with a RID version so it never changes afterwards.</summary>
    public static IReadOnlyList<ScopeEntry> Snapshot(IEnumerable<ScopeEntry> scope, DateOnly on) =>
        scope.Where(e => e.InScopeOn(on))
            .Select(e => e with { ApprovedOn = e.KindOn(on) == ScopeKind.Approved ? e.ApprovedOn : null, LeftOn = null, LeftReason = null }).ToList();

    /// <summary>The entries that had left by a date, with why.</summary>
    public static IReadOnlyList<ScopeExit> ExitsBy(IEnumerable<ScopeEntry> scope, DateOnly date) =>
        scope.Where(e => e.LeftOn is { } left && left <= date).Select(e => new ScopeExit(e.Reference, e.Part, e.LeftReason ?? "", e.LeftOn!.Value)).ToList();
}

/// <summary>One modification (or part) in scope on a date: its kind then, and whether it is past its decision cut-off.</summary>
public sealed record ScopeLine(string Reference, string Title, int Part, ScopeKind Kind, DateOnly? DecisionCutOff, bool PastCutOff)
{
    /// <summary>The SEC documents it may affect, as recorded by the date the line is shown as of.</summary>
    public IReadOnlyList<string> PotentialDocumentImpacts { get; init; } = [];

    /// <summary>The systems it may affect, as recorded by that date.</summary>
    public IReadOnlyList<string> PotentialSystemImpacts { get; init; } = [];
}

/// <summary>One modification (or part) that left a release's scope, and why.</summary>
public sealed record ScopeExit(string Reference, int Part, string Reason, DateOnly LeftOn);

/// <summary>What this context has learned of a modification from the register's events.</summary>
public sealed record KnownModification(string Reference, string Title, DateOnly RaisedOn);

/// <summary>The rules of a release's scope.</summary>
public static class ScopeRules
{
    /// <summary>A modification is in a release once, whole, or in distinct parts.</summary>
    public static void CheckAdd(IEnumerable<ScopeEntry> inRelease, string reference, int part)
    {
        foreach (var e in inRelease.Where(e => e.Reference == reference && e.LeftOn is null))
            if (e.Part == part || e.Part == 0 || part == 0)
                throw new AlreadyExists($"{e.Label} is already in this release's scope; split it into parts to put it in again.");
    }

    /// <summary>Only what is in a release's scope can be taken out of it, not before it joined; the reason is kept.</summary>
    public static ScopeExit Leave(IEnumerable<ScopeEntry> inRelease, string reference, int part, DateOnly on, string reason)
    {
        var entry = inRelease.FirstOrDefault(e => e.Reference == reference && e.Part == part && e.LeftOn is null)
            ?? throw new NotFound($"{reference}{(part == 0 ? "" : $" part {part}")} is not in this release's scope.");
        if (on < entry.AddedOn)
            throw new MoveNotAllowed($"{entry.Label} joined this release's scope on {entry.AddedOn:d MMMM yyyy}; it cannot leave it on {on:d MMMM yyyy}, before it joined.");
        return new ScopeExit(reference, part, reason, on);
    }

    /// <summary>Why a rejected modification left every scope it was in.</summary>
    public static string RejectedBy(string decidedBy, DateOnly on) => $"Rejected by the {decidedBy} on {on:d MMMM yyyy}";

    /// <summary>Why a withdrawn modification left every scope it was in.</summary>
    public static string Withdrawn(DateOnly on) => $"Withdrawn on {on:d MMMM yyyy}";

    /// <summary>Why an approved modification left scope when a referral reopened its decision.</summary>
    public static string Referred(DateOnly on) => $"Decision referred to the Panel on {on:d MMMM yyyy}";

    /// <summary>
    /// A final approval reopened (referred to the Panel): the modification leaves every scope it is
    /// still in, except a release that has gone live, whose history stays as it went live.
    /// </summary>
    public static IReadOnlyList<ScopeEntry> LeavingOnReferral(IReadOnlyList<Release> releases, IEnumerable<ScopeEntry> everyScope, string reference)
    {
        var live = releases.Where(r => r.Status == ReleaseStatus.Implemented).Select(r => r.Id).ToHashSet();
        return everyScope.Where(e => e.Reference == reference && e.LeftOn is null && !live.Contains(e.ReleaseId)).ToList();
    }

    /// <summary>
    /// A withdrawal undone: the entries that left with that withdrawal's reason come back, in every
    /// release whose scope is still open and that does not hold the same part again meanwhile.
    /// </summary>
    public static IReadOnlyList<ScopeEntry> BackAfterWithdrawalReversed(IReadOnlyList<Release> releases, IReadOnlyList<ScopeEntry> everyScope, string reference, DateOnly withdrawnOn)
    {
        var open = releases.Where(r => r.Status is not (ReleaseStatus.Implemented or ReleaseStatus.Cancelled)).Select(r => r.Id).ToHashSet();
        var reason = Withdrawn(withdrawnOn);
        return everyScope
            .Where(e => e.Reference == reference && e.LeftOn == withdrawnOn && e.LeftReason == reason && open.Contains(e.ReleaseId))
            .Where(e => !everyScope.Any(o => o.ReleaseId == e.ReleaseId && o.Reference == reference && o.LeftOn is null && (o.Part == e.Part || o.Part == 0 || e.Part == 0)))
            .ToList();
    }
}
