using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;

namespace Sec.Releases.Application;

/// <summary>Starts a new draft version of the RID from the latest one.</summary>
public sealed record StartRidVersion(string ReleaseId, string Label, DateOnly Dated, string Changes);

/// <summary>Replaces the draft's content; <paramref name="Unreadable"/> are the dates the request gave that are not dates, left as <c>default</c> in the content.</summary>
public sealed record EditRid(string ReleaseId, RidContent Content, IReadOnlyList<FieldViolation> Unreadable);

/// <summary>The Panel baselines the current draft on a date.</summary>
public sealed record BaselineRid(string ReleaseId, DateOnly BaselinedOn);

/// <summary>
/// The Release Implementation Document: its versions, content, baselines, and the DCC's costs it
/// shows. A caller's change records who made it; the DCC's returned costs record nothing.
/// </summary>
public sealed class RidUseCases(ReleasesStore store, ReleaseRepository releases, ICurrentActor actor, IClock clock)
{
    public Task<RidView> StartVersionAsync(StartRidVersion command, CancellationToken ct)
    {
        RidVersion.CheckDated(command.Dated, clock.Today, "dated");
        return ChangeAsync(nameof(StartRidVersion), command.ReleaseId, command.Dated, async (rid, c, tx) =>
            rid.StartVersion(command.Label, command.Dated, command.Changes, await releases.ScopeAsync(c, tx, command.ReleaseId, ct)), ct);
    }

    public Task<RidView> EditAsync(EditRid command, CancellationToken ct) =>
        ChangeAsync(nameof(EditRid), command.ReleaseId, null, (rid, _, _) => Task.FromResult(rid.Edit(command.Content, command.Unreadable)), ct);

    public Task<RidView> BaselineAsync(BaselineRid command, CancellationToken ct)
    {
        RidVersion.CheckDated(command.BaselinedOn, clock.Today, "baselined_on");
        return ChangeAsync(nameof(BaselineRid), command.ReleaseId, command.BaselinedOn, async (rid, c, tx) =>
            rid.Baseline(command.BaselinedOn, await releases.ScopeAsync(c, tx, command.ReleaseId, ct)), ct);
    }

    /// <summary>The RID as a whole: a named version (its baseline snapshot) or, with no label, the current one.</summary>
    public async Task<RidView> GetAsync(string releaseId, string? label, CancellationToken ct)
    {
        await using var c = await store.OpenAsync(ct);
        return await ViewAsync(c, null, await releases.RidAsync(c, null, releaseId, ct), label, ct);
    }

    public async Task<IReadOnlyList<RidDifference>> CompareAsync(string releaseId, string fromLabel, string toLabel, CancellationToken ct) =>
        RidComparison.Differences(await GetAsync(releaseId, fromLabel, ct), await GetAsync(releaseId, toLabel, ct));

    /// <summary>The DCC's costs for a modification, from its latest returned assessment, for every RID it is in.</summary>
    public Task RecordReturnedCostsWithinAsync(DbConnection c, DbTransaction tx, string reference, AssessmentKind kind, IEnumerable<CostLine> lines, DateOnly returnedOn) =>
        releases.UpsertDccCostAsync(c, tx, DccCost.Returned(reference, kind, lines, returnedOn), returnedOn);

    /// <summary>
    /// Changes the RID and records the caller's operation, in one transaction; an edit takes effect
    /// on its version's date. The answer is computed before anything is written, so a RID that
    /// cannot be read back is refused, never saved.
    /// </summary>
    private Task<RidView> ChangeAsync(string operation, string releaseId, DateOnly? effectiveOn, Func<Rid, DbConnection, DbTransaction, Task<Rid>> change, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var before = await releases.RidAsync(c, tx, releaseId, ct);
            var after = await change(before, c, tx);
            var view = await ViewAsync(c, tx, after, null, ct);
            await releases.SaveRidAsync(c, tx, before, after);
            await store.AttributeAsync(c, tx, new Attribution(operation, releaseId, null, effectiveOn ?? after.Current?.Dated), actor.Caller(), clock.UtcNow);
            return view;
        }, ct);

    private async Task<RidView> ViewAsync(DbConnection c, DbTransaction? tx, Rid rid, string? label, CancellationToken ct)
    {
        var view = rid.View(label, clock.Today, await releases.ScopeAsync(c, tx, rid.Release.Id, ct), await releases.DccCostsAsync(c, tx, ct));
        return view with { Scope = await ScopeTitles.AddAsync(releases, c, tx, rid.Release.Id, view.Scope, ct) };
    }
}
