using Sec.Contracts;

namespace Sec.ChangeBoard.Domain;

/// <summary>What an agenda item is.</summary>
public enum AgendaItemKind
{
    ModificationVote = 1,
    ImpactAssessmentRequest = 2,
}

/// <summary>Where an agenda item stands.</summary>
public enum ItemStatus
{
    Open = 1,
    CarriedForward = 2,
    Decided = 3,
    Referred = 4,
    Final = 5,
    WithAuthority = 6,
    Cancelled = 7,
}

/// <summary>
/// An item on a Change Board meeting's agenda: a vote on a modification, or an Impact Assessment
/// request. Under Self-Governance a closed vote waits for the <see cref="ReferralWindow"/> before it
/// is final; on Paths 1 and 2 it is a recommendation and the Authority decides. The steps return the
/// events and deadlines they cause with the next state.
/// </summary>
public sealed record AgendaItem
{
    public string Id { get; init; } = "";
    public string MeetingId { get; init; } = "";
    public DateOnly MeetingOn { get; init; }
    public string Reference { get; init; } = "";
    public AgendaItemKind Kind { get; init; }
    public DecisionPath Path { get; init; }
    public ItemStatus Status { get; init; } = ItemStatus.Open;
    public Outcome Outcome { get; init; }
    public IReadOnlyList<GroupTally> Breakdown { get; init; } = [];
    public IReadOnlyList<Vote> Votes { get; init; } = [];
    public string? CountingRule { get; init; }
    public DateOnly? ReferralWindowEndsOn { get; init; }
    public string? ReferredBy { get; init; }
    public DateOnly? ReferredOn { get; init; }
    public Outcome FinalOutcome { get; init; }
    public DateOnly? FinalOn { get; init; }
    public string? CarriedTo { get; init; }

    /// <summary>The date of the withdrawal that cancelled the item, so reversing that withdrawal brings it back.</summary>
    public DateOnly? CancelledOn { get; init; }

    /// <summary>When the vote was closed or the request decided, if after the meeting; null means at the meeting.</summary>
    public DateOnly? DecidedOn { get; init; }
    public int Version { get; init; }

    public bool IsSelfGoverned => Path is DecisionPath.SelfGovernance or DecisionPath.FastTrackSelfGovernance;

    /// <summary>
    /// A new open item on a meeting's agenda, as the register allows it on the meeting's date: a vote
    /// only on a modification awaiting the Change Board's decision, on its own path (the register's
    /// when none is given); an Impact Assessment request only on one not yet concluded.
    /// </summary>
    public static AgendaItem Add(string meetingId, DateOnly meetingOn, RegisterView register, AgendaItemKind kind, DecisionPath path)
    {
        RequireOnAgenda(register, meetingOn, kind);
        if (kind == AgendaItemKind.ModificationVote)
            path = RegisterAgreement.PathFor(register, meetingOn, path);
        return new AgendaItem
        {
            Id = NewIds.Row(), MeetingId = meetingId, MeetingOn = meetingOn, Reference = register.Reference,
            Kind = kind, Path = kind == AgendaItemKind.ModificationVote ? path : DecisionPath.None, Version = 1,
        };
    }

    /// <summary>What the register must say on a meeting's day for an item of <paramref name="kind"/> to be on its agenda.</summary>
    private static void RequireOnAgenda(RegisterView register, DateOnly meetingOn, AgendaItemKind kind)
    {
        if (kind == AgendaItemKind.ModificationVote)
            RegisterAgreement.RequireBeforeTheBoard(register, meetingOn, "a Change Board vote");
        else
            RegisterAgreement.RequireOpen(register, meetingOn);
    }

    private string Name => $"{Reference} ({(Kind == AgendaItemKind.ModificationVote ? "vote" : "Impact Assessment request")}, meeting of {MeetingOn:d MMMM yyyy})";

