using Microsoft.Extensions.Logging;
using Sec.BuildingBlocks.Messaging;
using Sec.Contracts;
using Sec.Proposals.Storage;

namespace Sec.Proposals.Messaging;

/// <summary>
/// Moves a proposal when another context decides: the Change Board, the Authority, a release going
/// live. A decision the proposal has already passed (imported history, a replay) changes nothing;
/// one that does not fit its status is refused, retried, and left on the error queue for an
/// operator rather than lost.
/// </summary>
public abstract class DecisionConsumer<TMessage>(ProposalsStore store, ProposalUseCases proposals, IClock clock, ILogger logger)
    : InboxConsumer<ProposalsStore, TMessage>(store, clock) where TMessage : class, IIntegrationEvent
{
    /// <summary>The decision the message reports, as the register applies it.</summary>
    protected abstract ExternalDecision Decision(TMessage message);

    protected override async Task HandleAsync(TMessage message, DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        var reference = ModificationReference.Parse(message.Reference, "reference");
        var (proposal, changed) = await proposals.ApplyDecisionWithinAsync(connection, tx, reference, Decision(message), ct);
        if (!changed)
            logger.LogInformation("{Reference} is already {Status}; {Event} changes nothing", proposal.Reference, proposal.Status, typeof(TMessage).Name);
    }
}

public sealed class ModificationApprovedConsumer(ProposalsStore store, ProposalUseCases proposals, IClock clock, ILogger<ModificationApprovedConsumer> logger)
    : DecisionConsumer<ModificationApproved>(store, proposals, clock, logger)
{
    protected override ExternalDecision Decision(ModificationApproved m) => ExternalDecision.ChangeBoardApproved(m.EffectiveOn);
}

public sealed class ModificationRejectedConsumer(ProposalsStore store, ProposalUseCases proposals, IClock clock, ILogger<ModificationRejectedConsumer> logger)
    : DecisionConsumer<ModificationRejected>(store, proposals, clock, logger)
{
    protected override ExternalDecision Decision(ModificationRejected m) => ExternalDecision.ChangeBoardRejected(m.EffectiveOn);
}

public sealed class ModificationRecommendedConsumer(ProposalsStore store, ProposalUseCases proposals, IClock clock, ILogger<ModificationRecommendedConsumer> logger)
    : DecisionConsumer<ModificationRecommended>(store, proposals, clock, logger)
{
    protected override ExternalDecision Decision(ModificationRecommended m) => ExternalDecision.ChangeBoardRecommended(m.RecommendsApproval, m.EffectiveOn);
}

public sealed class AuthorityDecidedConsumer(ProposalsStore store, ProposalUseCases proposals, IClock clock, ILogger<AuthorityDecidedConsumer> logger)
    : DecisionConsumer<AuthorityDecided>(store, proposals, clock, logger)
{
    protected override ExternalDecision Decision(AuthorityDecided m) => ExternalDecision.AuthorityDecided(m.Outcome, m.EffectiveOn);
}

public sealed class ModificationImplementedConsumer(ProposalsStore store, ProposalUseCases proposals, IClock clock, ILogger<ModificationImplementedConsumer> logger)
    : DecisionConsumer<ModificationImplemented>(store, proposals, clock, logger)
{
    protected override ExternalDecision Decision(ModificationImplemented m) => ExternalDecision.Implemented(m.Release, m.EffectiveOn);
}

/// <summary>The Change Board reopened a final decision after a late referral: the register takes the decision back.</summary>
public sealed class ModificationDecisionReopenedConsumer(ProposalsStore store, ProposalUseCases proposals, IClock clock)
    : InboxConsumer<ProposalsStore, ModificationDecisionReopened>(store, clock)
{
    protected override Task HandleAsync(ModificationDecisionReopened m, DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        proposals.ReopenChangeBoardDecisionWithinAsync(connection, tx, ModificationReference.Parse(m.Reference, "reference"), m.ReopenedOutcome, m.Reason, ct);
}
