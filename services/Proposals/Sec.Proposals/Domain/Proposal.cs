namespace Sec.Proposals.Domain;

/// <summary>
/// A proposal in the register, from Draft Proposal to outcome. Every step returns a new proposal
/// with one more history entry; the entry keeps the state after the step, so the state on any
/// past date is the last entry on or before it.
/// </summary>
public sealed record Proposal
{
    public string Id { get; init; } = "";

    /// <summary>The current reference: DP119 until conversion, MP119 after.</summary>
    public ModificationReference Reference { get; init; } = ModificationReference.Draft(1);

    public string Title { get; init; } = "";
    public string ProblemStatement { get; init; } = "";
    public string ProposerName { get; init; } = "";
    public string ProposerOrganisation { get; init; } = "";
    public DateOnly RaisedOn { get; init; }
    public ProposalState State { get; init; } = new() { Stage = Stage.DraftRaised };

    /// <summary>The SEC Release the modification is targeted at, if any (for example "November 2020 SEC Release").</summary>
    public string? TargetRelease { get; init; }

    /// <summary>The row version for optimistic concurrency; every change adds one.</summary>
    public int Version { get; init; }

    public IReadOnlyList<HistoryEntry> History { get; init; } = [];

    /// <summary>Steps taken back out of the history, kept with when, by whom and why; they no longer count.</summary>
    public IReadOnlyList<VoidedStep> Voided { get; init; } = [];

    public Phase Phase => State.Phase;
    public string Status => State.Status;

    /// <summary>The business date of the latest step; a new step may not take effect before it.</summary>
    public DateOnly LastEffectiveOn => History.Count == 0 ? RaisedOn : History[^1].EffectiveOn;

    /// <summary>The state on a past date, or null if the proposal was not raised yet.</summary>
    public HistoryEntry? AsOf(DateOnly date) => History.LastOrDefault(h => h.EffectiveOn <= date);

    /// <summary>
    /// The title on <paramref name="date"/>: the title the first later title step replaced, else
    /// today's (DP123 was "IVP and MVP realignment of SMETS2 v2.0" when the Change Sub-Committee decided it).
    /// </summary>
    public string TitleOn(DateOnly date) => History.FirstOrDefault(h => h.PreviousTitle is not null && h.EffectiveOn > date)?.PreviousTitle ?? Title;

    /// <summary>The legal working days spent on hold up to <paramref name="today"/>, a hold still running counted to today.</summary>
    public int WorkingDaysOnHold(IWorkingDayPolicy workingDays, DateOnly today) =>
        HoldPeriods().Sum(h => workingDays.Duration(h.From, (h.To ?? today.AddDays(1)).AddDays(-1)));

    /// <summary>Working days' worth of calendar spans the proposal spent on hold, from its history.</summary>
    public IReadOnlyList<(DateOnly From, DateOnly? To)> HoldPeriods()
    {
        var periods = new List<(DateOnly, DateOnly?)>();
        DateOnly? since = null;
        foreach (var entry in History)
        {
            if (entry.State.OnHold && since is null)
                since = entry.EffectiveOn;
            else if (!entry.State.OnHold && since is { } from)
            {
                periods.Add((from, entry.EffectiveOn));
                since = null;
            }
        }
        if (since is { } open)
            periods.Add((open, null));
        return periods;
    }

    /// <summary>A new Draft Proposal with its first history entry; the register announces it.</summary>
    public static Changed<Proposal> Raise(ModificationReference reference, RaiseDraftProposal command, Actor actor, DateTimeOffset now) =>
        ProposalEffects.Raised(Draft(reference, command, actor, now), actor, now);

    /// <summary>A new Draft Proposal with its first history entry, before anything is announced.</summary>
    internal static Proposal Draft(ModificationReference reference, RaiseDraftProposal command, Actor actor, DateTimeOffset now)
    {
        var state = new ProposalState { Stage = Stage.DraftRaised };
        return New(reference, command, state, [RaisedEntry(reference, command, state, actor, now)]);
    }

    /// <summary>A new proposal, raised or imported, at version 1: the command's text trimmed, and the state its history reached.</summary>
    internal static Proposal New(ModificationReference reference, RaiseDraftProposal command, ProposalState state,
        IReadOnlyList<HistoryEntry> history, string? targetRelease = null)
    {
        var proposer = ProposerOf(command);
        return new Proposal
        {
            Id = NewIds.Row(),
            Reference = reference,
            Title = command.Title.Trim(),
            ProblemStatement = command.ProblemStatement.Trim(),
            ProposerName = proposer.Name.Trim(),
            ProposerOrganisation = proposer.Organisation.Trim(),
            RaisedOn = command.RaisedOn,
            State = state,
            TargetRelease = string.IsNullOrWhiteSpace(targetRelease) ? null : targetRelease.Trim(),
            Version = 1,
            History = history,
        };
    }

    /// <summary>Every history's first entry: the proposer raised it as a Draft Proposal.</summary>
    internal static HistoryEntry RaisedEntry(ModificationReference draftReference, RaiseDraftProposal command, ProposalState state, Actor actor, DateTimeOffset now)
    {
        var proposer = ProposerOf(command);
        return HistoryEntry.Of(draftReference, "Raised", $"Raised by {proposer.Name.Trim()} ({proposer.Organisation.Trim()})", state, command.RaisedOn, actor, now);
    }

