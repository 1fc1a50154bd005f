using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.ReadModels;
using Sec.Releases.Storage;

namespace Sec.Releases.Messaging;

/// <summary>Learns of each new Draft Proposal, so Releases can check references without reading the register's tables.</summary>
public sealed class DraftProposalRaisedConsumer(ReleasesStore store, IClock clock) : KnownModificationProjection<ReleasesStore>(store, clock);
