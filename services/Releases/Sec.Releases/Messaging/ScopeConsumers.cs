using System.Data.Common;
using Sec.BuildingBlocks.Domain;
using Sec.BuildingBlocks.Messaging;
using Sec.Contracts;
using Sec.Releases.Storage;

namespace Sec.Releases.Messaging;

/// <summary>A targeted modification that is approved becomes approved scope.</summary>
public sealed class ModificationApprovedConsumer(ReleasesStore store, ReleaseRepository releases, IClock clock) : InboxConsumer<ReleasesStore, ModificationApproved>(store, clock)
{
    protected override Task HandleAsync(ModificationApproved m, DbConnection c, DbTransaction tx, CancellationToken ct) => releases.ApproveAsync(c, tx, m.Reference, m.EffectiveOn);
}

/// <summary>A rejected modification leaves every scope it is in, with the reason kept.</summary>
public sealed class ModificationRejectedConsumer(ReleasesStore store, ReleaseRepository releases, IClock clock) : InboxConsumer<ReleasesStore, ModificationRejected>(store, clock)
{
    protected override Task HandleAsync(ModificationRejected m, DbConnection c, DbTransaction tx, CancellationToken ct) =>
        releases.LeaveAsync(c, tx, null, m.Reference, null, m.EffectiveOn, $"Rejected by the {m.DecidedBy} on {m.EffectiveOn:d MMMM yyyy}");
}

/// <summary>A withdrawn modification leaves every scope it is in.</summary>
public sealed class ModificationWithdrawnConsumer(ReleasesStore store, ReleaseRepository releases, IClock clock) : InboxConsumer<ReleasesStore, ModificationWithdrawn>(store, clock)
{
    protected override Task HandleAsync(ModificationWithdrawn m, DbConnection c, DbTransaction tx, CancellationToken ct) =>
        releases.LeaveAsync(c, tx, null, m.Reference, null, m.EffectiveOn, $"Withdrawn on {m.EffectiveOn:d MMMM yyyy}");
}

/// <summary>The Authority's approval brings a targeted modification in; its rejection takes it out.</summary>
public sealed class AuthorityDecidedConsumer(ReleasesStore store, ReleaseRepository releases, IClock clock) : InboxConsumer<ReleasesStore, AuthorityDecided>(store, clock)
{
    protected override Task HandleAsync(AuthorityDecided m, DbConnection c, DbTransaction tx, CancellationToken ct) => m.Outcome switch
    {
        DecisionOutcome.Approved => releases.ApproveAsync(c, tx, m.Reference, m.EffectiveOn),
        DecisionOutcome.Rejected => releases.LeaveAsync(c, tx, null, m.Reference, null, m.EffectiveOn, $"Rejected by the Authority on {m.EffectiveOn:d MMMM yyyy}"),
        _ => Task.CompletedTask,
    };
}

/// <summary>The DCC's costs for a modification, from its latest returned assessment, for the RID.</summary>
public sealed class AssessmentReturnedConsumer(ReleasesStore store, ReleaseRepository releases, IClock clock) : InboxConsumer<ReleasesStore, AssessmentReturned>(store, clock)
{
    protected override Task HandleAsync(AssessmentReturned m, DbConnection c, DbTransaction tx, CancellationToken ct) =>
        releases.UpsertDccCostAsync(c, tx, m.Reference, m.Implementation.Sum(l => l.LowPence), m.Implementation.Sum(l => l.HighPence),
            $"DCC {m.Kind} Assessment returned on {m.EffectiveOn:d MMMM yyyy}", m.EffectiveOn);
}
