using Sec.BuildingBlocks.Application;
using Sec.BuildingBlocks.Hosting;
using Sec.Proposals.Storage;

namespace Sec.Proposals.Application;

/// <summary>Working Groups: creating them, scheduling their meetings with agendas, and their schedule on a date.</summary>
public sealed class WorkingGroupUseCases(ProposalsStore store, WorkingGroupRepository workingGroups, ProposalRepository proposals, ICurrentActor actor, IClock clock)
{
    /// <summary>Creates a Working Group; it has no business date of its own, so its attribution carries none.</summary>
    public Task CreateAsync(string name, string theme, CancellationToken ct) =>
        store.InTransactionAsync(async (connection, tx) =>
        {
            if (await workingGroups.ExistsAsync(connection, tx, name.Trim()))
                throw new AlreadyExists($"Working Group '{name.Trim()}' exists already.");
            await workingGroups.InsertAsync(connection, tx, name.Trim(), theme.Trim());
            await store.AttributeAsync(connection, tx, new Attribution("CreateWorkingGroup", name.Trim(), null, null), actor.Caller(), clock.UtcNow);
        }, ct);

    /// <summary>Schedules a meeting, or replaces the agenda of the group's meeting on that date. Only modifications open on the meeting date go on it.</summary>
    public Task<WorkingGroupMeeting> ScheduleMeetingAsync(string group, DateOnly meetingOn, MeetingKind kind, IReadOnlyList<ModificationReference> agenda, DateOnly? agendaConfirmedOn, CancellationToken ct) =>
        store.InTransactionAsync(async (connection, tx) =>
        {
            if (!await workingGroups.ExistsAsync(connection, tx, group.Trim()))
                throw new NotFound($"There is no Working Group '{group.Trim()}'; create it first.");
            var items = new List<Proposal>();
            foreach (var reference in agenda.Distinct())
            {
                var proposal = await proposals.LoadAsync(connection, tx, reference, ct);
                WorkingGroupRules.CheckOnAgenda(proposal, meetingOn);
                items.Add(proposal);
            }
            var meeting = new WorkingGroupMeeting(group.Trim(), meetingOn, kind, items.Select(p => p.Reference.Value).ToList(), agendaConfirmedOn);
            await workingGroups.SaveMeetingAsync(connection, tx, meeting, items.Select(p => p.Id));
            await store.AttributeAsync(connection, tx, new Attribution("ScheduleWorkingGroupMeeting", meeting.WorkingGroup, null, meetingOn), actor.Caller(), clock.UtcNow);
            return meeting;
        }, ct);

    /// <summary>Every group with its last meeting held and its next one on <paramref name="asOf"/>.</summary>
    public Task<IReadOnlyList<WorkingGroupSchedule>> ScheduleOnAsync(DateOnly asOf, CancellationToken ct) => workingGroups.ScheduleOnAsync(asOf, ct);
}