    /// <summary>
    /// A member votes; a second vote by the same member replaces the first while the vote is open.
    /// Only once the meeting is held, at the meeting or after it (by correspondence), never in the
    /// future, and while the register has the modification before the Board on that date.
    /// </summary>
    public AgendaItem Cast(Member member, VoteValue value, RegisterView register, DateOnly? castOn, DateOnly today)
    {
        if (Kind != AgendaItemKind.ModificationVote)
            throw new MoveNotAllowed($"{Name} is not a vote; the Change Board decides an Impact Assessment request without one.");
        if (Status != ItemStatus.Open)
            throw new MoveNotAllowed($"{Name} is {Status}; votes can be cast only while the vote is open.");
        RegisterAgreement.RequireHeld(MeetingOn, today, "a vote");
        var on = OnOrAfterTheMeeting(castOn, today, "cast_on");
        RegisterAgreement.RequireBeforeTheBoard(register, on, "a vote");
        if (!member.IsMemberOn(MeetingOn))
            throw new MoveNotAllowed($"{member.Name} was not a member of the Change Board on {MeetingOn:d MMMM yyyy} (member from {member.From:d MMMM yyyy}{(member.To is { } to ? $" to {to:d MMMM yyyy}" : "")}).");
        var votes = Votes.Select(v => v.MemberId == member.Id ? v with { Superseded = true } : v).ToList();
        votes.Add(new Vote(member.Id, member.Name, member.Group, value, Superseded: false, castOn is null || on == MeetingOn ? null : on));
        return this with { Votes = votes, Version = Version + 1 };
    }

    /// <summary>A decision's own date: the meeting's when none is given; never before the meeting nor in the future.</summary>
    private DateOnly OnOrAfterTheMeeting(DateOnly? given, DateOnly today, string field)
    {
        var on = given ?? MeetingOn;
        if (on < MeetingOn)
            throw new InvalidFields(field, $"{on:yyyy-MM-dd} is before the meeting of {MeetingOn:yyyy-MM-dd}");
        RegisterAgreement.RequireNotFuture(on, today, field);
        return on;
    }

    /// <summary>
    /// Closes the vote with the counting rule in force. A Self-Governance decision opens its referral
    /// window from the day it closes; on Paths 1 and 2 the vote is published as a recommendation to the
    /// Authority, dated that day. It closes at the meeting or after it (never before a vote it counts,
    /// never in the future), while the register has the modification before the Board on that date.
    /// </summary>
    public Changed<AgendaItem> Close(ICountingRule rule, Func<DateOnly, DateOnly> referralWindowEnd, RegisterView register, DateOnly? closedOn, DateOnly today)
    {
        if (Kind != AgendaItemKind.ModificationVote || Status != ItemStatus.Open)
            throw new MoveNotAllowed($"{Name} is {Status}; only an open vote can be closed.");
        RegisterAgreement.RequireHeld(MeetingOn, today, "closing the vote");
        var on = OnOrAfterTheMeeting(closedOn, today, "closed_on");
        if (Votes.Where(v => !v.Superseded).Select(v => v.CastOn ?? MeetingOn).DefaultIfEmpty(MeetingOn).Max() is var lastVote && lastVote > on)
            throw new InvalidFields("closed_on", $"{on:yyyy-MM-dd} is before a vote it counts, cast on {lastVote:yyyy-MM-dd}");
        RegisterAgreement.RequireBeforeTheBoard(register, on, "closing the vote");
        if (Path == DecisionPath.None)
            throw new MoveNotAllowed($"{Name} has no path; the vote's meaning depends on it.");
        var result = rule.Count(Votes);
        var outcome = result.Approved ? Outcome.Approved : Outcome.Rejected;
        var closed = this with
        {
            Status = IsSelfGoverned ? ItemStatus.Decided : ItemStatus.WithAuthority,
            Outcome = outcome,
            Breakdown = result.Breakdown,
            CountingRule = rule.Name,
            ReferralWindowEndsOn = IsSelfGoverned ? referralWindowEnd(on) : null,
            DecidedOn = on == MeetingOn ? null : on,
            Version = Version + 1,
        };
        return Changed.To(closed, IsSelfGoverned
            ? ReferralWindow.Open(closed)
            : Effects.Publish(new ModificationRecommended(NewIds.Message(), Reference, on, outcome == Outcome.Approved)));
    }

