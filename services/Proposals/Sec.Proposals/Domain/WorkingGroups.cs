namespace Sec.Proposals.Domain;

/// <summary>How often a Working Group meets.</summary>
public enum MeetingKind
{
    Monthly = 1,
    AdHoc = 2,
}

/// <summary>A Working Group meeting and its agenda of modifications.</summary>
public sealed record WorkingGroupMeeting(string WorkingGroup, DateOnly MeetingOn, MeetingKind Kind, IReadOnlyList<string> Agenda, DateOnly? AgendaConfirmedOn);

/// <summary>A Working Group's last meeting held and its next one, on a date.</summary>
public sealed record WorkingGroupSchedule(string WorkingGroup, string Theme, WorkingGroupMeeting? LastHeld, WorkingGroupMeeting? Next)
{
    /// <summary>The last meeting on or before <paramref name="asOf"/>, and the first after it.</summary>
    public static WorkingGroupSchedule On(string group, string theme, IEnumerable<WorkingGroupMeeting> meetings, DateOnly asOf)
    {
        var ordered = meetings.OrderBy(m => m.MeetingOn).ToList();
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

    public static void CheckMeeting(MeetingKind? kind, DateOnly meetingOn, DateOnly? agendaConfirmedOn, FieldChecks checks)
    {
        checks.Check(kind is not null, "kind", "must be monthly or ad hoc");
        if (agendaConfirmedOn is { } confirmed && meetingOn != default)
            checks.Check(confirmed <= meetingOn, "agenda_confirmed_on", $"{confirmed:yyyy-MM-dd} is after the meeting on {meetingOn:yyyy-MM-dd}");
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
