using Sec.Identity;

namespace Sec.ChangeBoard.Domain;

/// <summary>The Change Board's voting groups; each member votes in one.</summary>
public enum VotingGroup
{
    LargeSupplier = 1,
    SmallSupplier = 2,
    ElectricityNetwork = 3,
    GasNetwork = 4,
    OtherSecParties = 5,
    Consumer = 6,
}

/// <summary>A member's vote.</summary>
public enum VoteValue
{
    Approve = 1,
    Reject = 2,
    Abstain = 3,
}

/// <summary>A decision, or a group's position.</summary>
public enum Outcome
{
    None = 0,
    Approved = 1,
    Rejected = 2,
    Deferred = 3,
    SentBack = 4,
}

/// <summary>The board's outcomes as the integration events carry them.</summary>
public static class Outcomes
{
    public static DecisionOutcome ToDecision(this Outcome outcome) => outcome switch
    {
        Outcome.Approved => DecisionOutcome.Approved,
        Outcome.Rejected => DecisionOutcome.Rejected,
        Outcome.SentBack => DecisionOutcome.SentBack,
        _ => throw new InvalidOperationException($"{outcome} is not a decision on a modification."),
    };

    public static ImpactAssessmentRequestOutcome ToImpactRequestDecision(this Outcome outcome) => outcome switch
    {
        Outcome.Approved => ImpactAssessmentRequestOutcome.Approved,
        Outcome.Rejected => ImpactAssessmentRequestOutcome.Rejected,
        Outcome.Deferred => ImpactAssessmentRequestOutcome.Deferred,
        _ => throw new InvalidOperationException($"{outcome} is not a decision on an Impact Assessment request."),
    };
}

/// <summary>A Change Board member, in one voting group for a span of dates.</summary>
public sealed record Member(string Id, string Name, string Organisation, VotingGroup Group, DateOnly From, DateOnly? To)
{
    public bool IsMemberOn(DateOnly date) => From <= date && (To is null || date <= To);

    /// <summary>A member votes only as itself and only in its own group: the caller's name and voting-group claim must be this member's.</summary>
    public void RequireVotedBy(Caller caller)
    {
        var name = caller.Actor.Name;
        if (!string.Equals(name.Trim(), Name.Trim(), StringComparison.OrdinalIgnoreCase))
            throw new NotPermitted($"{name} may vote only as themselves; member {Id} is {Name}.");
        var group = SecClaims.VotingGroupOf(Group.ToString());
        if (!string.Equals(caller.VotingGroup?.Trim(), group, StringComparison.OrdinalIgnoreCase))
            throw new NotPermitted($"{name} votes in {(caller.VotingGroup is { } claim ? $"the {claim} group" : "no group")}; {Name} is in {group}.");
    }
}

/// <summary>
/// One vote as kept: a changed vote supersedes the earlier one, which stays in the history. A vote
/// cast after its meeting (by correspondence) carries its own date; null means at the meeting.
/// </summary>
public sealed record Vote(string MemberId, string MemberName, VotingGroup Group, VoteValue Value, bool Superseded, DateOnly? CastOn = null);

/// <summary>One group's count and position in a closed vote.</summary>
public sealed record GroupTally(VotingGroup Group, int Approve, int Reject, int Abstain)
{
    /// <summary>The majority of the group's members who voted; abstentions are not counted and a tie gives no position.</summary>
    public Outcome Position => Approve > Reject ? Outcome.Approved : Reject > Approve ? Outcome.Rejected : Outcome.None;
}

/// <summary>A vote's result: approved or not, and the per-group breakdown.</summary>
public sealed record CountResult(bool Approved, IReadOnlyList<GroupTally> Breakdown);

/// <summary>
/// How a closed vote counts. The rule in force is named by configuration
/// (<c>ChangeBoard:CountingRule</c>), so an operator can change it without a code change.
/// </summary>
public interface ICountingRule
{
    string Name { get; }

    CountResult Count(IReadOnlyList<Vote> votes);
}

/// <summary>The default, from the SEC: a group's position is its voters' majority; approved when more groups approve than reject.</summary>
public sealed class GroupMajorityRule : ICountingRule
{
    public const string RuleName = "group-majority";

    public string Name => RuleName;

    public CountResult Count(IReadOnlyList<Vote> votes)
    {
        var breakdown = CountingRules.Tally(votes);
        var approving = breakdown.Count(t => t.Position == Outcome.Approved);
        var rejecting = breakdown.Count(t => t.Position == Outcome.Rejected);
        return new CountResult(approving > rejecting, breakdown);
    }
}

/// <summary>An alternative: every member's vote counts alike; approved when more members approve than reject.</summary>
public sealed class SimpleMajorityRule : ICountingRule
{
    public const string RuleName = "simple-majority";

    public string Name => RuleName;

    public CountResult Count(IReadOnlyList<Vote> votes)
    {
        var current = votes.Where(v => !v.Superseded).ToList();
        return new CountResult(current.Count(v => v.Value == VoteValue.Approve) > current.Count(v => v.Value == VoteValue.Reject), CountingRules.Tally(votes));
    }
}

public static class CountingRules
{
    public static ICountingRule ByName(string name) => name switch
    {
        GroupMajorityRule.RuleName => new GroupMajorityRule(),
        SimpleMajorityRule.RuleName => new SimpleMajorityRule(),
        _ => throw new ArgumentException($"Unknown counting rule '{name}'; use '{GroupMajorityRule.RuleName}' or '{SimpleMajorityRule.RuleName}'.", nameof(name)),
    };

    /// <summary>Each group's current votes (superseded ones left out).</summary>
    public static IReadOnlyList<GroupTally> Tally(IReadOnlyList<Vote> votes) =>
        Enum.GetValues<VotingGroup>().Select(g =>
        {
            var inGroup = votes.Where(v => !v.Superseded && v.Group == g).ToList();
            return new GroupTally(g, inGroup.Count(v => v.Value == VoteValue.Approve), inGroup.Count(v => v.Value == VoteValue.Reject), inGroup.Count(v => v.Value == VoteValue.Abstain));
        }).ToList();
}
