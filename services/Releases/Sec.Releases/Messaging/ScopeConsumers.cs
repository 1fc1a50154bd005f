using Sec.BuildingBlocks.Messaging;

namespace Sec.Releases.Messaging;

/// <summary>A targeted modification that is approved becomes approved scope.</summary>
public sealed class ModificationApprovedConsumer(ReleasesStore store, ScopeUseCases scope, IClock clock) : InboxConsumer<ReleasesStore, ModificationApproved>(store, clock)
{
    protected override Task HandleAsync(ModificationApproved m, DbConnection c, DbTransaction tx, CancellationToken ct) => scope.ApproveWithinAsync(c, tx, m.Reference, m.EffectiveOn);
}

/// <summary>A rejected modification leaves every scope it is in, with the reason kept.</summary>
public sealed class ModificationRejectedConsumer(ReleasesStore store, ScopeUseCases scope, IClock clock) : InboxConsumer<ReleasesStore, ModificationRejected>(store, clock)
{
    protected override Task HandleAsync(ModificationRejected m, DbConnection c, DbTransaction tx, CancellationToken ct) =>
        scope.LeaveEveryScopeWithinAsync(c, tx, m.Reference, m.EffectiveOn, ScopeRules.RejectedBy(m.DecidedBy, m.EffectiveOn));
}

/// <summary>A withdrawn modification leaves every scope it is in.</summary>
public sealed class ModificationWithdrawnConsumer(ReleasesStore store, ScopeUseCases scope, IClock clock) : InboxConsumer<ReleasesStore, ModificationWithdrawn>(store, clock)
{
    protected override Task HandleAsync(ModificationWithdrawn m, DbConnection c, DbTransaction tx, CancellationToken ct) =>
        scope.LeaveEveryScopeWithinAsync(c, tx, m.Reference, m.EffectiveOn, ScopeRules.Withdrawn(m.EffectiveOn));
}

/// <summary>The Authority's approval brings a targeted modification in; its rejection takes it out.</summary>
public sealed class AuthorityDecidedConsumer(ReleasesStore store, ScopeUseCases scope, IClock clock) : InboxConsumer<ReleasesStore, AuthorityDecided>(store, clock)
{
    protected override Task HandleAsync(AuthorityDecided m, DbConnection c, DbTransaction tx, CancellationToken ct) => m.Outcome switch
    {
        DecisionOutcome.Approved => scope.ApproveWithinAsync(c, tx, m.Reference, m.EffectiveOn),
        DecisionOutcome.Rejected => scope.LeaveEveryScopeWithinAsync(c, tx, m.Reference, m.EffectiveOn, ScopeRules.RejectedBy("Authority", m.EffectiveOn)),
        _ => Task.CompletedTask,
    };
}

/// <summary>
/// A final approval reopened: a referral effective inside its window came after the window's timer.
/// The approved modification leaves every release not yet live, until the Panel decides.
/// </summary>
public sealed class ModificationDecisionReopenedConsumer(ReleasesStore store, ScopeUseCases scope, IClock clock) : InboxConsumer<ReleasesStore, ModificationDecisionReopened>(store, clock)
{
    protected override Task HandleAsync(ModificationDecisionReopened m, DbConnection c, DbTransaction tx, CancellationToken ct) =>
        m.ReopenedOutcome == DecisionOutcome.Approved ? scope.LeaveOnReferralWithinAsync(c, tx, m.Reference, m.EffectiveOn, ct) : Task.CompletedTask;
}

/// <summary>A withdrawal undone by a late adoption: what the withdrawal took out of scope comes back.</summary>
public sealed class ModificationWithdrawalReversedConsumer(ReleasesStore store, ScopeUseCases scope, IClock clock) : InboxConsumer<ReleasesStore, ModificationWithdrawalReversed>(store, clock)
{
    protected override Task HandleAsync(ModificationWithdrawalReversed m, DbConnection c, DbTransaction tx, CancellationToken ct) =>
        scope.ReturnAfterWithdrawalReversedWithinAsync(c, tx, m.Reference, m.WithdrawnOn, ct);
}

/// <summary>The DCC's costs for a modification, from its latest returned assessment, for the RID.</summary>
public sealed class AssessmentReturnedConsumer(ReleasesStore store, RidUseCases rid, IClock clock) : InboxConsumer<ReleasesStore, AssessmentReturned>(store, clock)
{
    protected override Task HandleAsync(AssessmentReturned m, DbConnection c, DbTransaction tx, CancellationToken ct) =>
        rid.RecordReturnedCostsWithinAsync(c, tx, m.Reference, m.Kind, m.Implementation, m.EffectiveOn);
}
