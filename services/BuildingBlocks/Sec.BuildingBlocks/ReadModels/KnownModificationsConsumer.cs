using MassTransit;
using Sec.BuildingBlocks.Messaging;
using Sec.Contracts;

namespace Sec.BuildingBlocks.ReadModels;

/// <summary>
/// Keeps a context's read model of the register from the Proposals context's events, each once: a
/// new Draft Proposal, and every later step (which follows a conversion from DP119 to MP119).
/// One consumer serves every context that keeps the read model.
/// </summary>
public sealed class KnownModificationsConsumer<TStore>(TStore store, IClock clock) : IConsumer<DraftProposalRaised>, IConsumer<ProposalStatusChanged>, IReappliesMessages
    where TStore : ContextStore
{
    /// <summary>The consumer's name in the inbox and the queue's name on the broker, one per context.</summary>
    public static string Name => $"{StoreName}-known-modifications";

    private static readonly string StoreName = typeof(TStore).Name.Replace("Store", "", StringComparison.Ordinal).ToLowerInvariant();

    public Task Consume(ConsumeContext<DraftProposalRaised> context) => Inbox.ApplyOnceAsync(store, clock, Name, context, RaisedAsync, this);

    public Task Consume(ConsumeContext<ProposalStatusChanged> context) => Inbox.ApplyOnceAsync(store, clock, Name, context, ChangedAsync, this);

    public Task ReapplyAsync(object message, DbConnection connection, DbTransaction tx, CancellationToken ct) => message switch
    {
        DraftProposalRaised raised => RaisedAsync(raised, connection, tx, ct),
        ProposalStatusChanged changed => ChangedAsync(changed, connection, tx, ct),
        _ => throw new ArgumentException($"{message.GetType().Name} is not a register event.", nameof(message)),
    };

    private Task RaisedAsync(DraftProposalRaised m, DbConnection c, DbTransaction tx, CancellationToken ct) =>
        KnownModifications.RecordAsync(c, tx, store.Schema, null, new KnownModification { Reference = m.Reference, Title = m.Title, RaisedOn = m.RaisedOn }, clock.UtcNow);

    private async Task ChangedAsync(ProposalStatusChanged m, DbConnection c, DbTransaction tx, CancellationToken ct)
    {
        await KnownModifications.RecordAsync(c, tx, store.Schema, m.PreviousReference,
            new KnownModification { Reference = m.Reference, Title = m.Title, RaisedOn = m.RaisedOn }, clock.UtcNow);
        if (m.History is { Count: > 0 } history)
            await KnownModifications.RecordHistoryAsync(c, tx, store.Schema, m.Reference, m.Version, history);
    }
}

/// <summary>
/// Marks a context's assembly as keeping the register's read model: its store then gets the
/// building blocks' <c>KnownModification</c> migration along with its own.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class KeepsKnownModificationsAttribute : Attribute;

/// <summary>Adds the read model's consumer to a context's bus registration, on a queue of the context's own.</summary>
public static class KnownModificationsRegistration
{
    public static void AddKnownModifications<TStore>(this IBusRegistrationConfigurator bus) where TStore : ContextStore =>
        bus.AddConsumer<KnownModificationsConsumer<TStore>>().Endpoint(e => e.Name = KnownModificationsConsumer<TStore>.Name);
}
