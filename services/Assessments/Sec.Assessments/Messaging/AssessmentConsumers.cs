using Sec.BuildingBlocks.Messaging;
using Sec.Contracts;

namespace Sec.Assessments.Messaging;

/// <summary>A withdrawn modification's open assessments are cancelled, once.</summary>
public sealed class ModificationWithdrawnConsumer(AssessmentsStore store, AssessmentRequests requests, IClock clock)
    : InboxConsumer<AssessmentsStore, ModificationWithdrawn>(store, clock)
{
    protected override Task HandleAsync(ModificationWithdrawn message, DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        requests.CancelForWithdrawalWithinAsync(connection, tx, new ModificationWithdrawal(message.Reference, message.EffectiveOn), ct);
}

/// <summary>The Change Board's decision on an Impact Assessment request lets it proceed, closes it, or defers it.</summary>
public sealed class ImpactAssessmentRequestDecidedConsumer(AssessmentsStore store, AssessmentRequests requests, IClock clock)
    : InboxConsumer<AssessmentsStore, ImpactAssessmentRequestDecided>(store, clock)
{
    protected override Task HandleAsync(ImpactAssessmentRequestDecided message, DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        requests.DecideImpactRequestWithinAsync(connection, tx,
            new ImpactRequestDecision(ModificationReference.Parse(message.Reference, "reference"), message.Outcome, message.EffectiveOn), ct);
}

/// <summary>A withdrawal undone by a late adoption: what it cancelled is open again.</summary>
public sealed class ModificationWithdrawalReversedConsumer(AssessmentsStore store, AssessmentRequests requests, IClock clock)
    : InboxConsumer<AssessmentsStore, ModificationWithdrawalReversed>(store, clock)
{
    protected override Task HandleAsync(ModificationWithdrawalReversed message, DbConnection connection, DbTransaction tx, CancellationToken ct) =>
        requests.ReinstateAfterReversedWithdrawalWithinAsync(connection, tx, message.Reference, message.WithdrawnOn, ct);
}
