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
        KnownModifications.RecordAsync(connection, tx, Store.Schema, null,
            new KnownModification { Reference = message.Reference, Title = message.Title, RaisedOn = message.RaisedOn }, Clock.UtcNow);
}

/// <summary>Follows a proposal's title and its reference through conversion (DP119 to MP119), once per event.</summary>
public abstract class KnownModificationRenaming<TStore>(TStore store, IClock clock) : InboxConsumer<TStore, ProposalStatusChanged>(store, clock)
    where TStore : ContextStore
{
    protected override Task HandleAsync(ProposalStatusChanged message, DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        KnownModifications.RecordAsync(connection, tx, Store.Schema, message.PreviousReference,
            new KnownModification { Reference = message.Reference, Title = message.Title, RaisedOn = message.RaisedOn }, Clock.UtcNow);
}
