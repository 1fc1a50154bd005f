using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;

namespace Sec.Releases.Application;

/// <summary>Puts a modification the register knows (or one part of it) in a release's scope.</summary>
public sealed record AddToScope(string ReleaseId, ModificationReference Reference, int Part, ScopeKind Kind, DateOnly? DecisionCutOff, DateOnly EffectiveOn);

/// <summary>Takes a modification (or one part) out of a release's scope, with the reason.</summary>
public sealed record RemoveFromScope(string ReleaseId, ModificationReference Reference, int Part, string Reason, DateOnly EffectiveOn);

/// <summary>Records what a scope entry may affect (SEC documents, systems) from a date on.</summary>
public sealed record RecordPotentialImpacts(string ReleaseId, ModificationReference Reference, int Part, IReadOnlyList<string> Documents, IReadOnlyList<string> Systems, DateOnly EffectiveOn);

/// <summary>A release's scope on a date, and what had left it by then.</summary>
public sealed record ScopeOnDate(IReadOnlyList<ScopeLine> Entries, IReadOnlyList<ScopeExit> Exits);

/// <summary>
/// A release's scope: what the Panel puts in and takes out, and what the decisions elsewhere do to it.
/// A caller's change records who made it; the decisions' events record nothing.
/// </summary>
public sealed class ScopeUseCases(ReleasesStore store, ReleaseRepository releases, ICurrentActor actor, IClock clock)
{
    /// <summary>The request field a reference to add comes in, named when the register does not know it.</summary>
    private const string ReferenceField = "reference.value";

    public async Task<ScopeLine> AddAsync(AddToScope command, CancellationToken ct)
    {
        var added = await store.InTransactionAsync(async (c, tx) =>
        {
            var release = await releases.ReleaseAsync(c, tx, command.ReleaseId, ct);
            release.RequireScopeOpen();
            var register = await releases.RegisterViewAsync(c, tx, command.Reference, ReferenceField);
            var entry = release.AddToScope(await releases.ScopeAsync(c, tx, release.Id, ct), register, command.Part, command.Kind, command.DecisionCutOff, command.EffectiveOn, clock.Today);
            await releases.InsertScopeAsync(c, tx, entry);
            await AttributeAsync(c, tx, nameof(AddToScope), release.Id, entry.Reference, command.EffectiveOn);
            return entry;
        }, ct);
        var title = await store.ReadAsync(c => releases.TitleAsync(c, null, added.Reference), ct);
        return added.LineOn(command.EffectiveOn) with { Title = title ?? "" };
    }

