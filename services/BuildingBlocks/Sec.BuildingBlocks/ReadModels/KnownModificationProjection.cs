using System.Data.Common;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Storage;
using Sec.Contracts;

namespace Sec.BuildingBlocks.ReadModels;

/// <summary>Keeps a context's read model of the register from the Proposals context's events, once per event.</summary>
public abstract class KnownModificationProjection<TStore>(TStore store, IClock clock) : InboxConsumer<TStore, DraftProposalRaised>(store, clock)
    where TStore : ContextStore
{
    protected override Task HandleAsync(DraftProposalRaised message, DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        KnownModifications.UpsertAsync(connection, tx, Store.Schema,
            new KnownModification { Reference = message.Reference, Title = message.Title, RaisedOn = message.RaisedOn }, Clock.UtcNow);
}
