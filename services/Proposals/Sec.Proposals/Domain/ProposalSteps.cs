using Sec.Contracts;
using static Sec.Proposals.Domain.ProposalEffects;

namespace Sec.Proposals.Domain;

/// <summary>The Change Sub-Committee's view of a Draft Proposal.</summary>
public enum CscOutcome
{
    ReadyForConversion = 1,
    NeedsFurtherDevelopment = 2,
}

/// <summary>Where the Panel sends a converted proposal.</summary>
public enum ConversionRoute
{
    RefinementProcess = 1,
    ReportPhase = 2,
}

/// <summary>
/// Every step of the modification process, as pure rules over a <see cref="Proposal"/>. Each checks
/// the move is allowed from the current status (else a refusal naming the allowed moves), and
/// returns the proposal after the step with the events and deadlines the step causes.
/// </summary>
public static class ProposalSteps
{
    /// <summary>The organisation the Panel's own Fast-Track raises name as proposer. It grants nothing: the caller's panel role does.</summary>
    public const string Panel = "SEC Panel";

    /// <summary>The actor the register records for steps that happen by themselves (decisions elsewhere, timers).</summary>
    public static readonly Actor Register = new("Modification register", "SECAS");

    /// <summary>A new proposal numbered <paramref name="number"/>: a Draft Proposal, or a Fast-Track modification when the Panel asks for one.</summary>
    public static Changed<Proposal> Raise(ModificationReference number, RaiseDraftProposal command, bool fastTrack, Actor actor, DateTimeOffset now) =>
        fastTrack ? RaiseFastTrack(number, command, actor, now) : Proposal.Raise(number, command, actor, now);

    /// <summary>A Fast-Track Self-Governance modification, raised by the Panel straight into the Report Phase (the use case checks the caller is the Panel).</summary>
    public static Changed<Proposal> RaiseFastTrack(ModificationReference number, RaiseDraftProposal command, Actor actor, DateTimeOffset now)
    {
        var proposer = command.Proposer!;
        var raised = Proposal.Draft(number.AsModification(), command, actor, now);
        var state = new ProposalState { Stage = Stage.ReportPhase, Path = DecisionPath.FastTrackSelfGovernance };
        return ProposalEffects.Raised(raised with
        {
            State = state,
            History = [HistoryEntry.Of(raised.Reference, "Raised as Fast-Track Self-Governance", $"Raised by the Panel ({proposer.Name.Trim()})", state, command.RaisedOn, actor, now)],
        }, actor, now);
    }

