using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.ReadModels;

namespace Sec.ChangeBoard.Application;

/// <summary>
/// What is on the board's agendas: adding, carrying forward and cancelling items, and the lists the
/// board and the report read. A caller's write records who made it; the register's events record nothing.
/// </summary>
public sealed class AgendaUseCases(ChangeBoardStore store, ChangeBoardRepository board, ICurrentActor actor, IClock clock)
{
    /// <summary>Puts a modification on a meeting's agenda, as the register's history on the meeting's date allows.</summary>
    public Task<AgendaItem> AddAgendaItemAsync(AddAgendaItem command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var register = await KnownModifications.RequireViewAsync(c, tx, store.Schema, command.Reference, "reference.value");
            var meetingOn = await board.MeetingDateAsync(c, tx, command.MeetingId, ct);
            var item = AgendaItem.Add(command.MeetingId, meetingOn, register, command.Kind, command.Path);
            await board.InsertItemAsync(c, tx, item);
            await store.AttributeAsync(c, tx, new Attribution(nameof(AddAgendaItem), item.Id, item.Reference, meetingOn), actor.Caller(), clock.UtcNow);
            return item;
        }, ct);

    /// <summary>Carries an open item to a later meeting; returns the item on the later agenda.</summary>
    public Task<AgendaItem> CarryForwardAsync(CarryForward command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var before = await board.LoadItemAsync(c, tx, command.ItemId, ct);
            var meetingOn = await board.MeetingDateAsync(c, tx, command.ToMeetingId, ct);
            var register = await KnownModifications.RequireViewAsync(c, tx, store.Schema, ModificationReference.Parse(before.Reference, "item_id"), "item_id");
            var (carried, next) = before.CarryTo(command.ToMeetingId, meetingOn, register);
            await board.SaveAsync(c, tx, before, carried);
            await board.InsertItemAsync(c, tx, next);
            await store.AttributeAsync(c, tx, new Attribution(nameof(CarryForward), before.Id, before.Reference, meetingOn), actor.Caller(), clock.UtcNow);
            return next;
        }, ct);

    /// <summary>Remembers the path the register gave, for a vote added without one; inside the inbox's transaction.</summary>
    public Task RecordReadyForDecisionWithinAsync(DbConnection c, DbTransaction tx, ReadyForDecision command) =>
        board.RecordReadyAsync(c, tx, command.Reference, command.Path, command.ReadyOn);

    /// <summary>A withdrawn modification's open items are cancelled, marked with the withdrawal's date; inside the inbox's transaction.</summary>
    public async Task CancelOpenItemsWithinAsync(DbConnection c, DbTransaction tx, string reference, DateOnly withdrawnOn, CancellationToken ct)
    {
        foreach (var id in await board.OpenItemIdsAsync(c, tx, reference, ct))
        {
            var before = await board.LoadItemAsync(c, tx, id, ct);
            if (before.Cancel(withdrawnOn) is { } after)
                await board.SaveAsync(c, tx, before, after);
        }
    }

    /// <summary>A reversed withdrawal brings back open the items it cancelled; inside the inbox's transaction.</summary>
    public async Task ReinstateItemsWithinAsync(DbConnection c, DbTransaction tx, string reference, DateOnly withdrawnOn, CancellationToken ct)
    {
        foreach (var id in await board.CancelledItemIdsAsync(c, tx, reference, withdrawnOn, ct))
        {
            var before = await board.LoadItemAsync(c, tx, id, ct);
            if (before.Reinstate(withdrawnOn) is { } after)
                await board.SaveAsync(c, tx, before, after);
        }
    }

    public Task<AgendaItem> ItemAsync(string itemId, CancellationToken ct) => board.ItemAsync(itemId, ct);

    /// <summary>Every agenda item of one modification, by meeting date, for its page.</summary>
    public Task<IReadOnlyList<AgendaItem>> ItemsOfAsync(ModificationReference reference, CancellationToken ct) => board.ItemsOfAsync(reference.ToString(), ct);

    public Task<IReadOnlyList<AgendaItem>> VotesAsync(DateOnly from, DateOnly to, CancellationToken ct) => board.VotesAsync(from, to, ct);

    public Task<IReadOnlyList<AgendaItem>> DecisionsAsync(DateOnly from, DateOnly to, CancellationToken ct) => board.FinalAsync(from, to, ct);

    public Task<IReadOnlyList<AgendaItem>> PendingReferralsAsync(DateOnly asOf, CancellationToken ct) => board.PendingReferralsAsync(asOf, ct);

    public Task<IReadOnlyList<AgendaItem>> PendingAuthorityDecisionsAsync(CancellationToken ct) => board.WithAuthorityAsync(ct);
}