    private static Proposer ProposerOf(RaiseDraftProposal command) =>
        command.Proposer ?? throw new ArgumentException("A checked command has a proposer.", nameof(command));

    /// <summary>
    /// Checks that <paramref name="move"/> is allowed now and that <paramref name="effectiveOn"/> does
    /// not come before the last step; refuses naming the current status and the allowed moves.
    /// </summary>
    public void Require(Move move, DateOnly effectiveOn, string? why = null)
    {
        if (!Lifecycle.Allows(State, move))
        {
            var allowed = Lifecycle.AllowedMoves(State);
            throw new MoveNotAllowed(
                $"{Reference} is {Status} ({Phase}); {Describe(move)} is not allowed{(why is null ? "" : $" ({why})")}. "
                + (allowed.Count == 0 ? "No further moves are allowed." : $"Allowed moves: {string.Join(", ", allowed.Select(Describe))}."));
        }
        if (effectiveOn < LastEffectiveOn)
            throw new InvalidFields("effective_on", $"{effectiveOn:yyyy-MM-dd} is before {Reference}'s last step on {LastEffectiveOn:yyyy-MM-dd}; history cannot run backwards");
    }

    /// <summary>This proposal after one more step.</summary>
    public Proposal Then(string step, string reason, ProposalState state, DateOnly effectiveOn, Actor actor, DateTimeOffset now) => this with
    {
        State = state,
        Version = Version + 1,
        History = [.. History, HistoryEntry.Of(Reference, step, reason, state, effectiveOn, actor, now)],
    };

    /// <summary>
    /// This proposal with its latest <paramref name="count"/> steps voided: they leave the history,
    /// kept as voided with the reason, and the proposal stands where the step before them left it.
    /// </summary>
    public Proposal VoidLatest(int count, string reason, Actor actor, DateTimeOffset now)
    {
        if (count < 1 || count >= History.Count)
            throw new MoveNotAllowed($"{Reference} has {History.Count} steps; its raising cannot be voided.");
        var kept = History.Take(History.Count - count).ToList();
        return this with
        {
            State = kept[^1].State,
            Version = Version + 1,
            History = kept,
            Voided = [.. Voided, .. History.Skip(kept.Count).Select(e => new VoidedStep(e, now, actor, reason))],
        };
    }

    public static string Describe(Move move) => move switch
    {
        Move.AmendProblemStatement => "amend the problem statement",
        Move.RecordCscDecision => "record a Change Sub-Committee decision",
        Move.Convert => "convert to a Modification Proposal",
        Move.SetPath => "set the path",
        Move.ProgressToReportPhase => "progress to the Report Phase",
        Move.IssueModificationReport => "issue the Modification Report",
        Move.SubmitForDecision => "submit for decision",
        Move.PutOnHold => "put on hold",
        Move.Resume => "resume",
        Move.Withdraw => "withdraw",
        Move.Adopt => "adopt",
        Move.RecordChangeBoardDecision => "record the Change Board's decision",
        Move.RecordAuthorityDecision => "record the Authority's decision",
        Move.Implement => "implement",
        Move.AmendTitle => "amend the title",
        Move.ReturnToRefinement => "return to Refinement",
        _ => move.ToString(),
    };
}

/// <summary>A step taken back out of a proposal's history: the step as it was, and when, by whom and why it was voided.</summary>
public sealed record VoidedStep(HistoryEntry Entry, DateTimeOffset VoidedAt, Actor VoidedBy, string Reason);

/// <summary>One step in a proposal's history: the business date it took effect, when and by whom it was recorded, and the state after it.</summary>
public sealed record HistoryEntry
{
    /// <summary>The proposal's reference at that step (DP119 before conversion).</summary>
    public string Reference { get; init; } = "";
    public string Step { get; init; } = "";
    public DateOnly EffectiveOn { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public string ActorName { get; init; } = "";
    public string ActorOrganisation { get; init; } = "";
    public string Reason { get; init; } = "";

    /// <summary>The title this step replaced, on a step that amended the title; null on every other step.</summary>
    public string? PreviousTitle { get; init; }

    public ProposalState State { get; init; } = new();

    public Phase Phase => State.Phase;
    public string Status => State.Status;

    public static HistoryEntry Of(ModificationReference reference, string step, string reason, ProposalState state, DateOnly effectiveOn, Actor actor, DateTimeOffset now) => new()
    {
        Reference = reference.Value,
        Step = step,
        EffectiveOn = effectiveOn,
        RecordedAt = now,
        ActorName = actor.Name,
        ActorOrganisation = actor.Organisation,
        Reason = reason,
        State = state,
    };
}

/// <summary>How a title step is recorded, whether amended in the register or imported from the papers.</summary>
internal static class TitleAmended
{
    public static string Step(string previous, string amended) => $"Title amended: {previous} → {amended}";

    /// <summary>The step's entry keeping the title it replaced, so the title on a past date is read, not parsed.</summary>
    public static HistoryEntry Entry(HistoryEntry step, string previous) => step with { PreviousTitle = previous };
}
