using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;
using Sec.BuildingBlocks.ReadModels;

namespace Sec.ChangeBoard.Application;

/// <summary>The board itself: its members, its meetings, and what it knows of the register. Each write records who made it.</summary>
public sealed class BoardUseCases(ChangeBoardStore store, ChangeBoardRepository board, ICurrentActor actor, IClock clock)
{
    public Task<Member> AddMemberAsync(AddMember command, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            var member = new Member(NewIds.Row(), command.Name.Trim(), command.Organisation.Trim(), command.Group, command.From, command.To);
            await board.InsertMemberAsync(c, tx, member);
            await store.AttributeAsync(c, tx, new Attribution(nameof(AddMember), member.Id, null, member.From), actor.Caller(), clock.UtcNow);
            return member;
        }, ct);

    /// <summary>Schedules a meeting; the board meets at most once a day.</summary>
    public Task<string> ScheduleMeetingAsync(DateOnly on, CancellationToken ct) =>
        store.InTransactionAsync(async (c, tx) =>
        {
            if (await board.MeetingOnAsync(c, tx, on) is { } existing)
                throw new AlreadyExists($"There is a Change Board meeting on {on:d MMMM yyyy} already ({existing}).");
            var id = NewIds.Row();
            await board.InsertMeetingAsync(c, tx, id, on);
            await store.AttributeAsync(c, tx, new Attribution("ScheduleMeeting", id, null, on), actor.Caller(), clock.UtcNow);
            return id;
        }, ct);

    /// <summary>The first meeting after a date, with its agenda.</summary>
    public async Task<NextMeeting> NextMeetingAsync(DateOnly asOf, CancellationToken ct)
    {
        var (id, meetingOn) = await board.NextMeetingAsync(asOf, ct)
            ?? throw new NotFound($"No Change Board meeting is scheduled after {asOf:d MMMM yyyy}.");
        return new NextMeeting(id, meetingOn, await board.AgendaAsync(id, ct));
    }

    /// <summary>Every member, past and present, by name.</summary>
    public Task<IReadOnlyList<Member>> MembersAsync(CancellationToken ct) => board.MembersAsync(ct);

    /// <summary>The meetings in a period, by date, each with its agenda (read in two queries, not one per meeting).</summary>
    public async Task<IReadOnlyList<ScheduledMeeting>> MeetingsAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var meetings = await board.MeetingsAsync(from, to, ct);
        if (meetings.Count == 0)
            return [];
        var agendas = (await board.AgendasAsync(from, to, ct)).ToLookup(i => i.MeetingId);
        return meetings.Select(m => new ScheduledMeeting(m.Id, m.MeetingOn, agendas[m.Id].ToList())).ToList();
    }

    /// <summary>
    /// A modification in this context's view of the register, once the view holds its history: the
    /// board checks every command against it, so until then the modification is not known here.
    /// </summary>
    public async Task<KnownModificationEntry> KnownModificationAsync(string? reference, CancellationToken ct)
    {
        var parsed = ModificationReference.Parse(reference, "reference.value");
        var view = await store.ReadAsync(c => KnownModifications.FindViewAsync(c, null, store.Schema, parsed.Value), ct);
        return view is { HasHistory: true }
            ? new KnownModificationEntry(view.Reference, view.Title, view.RaisedOn)
            : throw new NotFound($"{parsed} is not known to the changeboard context{(view is null ? "" : " with its history")}; it learns of modifications from the register's events.");
    }
}
