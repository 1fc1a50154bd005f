using Sec.BuildingBlocks.Timers;
using Sec.Proposals.Storage;

namespace Sec.Proposals.Messaging;

/// <summary>
/// When a withdrawal period ends with no adoption, the modification is Withdrawn and the other
/// contexts hear of it. A durable timer, so it fires after a restart too.
/// </summary>
public sealed class WithdrawalPeriodEnded(ProposalUseCases proposals) : TimerHandler<ProposalsStore>(WithdrawalPeriod.TimerKind,
    (timer, connection, tx, ct) => proposals.CompleteWithdrawalWithinAsync(connection, tx, ModificationReference.Parse(timer.Payload, "payload"), ct));