    /// <summary>
    /// A party refers a Self-Governance decision to the Panel, effective within the window, whenever
    /// it is recorded: the window is judged by the referral's date, not by when its timer fired. If
    /// the timer has already made the decision final, the referral reopens it (the register and every
    /// context take the decision back) unless the modification is implemented.
    /// </summary>
    public Changed<AgendaItem> Refer(string referredBy, DateOnly on, RegisterView register, DateOnly today)
    {
        if (!IsSelfGoverned)
            throw new MoveNotAllowed($"{Name} is on {Path}; its vote is a recommendation to the Authority and cannot be referred to the Panel.");
        RegisterAgreement.RequireNotFuture(on, today, "referred_on");
        if (ReferralWindowEndsOn is { } end && on > end)
            throw new MoveNotAllowed($"{Name}'s referral window ended on {end:d MMMM yyyy}; the decision stands.");
        var reopens = IsFinalByItsWindow;
        if (Status != ItemStatus.Decided && !reopens)
            throw new MoveNotAllowed($"{Name} is {Status}; only a Self-Governance decision in its referral window can be referred.");
        // A vote closed by correspondence was decided after its meeting.
        if (on < (DecidedOn ?? MeetingOn))
            throw new InvalidFields("referred_on", $"{on:yyyy-MM-dd} is before the decision on {DecidedOn ?? MeetingOn:yyyy-MM-dd}");
        var by = referredBy.Trim();
        var referred = this with { Status = ItemStatus.Referred, ReferredBy = by, ReferredOn = on, FinalOutcome = Outcome.None, FinalOn = null, Version = Version + 1 };
        var referral = new ModificationReferred(NewIds.Message(), Reference, on, by, Outcome.ToDecision());
        if (!reopens)
            return Changed.To(referred, ReferralWindow.Close(referred).AndPublish(referral));
        RegisterAgreement.RequireNotImplemented(register, $"a referral by {by}");
        var reason = $"Referred to the Panel by {by} on {on:d MMMM yyyy}, inside the referral window that ended on {ReferralWindowEndsOn:d MMMM yyyy}; "
            + $"the decision was final by the window's end and is open again.";
        return Changed.To(referred, Effects.Publish(
            new ModificationDecisionReopened(NewIds.Message(), Reference, on, FinalOutcome.ToDecision(), reason), referral));
    }

    /// <summary>Final because its referral window ended with no referral (not by the Panel's determination).</summary>
    private bool IsFinalByItsWindow =>
        Status == ItemStatus.Final && IsSelfGoverned && ReferredBy is null && FinalOn is { } final && final == ReferralWindowEndsOn;

    /// <summary>The Panel upholds or overturns a referred decision; it is then final.</summary>
    public Changed<AgendaItem> DetermineReferral(bool upheld, DateOnly on, DateOnly today)
    {
        if (Status != ItemStatus.Referred)
            throw new MoveNotAllowed($"{Name} is {Status}; only a referred decision can be determined.");
        if (on < ReferredOn)
            throw new InvalidFields("determined_on", $"{on:yyyy-MM-dd} is before the referral on {ReferredOn:yyyy-MM-dd}");
        RegisterAgreement.RequireNotFuture(on, today, "determined_on");
        var final = upheld ? Outcome : Outcome == Outcome.Approved ? Outcome.Rejected : Outcome.Approved;
        var determined = this with { Status = ItemStatus.Final, FinalOutcome = final, FinalOn = on, Version = Version + 1 };
        return Changed.To(determined, Effects.Publish(
            new ReferralDetermined(NewIds.Message(), Reference, on, upheld, final.ToDecision()), determined.FinalDecision()));
    }

    /// <summary>The referral window ended with no referral: the decision stands and is published. Null if there is nothing to do.</summary>
    public Changed<AgendaItem>? WindowEnded()
    {
        if (Status != ItemStatus.Decided)
            return null;
        var final = this with { Status = ItemStatus.Final, FinalOutcome = Outcome, FinalOn = ReferralWindowEndsOn, Version = Version + 1 };
        return Changed.To(final, Effects.Publish(final.FinalDecision()));
    }

    /// <summary>A final Self-Governance decision as the register hears it.</summary>
    private IIntegrationEvent FinalDecision() => FinalOutcome == Outcome.Approved
        ? new ModificationApproved(NewIds.Message(), Reference, FinalOn!.Value, "Change Board")
        : new ModificationRejected(NewIds.Message(), Reference, FinalOn!.Value, "Change Board");

