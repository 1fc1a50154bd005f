using System.Data.Common;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Timers;
using Sec.Contracts;
using Sec.Releases.Domain;
using Sec.Releases.Storage;

namespace Sec.Releases.Messaging;

/// <summary>
/// A release goes live on its implementation date (a durable timer) or when asked. Every approved
/// modification in its scope is published as implemented, once: a second go-live finds the release
/// implemented and publishes nothing. A modification split into parts is implemented with its last part.
/// </summary>
public sealed class GoLive(ReleasesStore store, ReleaseRepository releases, IClock clock) : ITimerHandler<ReleasesStore>
{
    public const string Kind = "go-live";

    public static DateTimeOffset DueAt(DateOnly implementationDate) => UkTime.StartOf(implementationDate);

    string ITimerHandler<ReleasesStore>.Kind => Kind;

    public async Task FireAsync(DueTimer timer, DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        var release = await releases.ReleaseAsync(connection, tx, timer.SubjectKey, ct);
        if (release.Status is not (ReleaseStatus.NoGo or ReleaseStatus.Cancelled))
            await ImplementAsync(connection, tx, release, ct);
    }

    /// <summary>Implements the release and returns what it published; nothing when it was implemented already.</summary>
    public async Task<IReadOnlyList<string>> ImplementAsync(DbConnection connection, DbTransaction tx, Release release, CancellationToken ct)
    {
        if (release.Implement() is not { } implemented)
            return [];
        await releases.SaveReleaseAsync(connection, tx, release, implemented);
        await DurableTimers.CancelAsync(connection, tx, store.Schema, Kind, release.Id, clock.UtcNow);
        var all = await releases.ScopeAsync(connection, tx, null, ct);
        var on = release.ImplementationDate;
        var published = new List<string>();
        foreach (var entry in all.Where(e => e.ReleaseId == release.Id && e.InScopeOn(on) && e.KindOn(on) == ScopeKind.Approved))
        {
            var laterPart = all.Any(o => o.Reference == entry.Reference && o.Part > entry.Part && o.LeftOn is null && o.ReleaseId != release.Id);
            if (laterPart)
                continue;
            await Outbox.EnqueueAsync(connection, tx, store.Schema, new ModificationImplemented(Guid.NewGuid(), entry.Reference, on, release.Name), clock.UtcNow);
            published.Add(entry.Reference);
        }
        return published;
    }
}
