using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Timers;
using Sec.Contracts;

namespace Sec.ChangeBoard.Messaging;

/// <summary>The register sent a modification for decision: remember its path for the vote.</summary>
public sealed class ModificationReadyForDecisionConsumer(ChangeBoardStore store, AgendaUseCases agenda, IClock clock)
    : InboxConsumer<ChangeBoardStore, ModificationReadyForDecision>(store, clock)
{
    protected override Task HandleAsync(ModificationReadyForDecision message, DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        agenda.RecordReadyForDecisionWithinAsync(connection, tx, new ReadyForDecision(message.Reference, message.Path, message.EffectiveOn));
}

/// <summary>A withdrawn modification's open agenda items are cancelled, once.</summary>
public sealed class ModificationWithdrawnConsumer(ChangeBoardStore store, AgendaUseCases agenda, IClock clock)
    : InboxConsumer<ChangeBoardStore, ModificationWithdrawn>(store, clock)
{
    protected override Task HandleAsync(ModificationWithdrawn message, DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        agenda.CancelOpenItemsWithinAsync(connection, tx, message.Reference, message.EffectiveOn, ct);
}

/// <summary>A withdrawal undone by a late adoption: the agenda items it cancelled are open again, once.</summary>
public sealed class ModificationWithdrawalReversedConsumer(ChangeBoardStore store, AgendaUseCases agenda, IClock clock)
    : InboxConsumer<ChangeBoardStore, ModificationWithdrawalReversed>(store, clock)
{
    protected override Task HandleAsync(ModificationWithdrawalReversed message, DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        agenda.ReinstateItemsWithinAsync(connection, tx, message.Reference, message.WithdrawnOn, ct);
}

/// <summary>
/// When a Self-Governance decision's referral window ends with no referral, the decision stands and
/// is published. A durable timer, so it fires after a restart too.
/// </summary>
public sealed class ReferralWindowEnded(DecisionUseCases decisions) : TimerHandler<ChangeBoardStore>(ReferralWindow.TimerKind,
    (timer, connection, tx, ct) => decisions.EndReferralWindowWithinAsync(connection, tx, timer.SubjectKey, ct));
