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
    public int Version { get; init; }

    public bool IsSelfGoverned => Path is DecisionPath.SelfGovernance or DecisionPath.FastTrackSelfGovernance;

    /// <summary>
    /// A new open item on a meeting's agenda. A vote needs a path: the one given, else the one the
    /// register gave when it sent the modification for decision.
    /// </summary>
    public static AgendaItem Add(string meetingId, DateOnly meetingOn, string reference, AgendaItemKind kind, DecisionPath path, DecisionPath? readyPath)
    {
        if (kind == AgendaItemKind.ModificationVote && path == DecisionPath.None)
            path = readyPath ?? throw new InvalidFields("path", $"{reference} has not been sent for decision by the register; give its path");
        return new AgendaItem
        {
            Id = NewId(), MeetingId = meetingId, MeetingOn = meetingOn, Reference = reference,
            Kind = kind, Path = kind == AgendaItemKind.ModificationVote ? path : DecisionPath.None, Version = 1,
        };
    }

    private static string NewId() => Guid.NewGuid().ToString("D");

    private string Name => $"{Reference} ({(Kind == AgendaItemKind.ModificationVote ? "vote" : "Impact Assessment request")}, meeting of {MeetingOn:d MMMM yyyy})";

    /// <summary>A member votes; a second vote by the same member replaces the first while the vote is open.</summary>
    public AgendaItem Cast(Member member, VoteValue value)
    {
        if (Kind != AgendaItemKind.ModificationVote)
            throw new MoveNotAllowed($"{Name} is not a vote; the Change Board decides an Impact Assessment request without one.");
        if (Status != ItemStatus.Open)
            throw new MoveNotAllowed($"{Name} is {Status}; votes can be cast only while the vote is open.");
        if (!member.IsMemberOn(MeetingOn))
            throw new MoveNotAllowed($"{member.Name} was not a member of the Change Board on {MeetingOn:d MMMM yyyy} (member from {member.From:d MMMM yyyy}{(member.To is { } to ? $" to {to:d MMMM yyyy}" : "")}).");
        var votes = Votes.Select(v => v.MemberId == member.Id ? v with { Superseded = true } : v).ToList();
        votes.Add(new Vote(member.Id, member.Name, member.Group, value, Superseded: false));
        return this with { Votes = votes, Version = Version + 1 };
    }

    /// <summary>
    /// Closes the vote with the counting rule in force. A Self-Governance decision opens its referral
    /// window; on Paths 1 and 2 the vote is published as a recommendation to the Authority.
    /// </summary>
    public Changed<AgendaItem> Close(ICountingRule rule, Func<DateOnly, DateOnly> referralWindowEnd)
    {
        if (Kind != AgendaItemKind.ModificationVote || Status != ItemStatus.Open)
            throw new MoveNotAllowed($"{Name} is {Status}; only an open vote can be closed.");
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
            ReferralWindowEndsOn = IsSelfGoverned ? referralWindowEnd(MeetingOn) : null,
            Version = Version + 1,
        };
        return Changed.To(closed, IsSelfGoverned
            ? ReferralWindow.Open(closed)
            : Effects.Publish(new ModificationRecommended(Guid.NewGuid(), Reference, MeetingOn, outcome == Outcome.Approved)));
    }

    /// <summary>A party refers a Self-Governance decision to the Panel, within the window.</summary>
    public Changed<AgendaItem> Refer(string referredBy, DateOnly on)
    {
        if (!IsSelfGoverned)
            throw new MoveNotAllowed($"{Name} is on {Path}; its vote is a recommendation to the Authority and cannot be referred to the Panel.");
        if (ReferralWindowEndsOn is { } end && on > end)
            throw new MoveNotAllowed($"{Name}'s referral window ended on {end:d MMMM yyyy}; the decision stands.");
        if (Status != ItemStatus.Decided)
            throw new MoveNotAllowed($"{Name} is {Status}; only a Self-Governance decision in its referral window can be referred.");
        if (on < MeetingOn)
            throw new InvalidFields("referred_on", $"{on:yyyy-MM-dd} is before the decision on {MeetingOn:yyyy-MM-dd}");
        var by = referredBy.Trim();
        var referred = this with { Status = ItemStatus.Referred, ReferredBy = by, ReferredOn = on, Version = Version + 1 };
        return Changed.To(referred, ReferralWindow.Close(referred)
            .AndPublish(new ModificationReferred(Guid.NewGuid(), Reference, on, by, Outcome.ToDecision())));
    }

    /// <summary>The Panel upholds or overturns a referred decision; it is then final.</summary>
    public Changed<AgendaItem> DetermineReferral(bool upheld, DateOnly on)
    {
        if (Status != ItemStatus.Referred)
            throw new MoveNotAllowed($"{Name} is {Status}; only a referred decision can be determined.");
        if (on < ReferredOn)
            throw new InvalidFields("determined_on", $"{on:yyyy-MM-dd} is before the referral on {ReferredOn:yyyy-MM-dd}");
        var final = upheld ? Outcome : Outcome == Outcome.Approved ? Outcome.Rejected : Outcome.Approved;
        var determined = this with { Status = ItemStatus.Final, FinalOutcome = final, FinalOn = on, Version = Version + 1 };
        return Changed.To(determined, Effects.Publish(
            new ReferralDetermined(Guid.NewGuid(), Reference, on, upheld, final.ToDecision()), determined.FinalDecision()));
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
        ? new ModificationApproved(Guid.NewGuid(), Reference, FinalOn!.Value, "Change Board")
        : new ModificationRejected(Guid.NewGuid(), Reference, FinalOn!.Value, "Change Board");

    public Changed<AgendaItem> RecordAuthorityDecision(Outcome outcome, DateOnly on)
    {
        if (Status != ItemStatus.WithAuthority)
            throw new MoveNotAllowed($"{Name} is {Status}; only a modification with the Authority for decision can have the Authority's decision recorded.");
        if (outcome is not (Outcome.Approved or Outcome.Rejected or Outcome.SentBack))
            throw new InvalidFields("outcome", "must be approved, rejected or sent back");
        if (on < MeetingOn)
            throw new InvalidFields("decided_on", $"{on:yyyy-MM-dd} is before the Change Board's vote on {MeetingOn:yyyy-MM-dd}");
        var decided = this with { Status = ItemStatus.Final, FinalOutcome = outcome, FinalOn = on, Version = Version + 1 };
        return Changed.To(decided, Effects.Publish(new AuthorityDecided(Guid.NewGuid(), Reference, on, outcome.ToDecision())));
    }

    public Changed<AgendaItem> DecideImpactAssessmentRequest(Outcome outcome)
    {
        if (Kind != AgendaItemKind.ImpactAssessmentRequest || Status != ItemStatus.Open)
            throw new MoveNotAllowed($"{Name} is {Status}; only an open Impact Assessment request can be decided.");
        if (outcome is not (Outcome.Approved or Outcome.Rejected or Outcome.Deferred))
            throw new InvalidFields("outcome", "must be approved, rejected or deferred");
        var decided = this with { Status = ItemStatus.Final, Outcome = outcome, FinalOutcome = outcome, FinalOn = MeetingOn, Version = Version + 1 };
        return Changed.To(decided, Effects.Publish(new ImpactAssessmentRequestDecided(Guid.NewGuid(), Reference, MeetingOn, outcome.ToImpactRequestDecision())));
    }

    /// <summary>Carries an open item to a later meeting: this one is marked carried, and a new open item, without votes, goes on the later agenda.</summary>
    public (AgendaItem Carried, AgendaItem Next) CarryTo(string meetingId, DateOnly meetingOn)
    {
        if (Status != ItemStatus.Open)
            throw new MoveNotAllowed($"{Name} is {Status}; only an open item can be carried forward.");
        if (meetingOn <= MeetingOn)
            throw new MoveNotAllowed($"The meeting of {meetingOn:d MMMM yyyy} is not later than {MeetingOn:d MMMM yyyy}; items are carried to a later meeting.");
        return (this with { Status = ItemStatus.CarriedForward, CarriedTo = meetingId, Version = Version + 1 },
            this with { Id = NewId(), MeetingId = meetingId, MeetingOn = meetingOn, Votes = [], Version = 1 });
    }

    /// <summary>Cancelled because the modification was withdrawn; null when it was already decided or moved on.</summary>
    public AgendaItem? Cancel() => Status == ItemStatus.Open ? this with { Status = ItemStatus.Cancelled, Version = Version + 1 } : null;
}
