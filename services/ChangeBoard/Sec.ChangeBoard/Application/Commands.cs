namespace Sec.ChangeBoard.Application;

/// <summary>A new Change Board member, in one voting group from a date (to a date, if the membership has ended).</summary>
public sealed record AddMember(string Name, string Organisation, VotingGroup Group, DateOnly From, DateOnly? To);

/// <summary>Puts a modification on a meeting's agenda; a vote's path may be left to the register's (<see cref="DecisionPath.None"/>).</summary>
public sealed record AddAgendaItem(string MeetingId, ModificationReference Reference, AgendaItemKind Kind, DecisionPath Path);

public sealed record CarryForward(string ItemId, string ToMeetingId);

public sealed record CastVote(string ItemId, string MemberId, VoteValue Value, DateOnly? CastOn = null);

public sealed record CloseVote(string ItemId, DateOnly? ClosedOn = null);

public sealed record ReferDecision(string ItemId, string ReferredBy, DateOnly ReferredOn);

public sealed record DetermineReferral(string ItemId, bool Upheld, DateOnly DeterminedOn);

public sealed record RecordAuthorityDecision(string ItemId, Outcome Outcome, DateOnly DecidedOn);

public sealed record DecideImpactAssessmentRequest(string ItemId, Outcome Outcome, DateOnly? DecidedOn = null);

/// <summary>The register sent a modification for decision on a path.</summary>
public sealed record ReadyForDecision(string Reference, DecisionPath Path, DateOnly ReadyOn);

/// <summary>The next meeting and its agenda.</summary>
public sealed record NextMeeting(string Id, DateOnly MeetingOn, IReadOnlyList<AgendaItem> Agenda);

/// <summary>A meeting and its agenda, as the meeting list shows it.</summary>
public sealed record ScheduledMeeting(string Id, DateOnly MeetingOn, IReadOnlyList<AgendaItem> Agenda);

/// <summary>A modification as this context knows it from the register's events.</summary>
public sealed record KnownModificationEntry(string Reference, string Title, DateOnly RaisedOn);