    /// <summary>The Authority decides a modification the register has with it on the decision's date; never in the future.</summary>
    public Changed<AgendaItem> RecordAuthorityDecision(Outcome outcome, DateOnly on, RegisterView register, DateOnly today)
    {
        if (Status != ItemStatus.WithAuthority)
            throw new MoveNotAllowed($"{Name} is {Status}; only a modification with the Authority for decision can have the Authority's decision recorded.");
        if (outcome is not (Outcome.Approved or Outcome.Rejected or Outcome.SentBack))
            throw new InvalidFields("outcome", "must be approved, rejected or sent back");
        if (on < (DecidedOn ?? MeetingOn))
            throw new InvalidFields("decided_on", $"{on:yyyy-MM-dd} is before the Change Board's recommendation on {DecidedOn ?? MeetingOn:yyyy-MM-dd}");
        RegisterAgreement.RequireNotFuture(on, today, "decided_on");
        RegisterAgreement.RequireWithTheAuthority(register, on);
        var decided = this with { Status = ItemStatus.Final, FinalOutcome = outcome, FinalOn = on, Version = Version + 1 };
        return Changed.To(decided, Effects.Publish(new AuthorityDecided(NewIds.Message(), Reference, on, outcome.ToDecision())));
    }

    /// <summary>
    /// The Change Board decides an Impact Assessment request at its meeting, or after it by
    /// correspondence: once the meeting is held, never before it nor in the future.
    /// </summary>
    public Changed<AgendaItem> DecideImpactAssessmentRequest(Outcome outcome, DateOnly? decidedOn, DateOnly today)
    {
        if (Kind != AgendaItemKind.ImpactAssessmentRequest || Status != ItemStatus.Open)
            throw new MoveNotAllowed($"{Name} is {Status}; only an open Impact Assessment request can be decided.");
        RegisterAgreement.RequireHeld(MeetingOn, today, "deciding an Impact Assessment request");
        if (outcome is not (Outcome.Approved or Outcome.Rejected or Outcome.Deferred))
            throw new InvalidFields("outcome", "must be approved, rejected or deferred");
        var on = OnOrAfterTheMeeting(decidedOn, today, "decided_on");
        var decided = this with
        {
            Status = ItemStatus.Final, Outcome = outcome, FinalOutcome = outcome, FinalOn = on,
            DecidedOn = on == MeetingOn ? null : on, Version = Version + 1,
        };
        return Changed.To(decided, Effects.Publish(new ImpactAssessmentRequestDecided(NewIds.Message(), Reference, on, outcome.ToImpactRequestDecision())));
    }

    /// <summary>
    /// Carries an open item to a later meeting, as the register allows it on that meeting's date (as for
    /// an item added there): this one is marked carried, and a new open item, without votes, goes on the later agenda.
    /// </summary>
    /// <remarks>
    /// A deferred Impact Assessment request is carried the same way: the deferral stays on this
    /// meeting's item, and the later meeting decides the request afresh.
    /// </remarks>
    public (AgendaItem Carried, AgendaItem Next) CarryTo(string meetingId, DateOnly meetingOn, RegisterView register)
    {
        var deferred = Kind == AgendaItemKind.ImpactAssessmentRequest && Status == ItemStatus.Final && FinalOutcome == Outcome.Deferred;
        if (Status != ItemStatus.Open && !deferred)
            throw new MoveNotAllowed($"{Name} is {Status}; only an open item or a deferred Impact Assessment request can be carried forward.");
        if (meetingOn <= MeetingOn)
            throw new MoveNotAllowed($"The meeting of {meetingOn:d MMMM yyyy} is not later than {MeetingOn:d MMMM yyyy}; items are carried to a later meeting.");
        RequireOnAgenda(register, meetingOn, Kind);
        return (this with { Status = ItemStatus.CarriedForward, CarriedTo = meetingId, Version = Version + 1 },
            this with
            {
                Id = NewIds.Row(), MeetingId = meetingId, MeetingOn = meetingOn, Votes = [], Version = 1,
                Status = ItemStatus.Open, Outcome = default, FinalOutcome = default, FinalOn = null, DecidedOn = null,
            });
    }

    /// <summary>Cancelled because the modification was withdrawn on <paramref name="withdrawnOn"/>; null when it was already decided or moved on.</summary>
    public AgendaItem? Cancel(DateOnly withdrawnOn) =>
        Status == ItemStatus.Open ? this with { Status = ItemStatus.Cancelled, CancelledOn = withdrawnOn, Version = Version + 1 } : null;

    /// <summary>Open again because the withdrawal that cancelled it was reversed; null when another withdrawal, or none, cancelled it.</summary>
    public AgendaItem? Reinstate(DateOnly withdrawnOn) =>
        Status == ItemStatus.Cancelled && CancelledOn == withdrawnOn ? this with { Status = ItemStatus.Open, CancelledOn = null, Version = Version + 1 } : null;
}
