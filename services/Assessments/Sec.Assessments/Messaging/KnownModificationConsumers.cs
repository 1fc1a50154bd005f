using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.ReadModels;
using Sec.Assessments.Storage;

namespace Sec.Assessments.Messaging;

/// <summary>Learns of each new Draft Proposal, so Assessments can check references without reading the register's tables.</summary>
public sealed class DraftProposalRaisedConsumer(AssessmentsStore store, IClock clock) : KnownModificationProjection<AssessmentsStore>(store, clock);

/// <summary>Follows a Draft Proposal's conversion, so Assessments knows MP119 as the DP119 it heard of.</summary>
public sealed class ProposalStatusChangedConsumer(AssessmentsStore store, IClock clock) : KnownModificationRenaming<AssessmentsStore>(store, clock);
