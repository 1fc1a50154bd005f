using System.Data.Common;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Messaging;
using Sec.BuildingBlocks.Timers;
using Sec.Contracts;
using Sec.Proposals.Domain;
using Sec.Proposals.Storage;

namespace Sec.Proposals.Messaging;

/// <summary>
/// When a withdrawal period ends with no adoption, the modification is Withdrawn and the other
/// contexts hear of it (they cancel open assessments and agenda items). A durable timer, so it
/// fires after a restart too.
/// </summary>
public sealed class WithdrawalPeriodEnded(ProposalsStore store, ProposalRepository proposals, IClock clock) : ITimerHandler<ProposalsStore>
{
    public const string Kind = "withdrawal-period";

    /// <summary>The actor the register records for steps that happen by themselves.</summary>
    public static readonly Actor Register = new("Modification register", "SECAS");

    /// <summary>The period includes its last day: it ends at midnight after it, UK time.</summary>
    public static DateTimeOffset DueAt(DateOnly lastDay) => UkTime.StartOf(lastDay.AddDays(1));

    string ITimerHandler<ProposalsStore>.Kind => Kind;

    public async Task FireAsync(DueTimer timer, DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        var reference = ModificationReference.Parse(timer.Payload, "payload");
        var now = clock.UtcNow;
        await proposals.ApplyWithinAsync(connection, tx, reference, p => ProposalSteps.CompleteWithdrawal(p, Register, now),
            (_, after, c, t) => Outbox.EnqueueAsync(c, t, store.Schema, new ModificationWithdrawn(Guid.NewGuid(), after.Reference.Value, after.LastEffectiveOn, after.Title), now), ct);
    }
}