    public Task<ScopeExit> RemoveAsync(RemoveFromScope command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var release = await releases.ReleaseAsync(c, tx, command.ReleaseId, ct);
            var scope = await releases.ScopeAsync(c, tx, command.ReleaseId, ct);
            var exit = release.LeaveScope(scope, command.Reference.Value, command.Part, command.EffectiveOn, command.Reason, clock.Today);
            await releases.LeaveAsync(c, tx, command.ReleaseId, exit.Reference, exit.Part, exit.LeftOn, exit.Reason);
            await AttributeAsync(c, tx, nameof(RemoveFromScope), command.ReleaseId, exit.Reference, exit.LeftOn);
            return exit;
        }, ct);

    /// <summary>Keeps a new record of the entry's potential impacts; the earlier ones stay, for the scope as of earlier dates.</summary>
    public async Task<ScopeLine> RecordImpactsAsync(RecordPotentialImpacts command, CancellationToken ct)
    {
        var recorded = await store.InTransactionAsync(async (c, tx) =>
        {
            await releases.ReleaseAsync(c, tx, command.ReleaseId, ct);
            var scope = await releases.ScopeAsync(c, tx, command.ReleaseId, ct);
            var impacts = PotentialImpactRules.Record(scope, command.ReleaseId, command.Reference.Value, command.Part, command.EffectiveOn, command.Documents, command.Systems);
            await releases.InsertImpactsAsync(c, tx, impacts);
            await AttributeAsync(c, tx, nameof(RecordPotentialImpacts), command.ReleaseId, impacts.Reference, command.EffectiveOn);
            return scope.First(e => e.Reference == impacts.Reference && e.Part == impacts.Part && e.InScopeOn(command.EffectiveOn)).LineOn(command.EffectiveOn)
                with { PotentialDocumentImpacts = impacts.Documents, PotentialSystemImpacts = impacts.Systems };
        }, ct);
        return recorded with { Title = await store.ReadAsync(c => releases.TitleAsync(c, null, recorded.Reference), ct) ?? "" };
    }

    public async Task<ScopeOnDate> GetAsync(string releaseId, DateOnly asOf, CancellationToken ct)
    {
        await using var c = await store.OpenAsync(ct);
        await releases.ReleaseAsync(c, null, releaseId, ct);
        var scope = await releases.ScopeAsync(c, null, releaseId, ct);
        return new ScopeOnDate(await ScopeTitles.LinesOnAsync(releases, c, releaseId, scope, asOf, ct), ScopeEntry.ExitsBy(scope, asOf));
    }

    private Task AttributeAsync(DbConnection c, DbTransaction tx, string operation, string releaseId, string reference, DateOnly effectiveOn) =>
        store.AttributeAsync(c, tx, new Attribution(operation, releaseId, reference, effectiveOn), actor.Caller(), clock.UtcNow);

    /// <summary>A targeted modification approved becomes approved scope wherever it is still in scope.</summary>
    public Task ApproveWithinAsync(DbConnection c, DbTransaction tx, string reference, DateOnly on) =>
        releases.ApproveAsync(c, tx, reference, on);

    /// <summary>A modification rejected or withdrawn leaves every scope it is still in, with the reason kept.</summary>
    public Task LeaveEveryScopeWithinAsync(DbConnection c, DbTransaction tx, string reference, DateOnly on, string reason) =>
        releases.LeaveAsync(c, tx, null, reference, null, on, reason);

    /// <summary>A final approval reopened by a referral: the modification leaves every scope of a release not yet live.</summary>
    public async Task LeaveOnReferralWithinAsync(DbConnection c, DbTransaction tx, string reference, DateOnly on, CancellationToken ct)
    {
        var leaving = ScopeRules.LeavingOnReferral(await releases.ReleasesAsync(c, tx, ct), await releases.ScopeAsync(c, tx, null, ct), reference);
        foreach (var e in leaving)
            await releases.LeaveAsync(c, tx, e.ReleaseId, e.Reference, e.Part, on, ScopeRules.Referred(on));
    }

    /// <summary>A withdrawal undone: what left scope with that withdrawal comes back.</summary>
    public async Task ReturnAfterWithdrawalReversedWithinAsync(DbConnection c, DbTransaction tx, string reference, DateOnly withdrawnOn, CancellationToken ct)
    {
        var back = ScopeRules.BackAfterWithdrawalReversed(await releases.ReleasesAsync(c, tx, ct), await releases.ScopeAsync(c, tx, null, ct), reference, withdrawnOn);
        foreach (var e in back)
            await releases.ReturnToScopeAsync(c, tx, e);
    }
}

/// <summary>Adds the register's titles to scope lines.</summary>
internal static class ScopeTitles
{
    /// <summary>The scope's lines on <paramref name="on"/> as a reader sees them: each with the potential impacts that stood that day, and its title.</summary>
    public static async Task<IReadOnlyList<ScopeLine>> LinesOnAsync(ReleaseRepository releases, DbConnection c, string releaseId, IEnumerable<ScopeEntry> scope, DateOnly on, CancellationToken ct)
    {
        var lines = PotentialImpactRules.WithImpactsOn(ScopeEntry.LinesOn(scope, on), await releases.ImpactsAsync(c, null, releaseId, ct), on);
        return await AddAsync(releases, c, null, releaseId, lines, ct);
    }

    /// <summary>The titles of the release's scope are read once, on the caller's connection; any other reference is looked up alone.</summary>
    public static async Task<IReadOnlyList<ScopeLine>> AddAsync(ReleaseRepository releases, DbConnection c, DbTransaction? tx, string releaseId, IEnumerable<ScopeLine> lines, CancellationToken ct)
    {
        var titles = await releases.ScopeTitlesAsync(c, tx, releaseId, ct);
        var titled = new List<ScopeLine>();
        foreach (var line in lines)
            titled.Add(line with { Title = (titles.TryGetValue(line.Reference, out var title) ? title : await releases.TitleAsync(c, tx, line.Reference)) ?? "" });
        return titled;
    }
}
