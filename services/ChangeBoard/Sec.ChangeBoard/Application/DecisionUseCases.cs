using Microsoft.Extensions.Options;
using Sec.BuildingBlocks.Application;
using Sec.Calendar;

namespace Sec.ChangeBoard.Application;

/// <summary>
/// Votes and decisions on agenda items. Each loads the item, runs the domain step, saves the item and
/// enqueues the events and deadlines the step returned, in one transaction.
/// </summary>
public sealed class DecisionUseCases(
    ChangeBoardStore store,
    ChangeBoardRepository board,
    CountingRuleInForce counting,
    LegalWorkingDays legal,
    IOptions<ChangeBoardOptions> options,
    IClock clock)
{
    public Task<AgendaItem> CastVoteAsync(CastVote command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var before = await board.LoadItemAsync(c, tx, command.ItemId, ct);
            var member = await board.MemberAsync(c, tx, command.MemberId, ct);
            return await SaveAsync(c, tx, before, before.Cast(member, command.Value));
        }, ct);

    /// <summary>Closes a vote; a Self-Governance decision's referral window is the configured number of legal working days after the meeting.</summary>
    public Task<AgendaItem> CloseVoteAsync(string itemId, CancellationToken ct) =>
        ChangeAsync(itemId, item => item.Close(counting.Rule, on => legal.AddWorkingDays(on, options.Value.ReferralWindowWorkingDays)), ct);

    public Task<AgendaItem> ReferDecisionAsync(ReferDecision command, CancellationToken ct) =>
        ChangeAsync(command.ItemId, item => item.Refer(command.ReferredBy, command.ReferredOn), ct);

    public Task<AgendaItem> DetermineReferralAsync(DetermineReferral command, CancellationToken ct) =>
        ChangeAsync(command.ItemId, item => item.DetermineReferral(command.Upheld, command.DeterminedOn), ct);

    public Task<AgendaItem> RecordAuthorityDecisionAsync(RecordAuthorityDecision command, CancellationToken ct) =>
        ChangeAsync(command.ItemId, item => item.RecordAuthorityDecision(command.Outcome, command.DecidedOn), ct);

    public Task<AgendaItem> DecideImpactAssessmentRequestAsync(DecideImpactAssessmentRequest command, CancellationToken ct) =>
        ChangeAsync(command.ItemId, item => item.DecideImpactAssessmentRequest(command.Outcome), ct);

    /// <summary>The referral window's timer fired: an unreferred decision stands; inside the timer's transaction.</summary>
    public async Task EndReferralWindowWithinAsync(DbConnection c, DbTransaction tx, string itemId, CancellationToken ct)
    {
        var before = await board.LoadItemAsync(c, tx, itemId, ct);
        if (before.WindowEnded() is { } ended)
            await SaveAsync(c, tx, before, ended);
    }

    /// <summary>Loads an item, runs a domain step on it, and saves what the step returned, in one transaction.</summary>
    private Task<AgendaItem> ChangeAsync(string itemId, Func<AgendaItem, Changed<AgendaItem>> step, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var before = await board.LoadItemAsync(c, tx, itemId, ct);
            return await SaveAsync(c, tx, before, step(before));
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
