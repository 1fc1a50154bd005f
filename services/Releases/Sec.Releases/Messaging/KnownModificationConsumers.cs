using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.ReadModels;
using Sec.Releases.Storage;

namespace Sec.Releases.Messaging;

/// <summary>Learns of each new Draft Proposal, so Releases can check references without reading the register's tables.</summary>
public sealed class DraftProposalRaisedConsumer(ReleasesStore store, IClock clock) : KnownModificationProjection<ReleasesStore>(store, clock);

/// <summary>Follows a Draft Proposal's conversion, so Releases knows MP119 as the DP119 it heard of.</summary>
public sealed class ProposalStatusChangedConsumer(ReleasesStore store, IClock clock) : KnownModificationRenaming<ReleasesStore>(store, clock);
