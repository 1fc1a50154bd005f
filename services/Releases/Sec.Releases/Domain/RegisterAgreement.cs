namespace Sec.Releases.Domain;

/// <summary>
/// What a release's scope asserts about a modification, and the register's view it must agree with.
/// Approved scope says the modification is approved; targeted scope says it is still to be decided.
/// Each is judged on the business date it takes effect, so history recorded late is checked the
/// same way as today's work, and the consistency check compares the same assertions with the register now.
/// </summary>
public static class RegisterAgreement
{
    /// <summary>The stages in which the register has a modification approved: waiting for its release, or gone live.</summary>
    public static readonly IReadOnlyList<Stage> Approved = [Stage.AwaitingImplementation, Stage.Implemented];

    /// <summary>The stages a targeted modification may be in: any but a final rejection or withdrawal.</summary>
    public static readonly IReadOnlyList<Stage> StillPossible = Enum.GetValues<Stage>().Where(s => s is not (Stage.Rejected or Stage.Withdrawn)).ToList();

    /// <summary>
    /// Scope "approved" only for a modification the register has approved on the date (a part may
    /// follow one already implemented); "targeted" only for one not yet decided or gone live then.
    /// </summary>
    public static void RequireScopeAllowed(RegisterView view, ScopeKind kind, int part, DateOnly on)
    {
        var stage = view.AsOf(on)?.Stage;
        var approvedThen = stage == Stage.AwaitingImplementation || (stage == Stage.Implemented && part > 0);
        if (kind == ScopeKind.Approved && !approvedThen)
            throw new MoveNotAllowed($"{view.Describe(on)}; a release takes a modification in scope as approved only when the register has it Approved, awaiting implementation on that date"
                + (part > 0 ? " (or Implemented, for a later part)." : "."));
        if (kind == ScopeKind.Targeted && stage is null or Stage.Rejected or Stage.Withdrawn or Stage.Implemented)
            throw new MoveNotAllowed($"{view.Describe(on)}; a release targets only a modification still to be decided on that date, not one Rejected, Withdrawn or Implemented.");
    }

    /// <summary>
    /// A new entry as the register's later history leaves it: a modification the register has since
    /// rejected or withdrawn left scope then, as that decision's event takes it out of every scope.
    /// Scope changes recorded late (an import, a correction) may come after the event.
    /// </summary>
    public static ScopeEntry AsTheRegisterLeftIt(ScopeEntry entry, RegisterView register) =>
        register.Current is { Stage: Stage.Rejected or Stage.Withdrawn } final && final.EffectiveOn > entry.AddedOn
            ? entry with
            {
                LeftOn = final.EffectiveOn,
                LeftReason = final.Stage == Stage.Withdrawn ? ScopeRules.Withdrawn(final.EffectiveOn) : $"{final.Step} on {final.EffectiveOn:d MMMM yyyy}",
            }
            : entry;

    /// <summary>
    /// Why the register contradicts implementing an approved entry on the release's date, or null
    /// when it agrees (the modification is approved then, or already recorded as implemented).
    /// </summary>
    public static string? ImplementationContradiction(RegisterView? view, ScopeEntry entry, DateOnly on)
    {
        if (view is null || !view.HasHistory)
            return $"{entry.Label}: this context has not heard its history from the register";
        if (view.AsOf(on)?.Stage is Stage.AwaitingImplementation or Stage.Implemented)
            return null;
        return entry.Part == 0 ? view.Describe(on) : $"{entry.Label}: {view.Describe(on)}";
    }

    /// <summary>
    /// What every scope entry asserts, for the consistency check: an approved entry of a release that
    /// went live says the modification is implemented (or still awaiting a later part); approved scope
    /// of a release still to go live says it is approved; targeted scope says it is not rejected or
    /// withdrawn. A cancelled release asserts nothing.
    /// </summary>
    public static IReadOnlyList<RegisterClaim> Claims(IReadOnlyList<Release> releases, IReadOnlyList<ScopeEntry> everyScope)
    {
        var claims = new List<RegisterClaim>();
        foreach (var release in releases.Where(r => r.Status != ReleaseStatus.Cancelled))
        {
            var scope = everyScope.Where(e => e.ReleaseId == release.Id);
            if (release.Status == ReleaseStatus.Implemented)
            {
                var on = release.ImplementationDate;
                foreach (var e in scope.Where(e => e.InScopeOn(on)))
                {
                    if (e.KindOn(on) == ScopeKind.Targeted)
                    {
                        if (e.LeftOn is null)
                            claims.Add(Targeted(release, e));
                        continue;
                    }
                    var laterPart = everyScope.Any(o => o.Reference == e.Reference && o.Part > e.Part && o.LeftOn is null && o.ReleaseId != release.Id);
                    claims.Add(laterPart
                        ? new RegisterClaim(e.Reference, $"{e.Label} went live in the {release.Name} on {Day(on)}, a later part to follow", Approved, on)
                        : new RegisterClaim(e.Reference, $"{e.Label} went live in the {release.Name} on {Day(on)}", [Stage.Implemented], on));
                }
                continue;
            }
            foreach (var e in scope.Where(e => e.LeftOn is null))
                claims.Add(e.ApprovedOn is { } approvedOn
                    ? new RegisterClaim(e.Reference, $"{e.Label} is approved scope of the {release.Name} (since {Day(approvedOn)})", Approved, approvedOn)
                    : Targeted(release, e));
        }
        return claims;
    }

    private static RegisterClaim Targeted(Release release, ScopeEntry e) =>
        new(e.Reference, $"{e.Label} is targeted at the {release.Name} (since {Day(e.AddedOn)})", StillPossible, e.AddedOn);

    private static string Day(DateOnly date) => RegisterView.Day(date);
}
