using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;

namespace Sec.Releases.Application;

/// <summary>Plans a release with a name and an implementation date.</summary>
public sealed record PlanRelease(string Name, ReleaseType Type, DateOnly ImplementationDate);

/// <summary>Records the Panel's go or no-go, with the reason for going despite unmet criteria.</summary>
public sealed record DecideGoNoGo(string ReleaseId, bool Go, DateOnly DecidedOn, string? OverrideReason);

/// <summary>The Panel moves a release to another implementation date.</summary>
public sealed record RescheduleRelease(string ReleaseId, DateOnly ImplementationDate, DateOnly DecidedOn, string Reason);

/// <summary>The Panel cancels a release.</summary>
public sealed record CancelRelease(string ReleaseId, DateOnly CancelledOn, string Reason);

/// <summary>A cancelled release, with the modifications that left its scope.</summary>
public sealed record CancelledRelease(Release Release, IReadOnlyList<ScopeExit> Exits);

/// <summary>A release after go-live was asked for, with the modifications it published as implemented (none when it had gone live already).</summary>
public sealed record Implementation(Release Release, IReadOnlyList<string> Implemented);

/// <summary>A release's life: planned, decided by the Panel, and live. A caller's write records who made it; the go-live timer records nothing.</summary>
public sealed class ReleaseUseCases(ReleasesStore store, ReleaseRepository releases, ICurrentActor actor, IClock clock)
{
    public Task<Release> PlanAsync(PlanRelease command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var existing = await releases.ReleasesAsync(c, tx, ct);
            var (planned, effects) = Release.Plan(NewIds.Row(), command.Name, command.Type, command.ImplementationDate, existing, clock.Today, clock.UtcNow);
            await releases.InsertReleaseAsync(c, tx, planned);
            await store.EnqueueAsync(c, tx, effects, clock.UtcNow);
            await AttributeAsync(c, tx, "CreateRelease", planned, planned.ImplementationDate);
            return planned;
        }, ct);

    public Task<Release> DecideGoNoGoAsync(DecideGoNoGo command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var rid = await releases.RidAsync(c, tx, command.ReleaseId, ct);
            var after = rid.Release.Decide(command.Go, command.DecidedOn, rid.Content.UnmetCriteria, command.OverrideReason, clock.Today);
            await releases.SaveReleaseAsync(c, tx, rid.Release, after);
            await AttributeAsync(c, tx, nameof(DecideGoNoGo), after, command.DecidedOn);
            return after;
        }, ct);

    /// <summary>Moves the release and its go-live timer; the move is kept with the release.</summary>
    public Task<Release> RescheduleAsync(RescheduleRelease command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var rid = await releases.RidAsync(c, tx, command.ReleaseId, ct);
            var scope = await releases.ScopeAsync(c, tx, command.ReleaseId, ct);
            var changed = rid.Release.Reschedule(command.ImplementationDate, command.DecidedOn, command.Reason, rid.Versions.Any(v => v.Baselined), scope, clock.Today, clock.UtcNow);
            var after = await SaveAsync(c, tx, rid.Release, changed);
            await AttributeAsync(c, tx, nameof(RescheduleRelease), after, command.DecidedOn);
            return after;
        }, ct);

    /// <summary>Cancels the release: its timer is cleared and what is still in its scope leaves it, in one transaction.</summary>
    public Task<CancelledRelease> CancelAsync(CancelRelease command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var before = await releases.ReleaseAsync(c, tx, command.ReleaseId, ct);
            var scope = await releases.ScopeAsync(c, tx, before.Id, ct);
            var after = await SaveAsync(c, tx, before, before.Cancel(command.CancelledOn, command.Reason, scope, clock.Today));
            var exits = new List<ScopeExit>();
            foreach (var entry in scope.Where(e => e.LeftOn is null))
            {
                var exit = ScopeRules.Leave([entry], entry.Reference, entry.Part, command.CancelledOn, after.CancelledScopeReason);
                await releases.LeaveAsync(c, tx, after.Id, exit.Reference, exit.Part, exit.LeftOn, exit.Reason);
                exits.Add(exit);
            }
            await AttributeAsync(c, tx, nameof(CancelRelease), after, command.CancelledOn);
            return new CancelledRelease(after, exits);
        }, ct);

    /// <summary>Go-live when asked: on or after the date, once the Panel has decided go.</summary>
    public Task<Implementation> ImplementAsync(string releaseId, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var before = await releases.ReleaseAsync(c, tx, releaseId, ct);
            var scope = await releases.ScopeAsync(c, tx, null, ct);
            var changed = before.Implement(clock.Today, scope, await releases.RegisterViewsAsync(c, tx, before.ApprovedReferences(scope)));
            var after = await SaveAsync(c, tx, before, changed);
            await AttributeAsync(c, tx, "ImplementRelease", after, after.ImplementationDate);
            return new Implementation(after, changed.Effects.Events.OfType<ModificationImplemented>().Select(e => e.Reference).ToList());
        }, ct);

    /// <summary>
    /// Go-live by the timer, inside the transaction that marks it fired: only a release with the
    /// Panel's go, whose approved scope the register agrees with, goes live; any other stays as it is.
    /// </summary>
    public async Task GoLiveWithinAsync(DbConnection c, DbTransaction tx, string releaseId, CancellationToken ct)
    {
        var before = await releases.ReleaseAsync(c, tx, releaseId, ct);
        var scope = await releases.ScopeAsync(c, tx, null, ct);
        await SaveAsync(c, tx, before, before.GoLiveOnItsDate(scope, await releases.RegisterViewsAsync(c, tx, before.ApprovedReferences(scope))));
    }

    private Task AttributeAsync(DbConnection c, DbTransaction tx, string operation, Release release, DateOnly effectiveOn) =>
        store.AttributeAsync(c, tx, new Attribution(operation, release.Id, null, effectiveOn), actor.Caller(), clock.UtcNow);

    private async Task<Release> SaveAsync(DbConnection c, DbTransaction tx, Release before, Changed<Release> changed)
    {
        if (!Equals(before, changed.State))
            await releases.SaveReleaseAsync(c, tx, before, changed.State);
        await store.EnqueueAsync(c, tx, changed.Effects, clock.UtcNow);
        return changed.State;
    }
}
