using Sec.Contracts;

namespace Sec.Proposals.Domain;

/// <summary>
/// What the register tells the other contexts. Every step announces the proposal's new phase and
/// status, built here from the proposal before and after it, so every step announces it the same way.
/// </summary>
public static class ProposalEffects
{
    /// <summary>Every kind of event the register's steps publish; the webhooks take these from the step itself, not from the broker.</summary>
    public static readonly IReadOnlySet<Type> Published = new HashSet<Type>
    {
        typeof(DraftProposalRaised), typeof(ProposalStatusChanged), typeof(ModificationReadyForDecision),
        typeof(ModificationWithdrawn), typeof(ModificationWithdrawalReversed),
    };

    /// <summary>A step's result: the proposal after it, its status change, then whatever else the step causes.</summary>
    public static Changed<Proposal> Moved(Proposal before, Proposal after, Effects? also = null) =>
        Changed.To(after, Effects.Publish(StatusChanged(before, after)).And(also ?? Effects.None));

    /// <summary>A proposal new to the register (raised or imported): its DP number is announced, then its status.</summary>
    public static Changed<Proposal> Raised(Proposal proposal, Actor actor, DateTimeOffset now) =>
        Changed.To(proposal, Effects.Publish(
            new DraftProposalRaised(NewIds.Message(), proposal.Reference.Value, proposal.RaisedOn, proposal.Title, proposal.ProblemStatement,
                proposal.ProposerName, proposal.ProposerOrganisation, proposal.RaisedOn, now, actor.ToString()),
            StatusChanged(proposal, proposal)));

    /// <summary>The proposal's phase and status after its latest step; on conversion the DP is the previous reference.</summary>
    private static ProposalStatusChanged StatusChanged(Proposal before, Proposal after)
    {
        var last = after.History[^1];
        return new ProposalStatusChanged(NewIds.Message(), after.Reference.Value, last.EffectiveOn, before.Reference.Value, after.Title,
            after.Phase, after.Status, last.Step, after.State.Path, after.State.Urgent, after.RaisedOn, after.Version, RegisterHistory(after));
    }

    /// <summary>The history as the other contexts keep it.</summary>
    public static IReadOnlyList<RegisterStep> RegisterHistory(Proposal proposal) =>
        proposal.History.Select(h => Step(h, voided: false))
            .Concat(proposal.Voided.Select(v => Step(v.Entry, voided: true)))
            .OrderBy(s => s.EffectiveOn).ThenBy(s => s.Voided).ToList();

    private static RegisterStep Step(HistoryEntry h, bool voided) =>
        new(h.EffectiveOn, h.Step, h.State.Stage, h.State.Phase, h.State.Status, h.State.Path, h.State.OnHold, voided);
}
