namespace Sec.Proposals.Domain;

/// <summary>
/// A decision another context made about a proposal: the Change Board's, the Authority's, or a
/// release going live. One the proposal has already passed (imported history, a replay) changes
/// nothing; one that does not fit its status is refused by the step.
/// </summary>
public sealed class ExternalDecision
{
    private readonly Move _move;
    private readonly IReadOnlySet<Stage> _passed;
    private readonly Func<Proposal, Actor, DateTimeOffset, Changed<Proposal>> _step;

    private ExternalDecision(Move move, IReadOnlySet<Stage> passed, Func<Proposal, Actor, DateTimeOffset, Changed<Proposal>> step) =>
        (_move, _passed, _step) = (move, passed, step);

    /// <summary>Whether the proposal is already past this decision: the move is no longer open and it stands where the decision leads.</summary>
    public bool IsPassed(Proposal proposal) => !Lifecycle.Allows(proposal.State, _move) && _passed.Contains(proposal.State.Stage);

    /// <summary>The proposal after the decision, recorded by <paramref name="actor"/>.</summary>
    public Changed<Proposal> ApplyTo(Proposal proposal, Actor actor, DateTimeOffset now) => _step(proposal, actor, now);

    /// <summary>The Change Board approved it under Self-Governance.</summary>
    public static ExternalDecision ChangeBoardApproved(DateOnly on) =>
        new(Move.RecordChangeBoardDecision, new HashSet<Stage> { Stage.AwaitingImplementation, Stage.Implemented },
            (p, actor, now) => ProposalSteps.RecordChangeBoardDecision(p, DecisionOutcome.Approved, on, actor, now));

    /// <summary>The Change Board rejected it under Self-Governance.</summary>
    public static ExternalDecision ChangeBoardRejected(DateOnly on) =>
        new(Move.RecordChangeBoardDecision, new HashSet<Stage> { Stage.Rejected },
            (p, actor, now) => ProposalSteps.RecordChangeBoardDecision(p, DecisionOutcome.Rejected, on, actor, now));

    /// <summary>The Change Board recommended approval or rejection to the Authority (Paths 1 and 2).</summary>
    public static ExternalDecision ChangeBoardRecommended(bool approval, DateOnly on) =>
        new(Move.RecordChangeBoardDecision, new HashSet<Stage> { Stage.AwaitingAuthority, Stage.AwaitingImplementation, Stage.Implemented, Stage.Rejected },
            (p, actor, now) => ProposalSteps.RecordChangeBoardDecision(p, approval ? DecisionOutcome.Approved : DecisionOutcome.Rejected, on, actor, now));

    /// <summary>The Authority approved, rejected or sent it back.</summary>
    public static ExternalDecision AuthorityDecided(DecisionOutcome outcome, DateOnly on) =>
        new(Move.RecordAuthorityDecision, new HashSet<Stage> { Stage.AwaitingImplementation, Stage.Implemented, Stage.Rejected },
            (p, actor, now) => ProposalSteps.RecordAuthorityDecision(p, outcome, on, actor, now));

    /// <summary>The SEC Release that carries it went live.</summary>
    public static ExternalDecision Implemented(string release, DateOnly on) =>
        new(Move.Implement, new HashSet<Stage> { Stage.Implemented },
            (p, actor, now) => ProposalSteps.Implement(p, release, on, actor, now));
}
