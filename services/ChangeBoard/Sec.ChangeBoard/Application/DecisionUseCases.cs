using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.ReadModels;
using Sec.Calendar;

namespace Sec.ChangeBoard.Application;

/// <summary>
/// Votes and decisions on agenda items. Each loads the item, runs the domain step, saves the item,
/// enqueues the events and deadlines the step returned and records who made it, in one transaction.
/// </summary>
public sealed class DecisionUseCases(
    ChangeBoardStore store,
    ChangeBoardRepository board,
    CountingRuleInForce counting,
    LegalWorkingDays legal,
    IOptions<ChangeBoardOptions> options,
    ICurrentActor actor,
    IClock clock)
{
    /// <summary>A member votes only as itself, in its own group; a vote by anyone else writes nothing.</summary>
    public Task<AgendaItem> CastVoteAsync(CastVote command, CancellationToken ct) =>
        ChangeAsync(nameof(CastVote), command.ItemId, command.CastOn, async (c, tx, item) =>
        {
            var member = await board.MemberAsync(c, tx, command.MemberId, ct);
            member.RequireVotedBy(actor.Caller());
            return item.Cast(member, command.Value, await RegisterAsync(c, tx, item), command.CastOn, clock.Today);
        }, ct);

    /// <summary>Closes a vote; a Self-Governance decision's referral window is the configured number of legal working days after the day it closed.</summary>
    public Task<AgendaItem> CloseVoteAsync(CloseVote command, CancellationToken ct) =>
        ChangeAsync(nameof(CloseVote), command.ItemId, command.ClosedOn, async (c, tx, item) =>
            item.Close(counting.Rule, on => legal.AddWorkingDays(on, options.Value.ReferralWindowWorkingDays), await RegisterAsync(c, tx, item), command.ClosedOn, clock.Today), ct);

    /// <summary>A referral effective inside the window is taken whenever it is recorded; one after the window's timer reopens the decision.</summary>
    public Task<AgendaItem> ReferDecisionAsync(ReferDecision command, CancellationToken ct) =>
        ChangeAsync(nameof(ReferDecision), command.ItemId, command.ReferredOn, async (c, tx, item) =>
            item.Refer(command.ReferredBy, command.ReferredOn, await RegisterAsync(c, tx, item), clock.Today), ct);

    public Task<AgendaItem> DetermineReferralAsync(DetermineReferral command, CancellationToken ct) =>
        ChangeAsync(nameof(DetermineReferral), command.ItemId, command.DeterminedOn, item => item.DetermineReferral(command.Upheld, command.DeterminedOn, clock.Today), ct);

    public Task<AgendaItem> RecordAuthorityDecisionAsync(RecordAuthorityDecision command, CancellationToken ct) =>
        ChangeAsync(nameof(RecordAuthorityDecision), command.ItemId, command.DecidedOn, async (c, tx, item) =>
            item.RecordAuthorityDecision(command.Outcome, command.DecidedOn, await RegisterAsync(c, tx, item), clock.Today), ct);

    public Task<AgendaItem> DecideImpactAssessmentRequestAsync(DecideImpactAssessmentRequest command, CancellationToken ct) =>
        ChangeAsync(nameof(DecideImpactAssessmentRequest), command.ItemId, command.DecidedOn, item => item.DecideImpactAssessmentRequest(command.Outcome, command.DecidedOn, clock.Today), ct);

    /// <summary>This context's view of the register for the item's modification, read in the step's transaction.</summary>
    private Task<RegisterView> RegisterAsync(DbConnection c, DbTransaction tx, AgendaItem item) =>
        KnownModifications.RequireViewAsync(c, tx, store.Schema, ModificationReference.Parse(item.Reference, "reference.value"), "reference.value");

    /// <summary>The referral window's timer fired: an unreferred decision stands; inside the timer's transaction.</summary>
    public async Task EndReferralWindowWithinAsync(DbConnection c, DbTransaction tx, string itemId, CancellationToken ct)
    {
        var before = await board.LoadItemAsync(c, tx, itemId, ct);
        if (before.WindowEnded() is { } ended)
            await SaveAsync(c, tx, before, ended);
    }

    private Task<AgendaItem> ChangeAsync(string operation, string itemId, DateOnly? effectiveOn, Func<AgendaItem, Changed<AgendaItem>> step, CancellationToken ct) =>
        ChangeAsync(operation, itemId, effectiveOn, (_, _, item) => Task.FromResult(step(item)), ct);

    /// <summary>
    /// Loads an item, runs a domain step on it, saves what the step returned and records the caller's
    /// operation, in one transaction; the step's date, or else the item's meeting date, is when it takes effect.
    /// </summary>
    private Task<AgendaItem> ChangeAsync(string operation, string itemId, DateOnly? effectiveOn,
        Func<DbConnection, DbTransaction, AgendaItem, Task<Changed<AgendaItem>>> step, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var before = await board.LoadItemAsync(c, tx, itemId, ct);
            var after = await SaveAsync(c, tx, before, await step(c, tx, before));
            await store.AttributeAsync(c, tx, new Attribution(operation, itemId, before.Reference, effectiveOn ?? before.MeetingOn), actor.Caller(), clock.UtcNow);
            return after;
        }, ct);

    /// <summary>Saves the item's next state and enqueues the events and deadlines its step caused.</summary>
    private async Task<AgendaItem> SaveAsync(DbConnection c, DbTransaction tx, AgendaItem before, Changed<AgendaItem> changed)
    {
        var (after, effects) = changed;
        await board.SaveAsync(c, tx, before, after);
        await store.EnqueueAsync(c, tx, effects, clock.UtcNow);
        return after;
    }
}
