using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.Messaging;

namespace Sec.BuildingBlocks.Application;

/// <summary>A discrepancy after a retry, and whether the retry applied its event.</summary>
public sealed record RetryOutcome(Discrepancy Discrepancy, bool Applied);

/// <summary>
/// One context's discrepancies: list them, apply one again through the consumer that met it, or
/// resolve one without applying it, with the reason. Each write records who made it.
/// </summary>
public sealed class DiscrepancyUseCases(ContextStore store, IServiceProvider services, ICurrentActor actor, IClock clock)
{
    /// <summary>The most a list returns; open discrepancies are few, and each must be dealt with.</summary>
    public const int MaxListed = 500;

    public string Context => store.Schema;

    public Task<IReadOnlyList<Discrepancy>> ListAsync(bool includeResolved, CancellationToken ct) =>
        store.ReadAsync(c => DiscrepancyLog.ListAsync(c, store.Schema, includeResolved, MaxListed), ct);

    public Task<int> CountOpenAsync(CancellationToken ct) => store.ReadAsync(c => DiscrepancyLog.CountOpenAsync(c, store.Schema), ct);

    /// <summary>
    /// Applies the event again with the consumer that met it, in one transaction with its resolution.
    /// A refusal now leaves it open, one attempt more, with the refusal it met.
    /// </summary>
    public async Task<RetryOutcome> RetryAsync(long id, CancellationToken ct)
    {
        var open = await OpenAsync(id, ct);
        var message = DiscrepancyLog.Message(open);
        var consumerType = Type.GetType(open.ConsumerType)
            ?? throw new MoveNotAllowed($"Discrepancy {id} was met by {open.Consumer}, which this version of the suite no longer has; resolve it with a reason.");
        await using var scope = services.CreateAsyncScope();
        var consumer = (IReappliesMessages)scope.ServiceProvider.GetRequiredService(consumerType);
        var caller = actor.Caller();
        var applied = true;
        try
        {
            await store.InTransactionAsync(async (c, tx) =>
            {
                await consumer.ReapplyAsync(message, c, tx, ct);
                await DiscrepancyLog.ResolveAsync(c, tx, store.Schema, id, caller.Actor.ToString(), "Applied on retry", tried: true, clock.UtcNow);
                await AttributeAsync(c, tx, "RetryDiscrepancy", open, caller);
            }, ct);
        }
        catch (DomainRefusal refusal) when (refusal is not ConcurrencyConflict and not NotPermitted)
        {
            applied = false;
            await store.InTransactionAsync(async (c, tx) =>
            {
                await DiscrepancyLog.RetriedAsync(c, tx, store.Schema, id, refusal.Message, clock.UtcNow);
                await AttributeAsync(c, tx, "RetryDiscrepancy", open, caller);
            }, ct);
        }
        return new RetryOutcome(await FindAsync(id, ct), applied);
    }

    /// <summary>Closes an open discrepancy without applying its event; the reason is kept.</summary>
    public async Task<Discrepancy> ResolveAsync(long id, string reason, CancellationToken ct)
    {
        var caller = actor.Caller();
        await store.InTransactionAsync(async (c, tx) =>
        {
            var open = await DiscrepancyLog.FindAsync(c, tx, store.Schema, id) is { IsOpen: true } found ? found : throw await NotOpenAsync(c, tx, id);
            await DiscrepancyLog.ResolveAsync(c, tx, store.Schema, id, caller.Actor.ToString(), reason.Trim(), tried: false, clock.UtcNow);
            await AttributeAsync(c, tx, "ResolveDiscrepancy", open, caller);
        }, ct);
        return await FindAsync(id, ct);
    }

    private Task AttributeAsync(DbConnection c, DbTransaction tx, string operation, Discrepancy d, Caller caller) =>
        store.AttributeAsync(c, tx, new Attribution(operation, $"discrepancy {d.Id}", d.Reference, d.EffectiveOn), caller, clock.UtcNow);

    private async Task<Discrepancy> OpenAsync(long id, CancellationToken ct) =>
        await store.ReadAsync(async c => await DiscrepancyLog.FindAsync(c, null, store.Schema, id) is { IsOpen: true } found ? found : throw await NotOpenAsync(c, null, id), ct);

    private async Task<Discrepancy> FindAsync(long id, CancellationToken ct) =>
        await store.ReadAsync(c => DiscrepancyLog.FindAsync(c, null, store.Schema, id), ct)
        ?? throw new NotFound($"There is no discrepancy {id} in {store.Schema}.");

    private async Task<DomainRefusal> NotOpenAsync(DbConnection c, DbTransaction? tx, long id) =>
        await DiscrepancyLog.FindAsync(c, tx, store.Schema, id) is { } resolved
            ? new MoveNotAllowed($"Discrepancy {id} in {store.Schema} was resolved on {resolved.ResolvedAt:yyyy-MM-dd HH:mm} by {resolved.ResolvedBy}: {resolved.Resolution}")
            : new NotFound($"There is no discrepancy {id} in {store.Schema}.");
}
