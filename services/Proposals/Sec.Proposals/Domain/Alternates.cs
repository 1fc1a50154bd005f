namespace Sec.Proposals.Domain;

/// <summary>
/// An alternate modification: another solution to the same defect, developed beside its original
/// (MP102A beside MP102) and decided with it. Its reference carries the link: the original's number
/// and the next free letter. It joins the process where the original is on the day it is raised.
/// </summary>
public static class Alternates
{
    /// <summary>The stages an original may be in when an alternate is raised beside it.</summary>
    private static readonly Stage[] Beside = [Stage.Refinement, Stage.ReportPhase];

    /// <summary>The original a reference is an alternate of (MP102 for MP102A), or null when it is not an alternate.</summary>
    public static ModificationReference? OriginalOf(ModificationReference reference) =>
        reference.Alternate.Length == 0 ? null : ModificationReference.Modification(reference.Number);

    /// <summary>
    /// Raises the next alternate of <paramref name="original"/> on <paramref name="command"/>'s date:
    /// only of a Modification Proposal that is not itself an alternate, in Refinement or the Report
    /// Phase on that date, with at most 26 alternates. The alternate has the original's stage and path
    /// on that date and its own title, problem statement and proposer.
    /// </summary>
    public static Changed<Proposal> Raise(Proposal original, IReadOnlyCollection<string> takenLetters, RaiseDraftProposal command, Actor actor, DateTimeOffset now)
    {
        if (original.Reference.Kind != ReferenceKind.ModificationProposal)
            throw new MoveNotAllowed($"{original.Reference} is {(original.Reference.Kind == ReferenceKind.DraftProposal ? "a Draft Proposal" : "a modification of the SECMP series, whose references take no alternate letter")}; "
                + "an alternate is raised beside an MP Modification Proposal.");
        if (original.Reference.Alternate.Length > 0)
            throw new MoveNotAllowed($"{original.Reference} is itself an alternate of {OriginalOf(original.Reference)}; raise the alternate beside {OriginalOf(original.Reference)}.");
        var then = original.AsOf(command.RaisedOn);
        if (then is null || !Beside.Contains(then.State.Stage))
            throw new MoveNotAllowed($"{original.Reference} is {(then is null ? "not yet raised" : $"{then.State.Status} ({then.State.Phase})")} on {command.RaisedOn:d MMMM yyyy}; "
                + "an alternate is raised while its original is in the Refinement Process or the Report Phase.");
        var letter = Enumerable.Range('A', 26).Select(c => ((char)c).ToString()).FirstOrDefault(l => !takenLetters.Contains(l))
            ?? throw new MoveNotAllowed($"{original.Reference} has 26 alternates already.");
        var reference = ModificationReference.Modification(original.Reference.Number, letter);
        var state = new ProposalState { Stage = then.State.Stage, Path = then.State.Path, Urgent = then.State.Urgent };
        var raised = HistoryEntry.Of(reference, "Raised as an alternate",
            $"Raised by {command.Proposer!.Name.Trim()} ({command.Proposer.Organisation.Trim()}) as an alternate solution to {original.Reference}", state, command.RaisedOn, actor, now);
        return ProposalEffects.Raised(Proposal.New(reference, command, state, [raised]), actor, now);
    }
}