    public static Changed<Proposal> AmendProblemStatement(Proposal p, string problemStatement, DateOnly on, string reason, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.AmendProblemStatement, on);
        return Moved(p, p.Then("Problem statement amended", Reason(reason, "Problem statement amended"), p.State, on, actor, now) with { ProblemStatement = problemStatement.Trim() });
    }

    /// <summary>
    /// The title is amended (DP123 carried two titles in the April 2020 paper): a step in the history
    /// naming both titles, the stage unchanged, and the other contexts hear the new title.
    /// </summary>
    public static Changed<Proposal> AmendTitle(Proposal p, string title, DateOnly on, string reason, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.AmendTitle, on);
        var amended = title.Trim();
        if (string.Equals(amended, p.Title, StringComparison.Ordinal))
            throw new InvalidFields("title", $"is already {p.Reference}'s title");
        var then = p.Then(TitleAmended.Step(p.Title, amended), Reason(reason, "Title amended"), p.State, on, actor, now);
        return Moved(p, then with { Title = amended, History = [.. then.History.SkipLast(1), TitleAmended.Entry(then.History[^1], p.Title)] });
    }

    public static Changed<Proposal> RecordCscDecision(Proposal p, CscOutcome outcome, DateOnly meetingDate, string reasons, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.RecordCscDecision, meetingDate);
        var stage = outcome == CscOutcome.ReadyForConversion ? Stage.ReadyForConversion : Stage.NeedsFurtherDevelopment;
        return Moved(p, p.Then($"Change Sub-Committee: {Lifecycle.StatusOf(stage).ToLowerInvariant()}", Reason(reasons, Lifecycle.StatusOf(stage)), p.State with { Stage = stage }, meetingDate, actor, now));
    }

    /// <summary>The Panel converts a Draft Proposal: DP119 becomes MP119, into Refinement or straight to the Report Phase.</summary>
    public static Changed<Proposal> Convert(Proposal p, ConversionRoute route, DecisionPath path, bool urgent, DateOnly on, string reason, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.Convert, on);
        if (path == DecisionPath.FastTrackSelfGovernance)
            throw new MoveNotAllowed($"{p.Reference} is a Draft Proposal; Fast-Track Self-Governance is for modifications the Panel raises itself. Choose Path 1, 2 or 3.");
        var stage = route == ConversionRoute.ReportPhase ? Stage.ReportPhase : Stage.Refinement;
        var converted = p with { Reference = p.Reference.AsModification() };
        return Moved(p, converted.Then($"Converted to {converted.Reference}", Reason(reason, $"Panel converted {p.Reference} to {converted.Reference}"),
            p.State with { Stage = stage, Path = path, Urgent = urgent }, on, actor, now));
    }

    public static Changed<Proposal> SetPath(Proposal p, DecisionPath path, bool urgent, DateOnly on, string reason, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.SetPath, on);
        if (path == DecisionPath.FastTrackSelfGovernance || p.State.Path == DecisionPath.FastTrackSelfGovernance)
            throw new MoveNotAllowed($"{p.Reference} is {p.Status}; only the Panel raises a modification as Fast-Track Self-Governance, and a Fast-Track modification keeps its path.");
        return Moved(p, p.Then($"Path set: {Describe(path)}{(urgent ? ", Urgent" : "")}", Reason(reason, "Panel set the path"), p.State with { Path = path, Urgent = urgent }, on, actor, now));
    }

    public static Changed<Proposal> ProgressToReportPhase(Proposal p, DateOnly on, string reason, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.ProgressToReportPhase, on);
        return Moved(p, p.Then("Progressed to the Report Phase", Reason(reason, "Panel progressed it to the Report Phase"), p.State with { Stage = Stage.ReportPhase }, on, actor, now));
    }

    /// <summary>The Panel sends a modification back from the Report Phase (or its consultation) to Refinement, as it did SECMP0067 in 2020.</summary>
    public static Changed<Proposal> ReturnToRefinement(Proposal p, DateOnly on, string reason, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.ReturnToRefinement, on);
        return Moved(p, p.Then("Returned to Refinement", Reason(reason, "Panel returned it to the Refinement Process"), p.State with { Stage = Stage.Refinement }, on, actor, now));
    }

    public static Changed<Proposal> IssueModificationReport(Proposal p, DateOnly on, string reason, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.IssueModificationReport, on, p.State.Path == DecisionPath.FastTrackSelfGovernance ? "Fast-Track modifications need no Modification Report" : null);
        return Moved(p, p.Then("Modification Report issued", Reason(reason, "Modification Report issued for consultation"), p.State with { Stage = Stage.ModificationReportConsultation }, on, actor, now));
    }

    /// <summary>The modification goes to the Change Board, which hears of it to put it to the vote.</summary>
    public static Changed<Proposal> SubmitForDecision(Proposal p, DateOnly on, string reason, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.SubmitForDecision, on);
        if (p.State.Path == DecisionPath.None)
            throw new MoveNotAllowed($"{p.Reference} has no path yet; the Panel sets Path 1, 2 or 3 before it goes for decision. Allowed moves: {Proposal.Describe(Move.SetPath)}.");
        var after = p.Then("Submitted for decision", Reason(reason, "Final Modification Report presented to the Change Board"), p.State with { Stage = Stage.AwaitingChangeBoard }, on, actor, now);
        return Moved(p, after, Effects.Publish(new ModificationReadyForDecision(
            NewIds.Message(), after.Reference.Value, after.LastEffectiveOn, after.Title, after.State.Path, after.State.Urgent)));
    }

    public static Changed<Proposal> PutOnHold(Proposal p, DateOnly on, string reason, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.PutOnHold, on);
        return Moved(p, p.Then("Put on hold", Reason(reason, "Panel put it on hold"), p.State with { OnHold = true }, on, actor, now));
    }

    public static Changed<Proposal> Resume(Proposal p, DateOnly on, string reason, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.Resume, on);
        return Moved(p, p.Then("Resumed", Reason(reason, "Panel resumed it"), p.State with { OnHold = false }, on, actor, now));
    }

    /// <summary>
    /// The proposer withdraws; the withdrawal period runs to <paramref name="windowEndsOn"/>, during
    /// which any party may adopt it. A durable timer ends the period at midnight after its last day.
    /// </summary>
    public static Changed<Proposal> Withdraw(Proposal p, DateOnly on, DateOnly windowEndsOn, string reason, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.Withdraw, on);
        var after = p.Then("Withdrawal requested", Reason(reason, $"{p.ProposerName} withdrew it; it may be adopted until {windowEndsOn:d MMMM yyyy}"),
            p.State with { WithdrawalEndsOn = windowEndsOn, OnHold = false }, on, actor, now);
        return Moved(p, after, Effects.Schedule(WithdrawalPeriod.TimerKind, after.Id, WithdrawalPeriod.DueAt(windowEndsOn), after.Reference.Value));
    }

    /// <summary>Another party adopts the modification during the withdrawal period and becomes its proposer; the period's timer is cleared.</summary>
    /// <remarks>
    /// The period is judged by the adoption's business date, not by when it is recorded: an adoption
    /// effective inside the period but recorded after its timer withdrew the modification undoes the
    /// withdrawal (the Withdrawn step is voided and kept), and the other contexts hear of it.
    /// </remarks>
    public static Changed<Proposal> Adopt(Proposal p, Proposer adopter, DateOnly on, Actor actor, DateTimeOffset now)
    {
        if (p.State.WithdrawalEndsOn is { } end && on > end)
            throw new MoveNotAllowed($"{p.Reference}'s withdrawal period ended on {end:d MMMM yyyy}; it can no longer be adopted.");
        var adoptedBy = $"{adopter.Name.Trim()} ({adopter.Organisation.Trim()})";
        var reversed = Effects.None;
        var from = p;
        if (p.State.Stage == Stage.Withdrawn && p.History.Count > 1 && p.History[^2].State.WithdrawalEndsOn is { } ended)
        {
            if (on > ended)
                throw new MoveNotAllowed($"{p.Reference}'s withdrawal period ended on {ended:d MMMM yyyy}; it was withdrawn and can no longer be adopted.");
            var withdrawnOn = p.History[^1].EffectiveOn;
            from = p.VoidLatest(1, $"Adopted by {adoptedBy} on {on:d MMMM yyyy}, inside the withdrawal period", actor, now);
            reversed = Effects.Publish(new ModificationWithdrawalReversed(NewIds.Message(), p.Reference.Value, on, withdrawnOn, adoptedBy));
        }
        from.Require(Move.Adopt, on);
        var after = from.Then("Adopted", $"Adopted by {adoptedBy}", from.State with { WithdrawalEndsOn = null }, on, actor, now) with
        {
            ProposerName = adopter.Name.Trim(),
            ProposerOrganisation = adopter.Organisation.Trim(),
        };
        return Moved(p, after, Effects.Cancel(WithdrawalPeriod.TimerKind, after.Id).And(reversed));
    }

    /// <summary>
    /// The Change Board reopened its final Self-Governance decision (a referral effective inside the
    /// window was recorded after the window's timer had made it final): the step that recorded the
    /// decision is voided and the modification awaits the Change Board (the Panel) again. A decision
    /// the register never recorded changes nothing; one that later steps build on (an implementation)
    /// is refused, naming them.
    /// </summary>
    public static Changed<Proposal>? ReopenChangeBoardDecision(Proposal p, DecisionOutcome outcome, string reason, Actor actor, DateTimeOffset now)
    {
        if (p.State.Stage == Stage.AwaitingChangeBoard)
            return null;
        var decided = outcome == DecisionOutcome.Approved ? Stage.AwaitingImplementation : Stage.Rejected;
        var latest = p.History[^1];
        if (p.State.Stage != decided || p.History.Count < 2 || p.History[^2].State.Stage != Stage.AwaitingChangeBoard)
            throw new MoveNotAllowed(
                $"{p.Reference} is {p.Status} ({p.Phase}) since {latest.EffectiveOn:d MMMM yyyy} (\"{latest.Step}\"); the Change Board's " +
                $"{(outcome == DecisionOutcome.Approved ? "approval" : "rejection")} can be reopened only while it is the register's latest step.");
        return Moved(p, p.VoidLatest(1, reason, actor, now));
    }

    /// <summary>
    /// The withdrawal period ended with no adoption: the modification is Withdrawn and the other
    /// contexts hear of it (they cancel its open assessments and agenda items). Null if there is
    /// nothing to do (it was adopted).
    /// </summary>
    public static Changed<Proposal>? CompleteWithdrawal(Proposal p, Actor actor, DateTimeOffset now)
    {
        if (p.State.WithdrawalEndsOn is not { } end || Lifecycle.IsTerminal(p.State.Stage))
            return null;
        var after = p.Then("Withdrawn", "The withdrawal period ended with no adoption", p.State with { Stage = Stage.Withdrawn, WithdrawalEndsOn = null }, end, actor, now);
        return Moved(p, after, Effects.Publish(new ModificationWithdrawn(NewIds.Message(), after.Reference.Value, after.LastEffectiveOn, after.Title)));
    }

    /// <summary>
    /// The Change Board's vote. Under Self-Governance it decides; on Paths 1 and 2 it is a
    /// recommendation and the modification goes to the Authority.
    /// </summary>
    public static Changed<Proposal> RecordChangeBoardDecision(Proposal p, DecisionOutcome outcome, DateOnly on, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.RecordChangeBoardDecision, on);
        var selfGoverned = p.State.Path is DecisionPath.SelfGovernance or DecisionPath.FastTrackSelfGovernance;
        if (!selfGoverned)
            return Moved(p, p.Then($"Change Board recommended {(outcome == DecisionOutcome.Approved ? "approval" : "rejection")}", "With the Authority for decision",
                p.State with { Stage = Stage.AwaitingAuthority }, on, actor, now));
        return Moved(p, outcome == DecisionOutcome.Approved
            ? p.Then("Approved by the Change Board", "Approved under Self-Governance", p.State with { Stage = Stage.AwaitingImplementation }, on, actor, now)
            : p.Then("Rejected by the Change Board", "Rejected under Self-Governance", p.State with { Stage = Stage.Rejected }, on, actor, now));
    }

    public static Changed<Proposal> RecordAuthorityDecision(Proposal p, DecisionOutcome outcome, DateOnly on, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.RecordAuthorityDecision, on);
        return Moved(p, outcome switch
        {
            DecisionOutcome.Approved => p.Then("Approved by the Authority", "The Authority approved it", p.State with { Stage = Stage.AwaitingImplementation }, on, actor, now),
            DecisionOutcome.Rejected => p.Then("Rejected by the Authority", "The Authority rejected it", p.State with { Stage = Stage.Rejected }, on, actor, now),
            _ => p.Then("Sent back by the Authority", "The Authority sent it back to the Report Phase", p.State with { Stage = Stage.ReportPhase }, on, actor, now),
        });
    }

    public static Changed<Proposal> Implement(Proposal p, string release, DateOnly on, Actor actor, DateTimeOffset now)
    {
        p.Require(Move.Implement, on);
        return Moved(p, p.Then("Implemented", $"Implemented in {release}", p.State with { Stage = Stage.Implemented }, on, actor, now));
    }

    public static string Describe(DecisionPath path) => path switch
    {
        DecisionPath.AuthorityLed => "Path 1 Authority-led",
        DecisionPath.AuthorityDetermination => "Path 2 Authority Determination",
        DecisionPath.SelfGovernance => "Path 3 Self-Governance",
        DecisionPath.FastTrackSelfGovernance => "Fast-Track Self-Governance",
        _ => "no path",
    };

    private static string Reason(string given, string fallback) => string.IsNullOrWhiteSpace(given) ? fallback : given.Trim();
}
