using Sec.BuildingBlocks.ReadModels;

namespace Sec.ChangeBoard.Application;

/// <summary>The board itself: its members, its meetings, and what it knows of the register.</summary>
public sealed class BoardUseCases(ChangeBoardStore store, ChangeBoardRepository board)
{
    public Task<Member> AddMemberAsync(AddMember command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var member = new Member(Guid.NewGuid().ToString("D"), command.Name.Trim(), command.Organisation.Trim(), command.Group, command.From, command.To);
            await board.InsertMemberAsync(c, tx, member);
            return member;
        }, ct);

    /// <summary>Schedules a meeting; the board meets at most once a day.</summary>
    public Task<string> ScheduleMeetingAsync(DateOnly on, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            if (await board.MeetingOnAsync(c, tx, on) is { } existing)
                throw new AlreadyExists($"There is a Change Board meeting on {on:d MMMM yyyy} already ({existing}).");
            var id = Guid.NewGuid().ToString("D");
            await board.InsertMeetingAsync(c, tx, id, on);
            return id;
        }, ct);

    /// <summary>The first meeting after a date, with its agenda.</summary>
    public async Task<NextMeeting> NextMeetingAsync(DateOnly asOf, CancellationToken ct)
    {
        var (id, meetingOn) = await board.NextMeetingAsync(asOf, ct)
            ?? throw new NotFound($"No Change Board meeting is scheduled after {asOf:d MMMM yyyy}.");
        return new NextMeeting(id, meetingOn, await board.AgendaAsync(id, ct));
    }

    /// <summary>A modification in this context's read model of the register.</summary>
    public async Task<KnownModificationEntry> KnownModificationAsync(string? reference, CancellationToken ct)
    {
        var known = await KnownModifications.GetAsync(store, ModificationReference.Parse(reference, "reference.value"), ct);
        return new KnownModificationEntry(known.Reference, known.Title, known.RaisedOn);
    }
}
