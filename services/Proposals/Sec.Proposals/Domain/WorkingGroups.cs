namespace Sec.Proposals.Domain;

/// <summary>How often a Working Group meets.</summary>
public enum MeetingKind
{
    Monthly = 1,
    AdHoc = 2,
}

/// <summary>
/// A Working Group meeting and its agenda of modifications. A group may meet more than once a day
/// (an ad-hoc meeting beside the monthly one): <paramref name="Number"/> tells them apart, 1 for the first.
/// </summary>
public sealed record WorkingGroupMeeting(string WorkingGroup, DateOnly MeetingOn, MeetingKind Kind, IReadOnlyList<string> Agenda, DateOnly? AgendaConfirmedOn,
    int Number = 1, string? Outcome = null)
{
    /// <summary>How the meeting is named to people: "WG1 on 5 August 2020", with its number when it was not the day's only one.</summary>
    public string Name(int meetingsThatDay) => $"{WorkingGroup} on {MeetingOn:d MMMM yyyy}{(meetingsThatDay > 1 ? $" (meeting {Number})" : "")}";
}

/// <summary>A Working Group's last meeting held and its next one, on a date.</summary>
public sealed record WorkingGroupSchedule(string WorkingGroup, string Theme, WorkingGroupMeeting? LastHeld, WorkingGroupMeeting? Next)
{
    /// <summary>The last meeting on or before <paramref name="asOf"/>, and the first after it.</summary>
    public static WorkingGroupSchedule On(string group, string theme, IEnumerable<WorkingGroupMeeting> meetings, DateOnly asOf)
    {
        var ordered = meetings.OrderBy(m => m.MeetingOn).ThenBy(m => m.Number).ToList();
        return new(group, theme, ordered.LastOrDefault(m => m.MeetingOn <= asOf), ordered.FirstOrDefault(m => m.MeetingOn > asOf));
    }
}

/// <summary>The rules for Working Groups and their agendas.</summary>
public static class WorkingGroupRules
{
    /// <summary>A monthly agenda carries a handful of modifications; a hundred is more than a meeting could discuss.</summary>
    public const int MaxAgendaItems = 100;

    public static void CheckGroup(string name, string theme, FieldChecks checks) =>
        checks.RequiredText(name, "name", 100).RequiredText(theme, "theme", 400);

    /// <summary>An outcome is a few paragraphs of minutes at most.</summary>
    public const int MaxOutcomeLength = 4000;

    public static void CheckMeeting(MeetingKind? kind, DateOnly meetingOn, DateOnly? agendaConfirmedOn, FieldChecks checks)
    {
        checks.Check(kind is not null, "kind", "must be monthly or ad hoc");
        if (agendaConfirmedOn is { } confirmed && meetingOn != default)
            checks.Check(confirmed <= meetingOn, "agenda_confirmed_on", $"{confirmed:yyyy-MM-dd} is after the meeting on {meetingOn:yyyy-MM-dd}");
    }

    /// <summary>
    /// The one meeting of the group on the date that a caller names: by its number, or with none
    /// given, the day's only meeting. Two that day and no number is refused naming both.
    /// </summary>
    public static WorkingGroupMeeting Named(string group, DateOnly meetingOn, int? number, IReadOnlyList<WorkingGroupMeeting> thatDay)
    {
        if (thatDay.Count == 0)
            throw new NotFound($"{group} has no meeting on {meetingOn:d MMMM yyyy}.");
        if (number is { } n)
            return thatDay.SingleOrDefault(m => m.Number == n)
                ?? throw new NotFound($"{group} has no meeting {n} on {meetingOn:d MMMM yyyy}; it met {thatDay.Count} time{(thatDay.Count == 1 ? "" : "s")} that day.");
        if (thatDay.Count > 1)
            throw new MoveNotAllowed($"{group} met {thatDay.Count} times on {meetingOn:d MMMM yyyy} (meetings {string.Join(" and ", thatDay.Select(m => m.Number))}); give the meeting's number.");
        return thatDay[0];
    }

    /// <summary>A meeting's outcome is recorded once it has been held.</summary>
    public static void CheckOutcome(WorkingGroupMeeting meeting, DateOnly today)
    {
        if (meeting.MeetingOn > today)
            throw new MoveNotAllowed($"{meeting.WorkingGroup}'s meeting on {meeting.MeetingOn:d MMMM yyyy} has not been held yet; its outcome is recorded after it.");
    }

    /// <summary>A modification can be on an agenda only while it is open on the meeting date.</summary>
    public static void CheckOnAgenda(Proposal proposal, DateOnly meetingOn)
    {
        var then = proposal.AsOf(meetingOn);
        if (then is null)
            throw new MoveNotAllowed($"{proposal.Reference} was raised on {proposal.RaisedOn:d MMMM yyyy}, after the meeting on {meetingOn:d MMMM yyyy}; it cannot be on that agenda.");
        if (Lifecycle.IsTerminal(then.State.Stage))
            throw new MoveNotAllowed($"{proposal.Reference} was {then.Status} on {meetingOn:d MMMM yyyy}; only open modifications go on a Working Group agenda.");
    }
}
