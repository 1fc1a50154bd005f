using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.ReadModels;
using Sec.ChangeBoard.Storage;

namespace Sec.ChangeBoard.Messaging;

/// <summary>Learns of each new Draft Proposal, so ChangeBoard can check references without reading the register's tables.</summary>
public sealed class DraftProposalRaisedConsumer(ChangeBoardStore store, IClock clock) : KnownModificationProjection<ChangeBoardStore>(store, clock);

/// <summary>Follows a Draft Proposal's conversion, so ChangeBoard knows MP119 as the DP119 it heard of.</summary>
public sealed class ProposalStatusChangedConsumer(ChangeBoardStore store, IClock clock) : KnownModificationRenaming<ChangeBoardStore>(store, clock);
