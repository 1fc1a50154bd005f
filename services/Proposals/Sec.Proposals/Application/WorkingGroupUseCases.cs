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

    /// <summary>
    /// Schedules (or records) a meeting. A second meeting of the group on the same date is another
    /// meeting, numbered after the first. Only modifications open on the meeting date go on its agenda.
    /// </summary>
    public Task<WorkingGroupMeeting> ScheduleMeetingAsync(string group, DateOnly meetingOn, MeetingKind kind, IReadOnlyList<ModificationReference> agenda, DateOnly? agendaConfirmedOn,
        string? outcome, CancellationToken ct) =>
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
            var meeting = new WorkingGroupMeeting(group.Trim(), meetingOn, kind, items.Select(p => p.Reference.Value).Order().ToList(), agendaConfirmedOn, Outcome: outcome);
            if (outcome is not null)
                WorkingGroupRules.CheckOutcome(meeting, clock.Today);
            meeting = await workingGroups.AddMeetingAsync(connection, tx, meeting, items.Select(p => p.Id));
            await store.AttributeAsync(connection, tx, new Attribution("ScheduleWorkingGroupMeeting", meeting.WorkingGroup, null, meetingOn), actor.Caller(), clock.UtcNow);
            return meeting;
        }, ct);

    /// <summary>Records what a meeting concluded, once held; the meeting is named by group, date and (when the group met more than once that day) number.</summary>
    public Task<WorkingGroupMeeting> RecordOutcomeAsync(string group, DateOnly meetingOn, int? number, string outcome, CancellationToken ct) =>
        store.InTransactionAsync(async (connection, tx) =>
        {
            if (!await workingGroups.ExistsAsync(connection, tx, group.Trim()))
                throw new NotFound($"There is no Working Group '{group.Trim()}'.");
            var meeting = WorkingGroupRules.Named(group.Trim(), meetingOn, number, await workingGroups.OnDateAsync(connection, tx, group.Trim(), meetingOn, ct));
            WorkingGroupRules.CheckOutcome(meeting, clock.Today);
            var recorded = meeting with { Outcome = outcome };
            await workingGroups.SaveOutcomeAsync(connection, tx, recorded);
            await store.AttributeAsync(connection, tx, new Attribution("RecordWorkingGroupMeetingOutcome", recorded.WorkingGroup, null, meetingOn), actor.Caller(), clock.UtcNow);
            return recorded;
        }, ct);

    /// <summary>Meetings by date, group and number, each with its agenda and outcome.</summary>
    public Task<IReadOnlyList<WorkingGroupMeeting>> ListMeetingsAsync(string? group, DateOnly? from, DateOnly? to, CancellationToken ct) =>
        workingGroups.ListAsync(group, from, to, ct);

    /// <summary>Every group with its last meeting held and its next one on <paramref name="asOf"/>.</summary>
    public Task<IReadOnlyList<WorkingGroupSchedule>> ScheduleOnAsync(DateOnly asOf, CancellationToken ct) => workingGroups.ScheduleOnAsync(asOf, ct);
}
