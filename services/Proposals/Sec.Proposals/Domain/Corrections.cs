using static Sec.Proposals.Domain.ProposalEffects;

namespace Sec.Proposals.Domain;

/// <summary>A corrected step: the same step again, on another effective date and with another reason.</summary>
public sealed record StepReplacement(DateOnly EffectiveOn, string Reason);

/// <summary>
/// Correcting the record: a mistaken step is voided (kept in the history, marked, with the reason)
/// and the proposal stands where the step before it left it; or it is replaced by the same step on
/// a corrected date. Only the latest standing step can be voided, so nothing that followed it is
/// left standing on a step that no longer counts.
/// </summary>
public static class Corrections
{
    /// <summary>
    /// Voids the step named by its effective date and name as the history shows it, optionally
    /// recording it again as <paramref name="replacement"/>. The other contexts hear the history
    /// as it stands after the correction; a voided withdrawal request cancels its period's timer.
    /// </summary>
    public static Changed<Proposal> VoidStep(Proposal p, DateOnly stepOn, string stepName, string reason, StepReplacement? replacement, Actor actor, DateTimeOffset now)
    {
        var index = IndexOf(p, stepOn, stepName);
        var entry = p.History[index];
        if (index == 0)
            throw new MoveNotAllowed($"\"{entry.Step}\" on {stepOn:d MMMM yyyy} raised {p.Reference}; raising cannot be voided. Withdraw the proposal instead.");
        if (index < p.History.Count - 1)
        {
            var later = p.History.Skip(index + 1).Select(h => $"\"{h.Step}\" on {h.EffectiveOn:d MMMM yyyy}");
            throw new MoveNotAllowed(
                $"{p.Reference}'s later steps depend on \"{entry.Step}\" on {stepOn:d MMMM yyyy}: {string.Join(", ", later)}. Only the latest standing step can be voided; void those first, latest first.");
        }
        var previous = p.History[index - 1];
        RequireVoidable(p, entry, previous);

        var voided = p.VoidLatest(1, reason.Trim(), actor, now);
        var startedWithdrawal = entry.State.WithdrawalEndsOn is not null && previous.State.WithdrawalEndsOn is null;
        var timer = startedWithdrawal ? Effects.Cancel(WithdrawalPeriod.TimerKind, p.Id) : Effects.None;
        if (replacement is null)
            return Moved(p, voided, timer);

        if (startedWithdrawal)
            throw new MoveNotAllowed($"\"{entry.Step}\" started a withdrawal period that depends on its date; void it and withdraw again on the corrected date.");
        if (replacement.EffectiveOn < voided.LastEffectiveOn)
            throw new InvalidFields("replace_with.effective_on",
                $"{replacement.EffectiveOn:yyyy-MM-dd} is before {p.Reference}'s previous step on {voided.LastEffectiveOn:yyyy-MM-dd}; history cannot run backwards");
        var reasonAgain = string.IsNullOrWhiteSpace(replacement.Reason) ? entry.Reason : replacement.Reason.Trim();
        return Moved(p, voided.Then(entry.Step, reasonAgain, entry.State, replacement.EffectiveOn, actor, now));
    }

    /// <summary>The standing step with that date and name; NotFound naming the standing steps, or refused if it was already voided.</summary>
    private static int IndexOf(Proposal p, DateOnly stepOn, string stepName)
    {
        var name = stepName.Trim();
        var matches = p.History.Select((h, i) => (h, i))
            .Where(x => x.h.EffectiveOn == stepOn && string.Equals(x.h.Step, name, StringComparison.OrdinalIgnoreCase))
            .Select(x => x.i).ToList();
        if (matches.Count > 0)
            return matches[^1];
        if (p.Voided.Any(v => v.Entry.EffectiveOn == stepOn && string.Equals(v.Entry.Step, name, StringComparison.OrdinalIgnoreCase)))
            throw new MoveNotAllowed($"\"{name}\" on {stepOn:d MMMM yyyy} is already voided in {p.Reference}'s history.");
        var latest = p.History[^1];
        throw new NotFound(
            $"{p.Reference} has no standing step \"{name}\" on {stepOn:d MMMM yyyy}; its latest standing step is \"{latest.Step}\" on {latest.EffectiveOn:d MMMM yyyy}.");
    }

    /// <summary>
    /// Steps whose consequences live outside the history are not voided here: they change the
    /// reference, the title, the problem statement or the proposer, or another context acted on them
    /// (a submission the Change Board put on its agenda, a decision, an implementation, a withdrawal).
    /// </summary>
    private static void RequireVoidable(Proposal p, HistoryEntry entry, HistoryEntry previous)
    {
        string? why = null;
        if (entry.Reference != previous.Reference)
            why = $"it changed the reference from {previous.Reference} to {entry.Reference}";
        else if (entry.Step.StartsWith("Title amended", StringComparison.Ordinal))
            why = "amend the title again instead";
        else if (entry.Step.StartsWith("Problem statement amended", StringComparison.Ordinal))
            why = "amend the problem statement again instead";
        else if (entry.Step == "Adopted")
            why = "it made another party the proposer";
        else if (entry.State.Stage != previous.State.Stage && entry.State.Stage is Stage.AwaitingChangeBoard or Stage.AwaitingAuthority
                     or Stage.AwaitingImplementation or Stage.Implemented or Stage.Rejected or Stage.Withdrawn)
            why = $"the other contexts acted on it ({Lifecycle.StatusOf(entry.State.Stage)})";
        if (why is not null)
            throw new MoveNotAllowed($"\"{entry.Step}\" on {entry.EffectiveOn:d MMMM yyyy} cannot be voided in {p.Reference}'s history: {why}.");
    }
}
