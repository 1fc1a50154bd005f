using System.Data.Common;
using Microsoft.Extensions.Logging;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Messaging;
using Sec.Contracts;
using Sec.Proposals.Domain;
using Sec.Proposals.Storage;

namespace Sec.Proposals.Messaging;

/// <summary>
/// Moves a proposal when another context decides: the Change Board, the Authority, a release going
/// live. A decision the proposal has already passed (imported history, a replay) changes nothing;
/// one that does not fit its status is refused, retried, and left on the error queue for an
/// operator rather than lost.
/// </summary>
public abstract class DecisionConsumer<TMessage>(ProposalsStore store, ProposalRepository proposals, IClock clock, ILogger logger)
    : InboxConsumer<ProposalsStore, TMessage>(store, clock) where TMessage : class, IIntegrationEvent
{
    protected abstract Move Move { get; }

    /// <summary>The stages that show the decision was already applied.</summary>
    protected abstract IReadOnlySet<Stage> AlreadyApplied { get; }

    protected abstract Proposal Apply(Proposal proposal, TMessage message, Actor actor, DateTimeOffset now);

    protected override async Task HandleAsync(TMessage message, DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        var reference = ModificationReference.Parse(message.Reference, "reference");
        await proposals.ApplyWithinAsync(connection, tx, reference, p =>
        {
            if (!Lifecycle.Allows(p.State, Move) && AlreadyApplied.Contains(p.State.Stage))
            {
                logger.LogInformation("{Reference} is already {Status}; {Event} changes nothing", p.Reference, p.Status, typeof(TMessage).Name);
                return null;
            }
            return Apply(p, message, WithdrawalPeriodEnded.Register, Clock.UtcNow);
        }, null, ct);
    }
}

public sealed class ModificationApprovedConsumer(ProposalsStore store, ProposalRepository proposals, IClock clock, ILogger<ModificationApprovedConsumer> logger)
    : DecisionConsumer<ModificationApproved>(store, proposals, clock, logger)
{
    protected override Move Move => Move.RecordChangeBoardDecision;
    protected override IReadOnlySet<Stage> AlreadyApplied { get; } = new HashSet<Stage> { Stage.AwaitingImplementation, Stage.Implemented };

    protected override Proposal Apply(Proposal p, ModificationApproved m, Actor actor, DateTimeOffset now) =>
        ProposalSteps.RecordChangeBoardDecision(p, DecisionOutcome.Approved, m.EffectiveOn, actor, now);
}

public sealed class ModificationRejectedConsumer(ProposalsStore store, ProposalRepository proposals, IClock clock, ILogger<ModificationRejectedConsumer> logger)
    : DecisionConsumer<ModificationRejected>(store, proposals, clock, logger)
{
    protected override Move Move => Move.RecordChangeBoardDecision;
    protected override IReadOnlySet<Stage> AlreadyApplied { get; } = new HashSet<Stage> { Stage.Rejected };

    protected override Proposal Apply(Proposal p, ModificationRejected m, Actor actor, DateTimeOffset now) =>
        ProposalSteps.RecordChangeBoardDecision(p, DecisionOutcome.Rejected, m.EffectiveOn, actor, now);
}

public sealed class ModificationRecommendedConsumer(ProposalsStore store, ProposalRepository proposals, IClock clock, ILogger<ModificationRecommendedConsumer> logger)
    : DecisionConsumer<ModificationRecommended>(store, proposals, clock, logger)
{
    protected override Move Move => Move.RecordChangeBoardDecision;
    protected override IReadOnlySet<Stage> AlreadyApplied { get; } = new HashSet<Stage> { Stage.AwaitingAuthority, Stage.AwaitingImplementation, Stage.Implemented, Stage.Rejected };

    protected override Proposal Apply(Proposal p, ModificationRecommended m, Actor actor, DateTimeOffset now) =>
        ProposalSteps.RecordChangeBoardDecision(p, m.RecommendsApproval ? DecisionOutcome.Approved : DecisionOutcome.Rejected, m.EffectiveOn, actor, now);
}

public sealed class AuthorityDecidedConsumer(ProposalsStore store, ProposalRepository proposals, IClock clock, ILogger<AuthorityDecidedConsumer> logger)
    : DecisionConsumer<AuthorityDecided>(store, proposals, clock, logger)
{
    protected override Move Move => Move.RecordAuthorityDecision;
    protected override IReadOnlySet<Stage> AlreadyApplied { get; } = new HashSet<Stage> { Stage.AwaitingImplementation, Stage.Implemented, Stage.Rejected };

    protected override Proposal Apply(Proposal p, AuthorityDecided m, Actor actor, DateTimeOffset now) =>
        ProposalSteps.RecordAuthorityDecision(p, m.Outcome, m.EffectiveOn, actor, now);
}

public sealed class ModificationImplementedConsumer(ProposalsStore store, ProposalRepository proposals, IClock clock, ILogger<ModificationImplementedConsumer> logger)
    : DecisionConsumer<ModificationImplemented>(store, proposals, clock, logger)
{
    protected override Move Move => Move.Implement;
    protected override IReadOnlySet<Stage> AlreadyApplied { get; } = new HashSet<Stage> { Stage.Implemented };

    protected override Proposal Apply(Proposal p, ModificationImplemented m, Actor actor, DateTimeOffset now) =>
        ProposalSteps.Implement(p, m.Release, m.EffectiveOn, actor, now);
}
