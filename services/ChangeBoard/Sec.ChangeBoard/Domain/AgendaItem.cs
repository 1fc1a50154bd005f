using Sec.BuildingBlocks.Domain;

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
/// request. Under Self-Governance a closed vote waits for the referral window before it is final;
/// on Paths 1 and 2 it is a recommendation and the Authority decides.
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

    /// <summary>Closes the vote with the counting rule in force.</summary>
    public AgendaItem Close(ICountingRule rule, Func<DateOnly, DateOnly> referralWindowEnd)
    {
        if (Kind != AgendaItemKind.ModificationVote || Status != ItemStatus.Open)
            throw new MoveNotAllowed($"{Name} is {Status}; only an open vote can be closed.");
        if (Path == DecisionPath.None)
            throw new MoveNotAllowed($"{Name} has no path; the vote's meaning depends on it.");
        var result = rule.Count(Votes);
        var outcome = result.Approved ? Outcome.Approved : Outcome.Rejected;
        return this with
        {
            Status = IsSelfGoverned ? ItemStatus.Decided : ItemStatus.WithAuthority,
            Outcome = outcome,
            Breakdown = result.Breakdown,
            CountingRule = rule.Name,
            ReferralWindowEndsOn = IsSelfGoverned ? referralWindowEnd(MeetingOn) : null,
            Version = Version + 1,
        };
    }

    /// <summary>A party refers a Self-Governance decision to the Panel, within the window.</summary>
    public AgendaItem Refer(string referredBy, DateOnly on)
    {
        if (!IsSelfGoverned)
            throw new MoveNotAllowed($"{Name} is on {Path}; its vote is a recommendation to the Authority and cannot be referred to the Panel.");
        if (ReferralWindowEndsOn is { } end && on > end)
            throw new MoveNotAllowed($"{Name}'s referral window ended on {end:d MMMM yyyy}; the decision stands.");
        if (Status != ItemStatus.Decided)
            throw new MoveNotAllowed($"{Name} is {Status}; only a Self-Governance decision in its referral window can be referred.");
        if (on < MeetingOn)
            throw new InvalidFields("referred_on", $"{on:yyyy-MM-dd} is before the decision on {MeetingOn:yyyy-MM-dd}");
        return this with { Status = ItemStatus.Referred, ReferredBy = referredBy.Trim(), ReferredOn = on, Version = Version + 1 };
    }

    /// <summary>The Panel upholds or overturns a referred decision; it is then final.</summary>
    public AgendaItem DetermineReferral(bool upheld, DateOnly on)
    {
        if (Status != ItemStatus.Referred)
            throw new MoveNotAllowed($"{Name} is {Status}; only a referred decision can be determined.");
        if (on < ReferredOn)
            throw new InvalidFields("determined_on", $"{on:yyyy-MM-dd} is before the referral on {ReferredOn:yyyy-MM-dd}");
        var final = upheld ? Outcome : Outcome == Outcome.Approved ? Outcome.Rejected : Outcome.Approved;
        return this with { Status = ItemStatus.Final, FinalOutcome = final, FinalOn = on, Version = Version + 1 };
    }

    /// <summary>The referral window ended with no referral: the decision stands. Null if there is nothing to do.</summary>
    public AgendaItem? WindowEnded() =>
        Status == ItemStatus.Decided
            ? this with { Status = ItemStatus.Final, FinalOutcome = Outcome, FinalOn = ReferralWindowEndsOn, Version = Version + 1 }
            : null;

    public AgendaItem RecordAuthorityDecision(Outcome outcome, DateOnly on)
    {
        if (Status != ItemStatus.WithAuthority)
            throw new MoveNotAllowed($"{Name} is {Status}; only a modification with the Authority for decision can have the Authority's decision recorded.");
        if (outcome is not (Outcome.Approved or Outcome.Rejected or Outcome.SentBack))
            throw new InvalidFields("outcome", "must be approved, rejected or sent back");
        if (on < MeetingOn)
            throw new InvalidFields("decided_on", $"{on:yyyy-MM-dd} is before the Change Board's vote on {MeetingOn:yyyy-MM-dd}");
        return this with { Status = ItemStatus.Final, FinalOutcome = outcome, FinalOn = on, Version = Version + 1 };
    }

    public AgendaItem DecideImpactAssessmentRequest(Outcome outcome)
    {
        if (Kind != AgendaItemKind.ImpactAssessmentRequest || Status != ItemStatus.Open)
            throw new MoveNotAllowed($"{Name} is {Status}; only an open Impact Assessment request can be decided.");
        if (outcome is not (Outcome.Approved or Outcome.Rejected or Outcome.Deferred))
            throw new InvalidFields("outcome", "must be approved, rejected or deferred");
        return this with { Status = ItemStatus.Final, Outcome = outcome, FinalOutcome = outcome, FinalOn = MeetingOn, Version = Version + 1 };
    }

    public AgendaItem CarryTo(string meetingId, DateOnly meetingOn)
    {
        if (Status != ItemStatus.Open)
            throw new MoveNotAllowed($"{Name} is {Status}; only an open item can be carried forward.");
        if (meetingOn <= MeetingOn)
            throw new MoveNotAllowed($"The meeting of {meetingOn:d MMMM yyyy} is not later than {MeetingOn:d MMMM yyyy}; items are carried to a later meeting.");
        return this with { Status = ItemStatus.CarriedForward, CarriedTo = meetingId, Version = Version + 1 };
    }

    /// <summary>Cancelled because the modification was withdrawn; null when it was already decided or moved on.</summary>
    public AgendaItem? Cancel() => Status == ItemStatus.Open ? this with { Status = ItemStatus.Cancelled, Version = Version + 1 } : null;
}
