namespace Sec.Proposals.Domain;

/// <summary>One step of a modification's past, as a paper gives it.</summary>
/// <summary>One step of a modification's past, as a paper gives it; a step with a <paramref name="Title"/> amends the title and leaves the stage.</summary>
public sealed record ImportedStep(DateOnly EffectiveOn, string Stage, string Reason, string? Title = null);

/// <summary>What an import brings: a modification from the papers with its history.</summary>
public sealed record ImportModification(
    ModificationReference Reference,
    string Title,
    string ProblemStatement,
    Proposer? Proposer,
    DateOnly RaisedOn,
    DecisionPath Path,
    bool Urgent,
    string? TargetRelease,
    IReadOnlyList<ImportedStep> History)
{
    /// <summary>The import as its proposer raised it, checked and stored as a raised Draft Proposal is.</summary>
    public RaiseDraftProposal AsRaised => new(Title, ProblemStatement, Proposer, RaisedOn);
}

/// <summary>
/// Builds a proposal from the papers, keeping their effective dates. Stage names may be today's
/// statuses or the 2016 names; both map onto today's phases.
/// </summary>
public static class ProposalImport
{
    /// <summary>The longest past the papers give is a handful of steps; 500 is far beyond any real modification.</summary>
    public const int MaxHistorySteps = 500;

    /// <summary>A release name, as the Releases context bounds it.</summary>
    public const int MaxTargetReleaseLength = 200;

    public static void Check(ImportModification import, DateOnly today, FieldChecks checks)
    {
        DraftProposalRules.Check(import.AsRaised, today, checks);
        checks.OptionalText(import.TargetRelease, "target_release", MaxTargetReleaseLength);
        if (import.History.Count > MaxHistorySteps)
        {
            checks.Add("history", $"must have at most {MaxHistorySteps} steps (it has {import.History.Count:N0})");
            return;
        }
        var previous = import.RaisedOn;
        var seen = new Dictionary<(DateOnly, string, string), int>();
        for (var i = 0; i < import.History.Count; i++)
        {
            var step = import.History[i];
            var field = $"history[{i}]";
            checks.OptionalText(step.Reason, $"{field}.reason", DraftProposalRules.MaxReasonLength);
            if (step.EffectiveOn == default)
                continue; // the date check has recorded it
            // A step copied twice would record the same move twice in the register's history.
            if (step.Title is not null)
            {
                // A title step amends the title only; its stage stays what it was.
                checks.RequiredText(step.Title, $"{field}.title", DraftProposalRules.MaxTitleLength)
                      .Check(step.Title.IndexOfAny(['\r', '\n']) < 0, $"{field}.title", "must be one line")
                      .Check(string.IsNullOrWhiteSpace(step.Stage), $"{field}.stage", "must be empty on a step that amends the title");
            }
            else
                checks.Check(TryStage(step.Stage, out _), $"{field}.stage", $"{FieldChecks.Excerpt(step.Stage)} is not a status the register knows; use a status such as \"Refinement Process\" or a 2016 name such as \"Pending Implementation\"");
            var key = (step.EffectiveOn, step.Stage.Trim().ToUpperInvariant() + "|" + step.Title?.Trim().ToUpperInvariant(), step.Reason.Trim().ToUpperInvariant());
            if (!seen.TryAdd(key, i))
                checks.Add(field, $"repeats history[{seen[key]}]: the same date, stage and reason");
            checks.Check(step.EffectiveOn >= previous, $"{field}.effective_on", $"{step.EffectiveOn:yyyy-MM-dd} is before the step it follows ({previous:yyyy-MM-dd})")
                  .Check(step.EffectiveOn <= today, $"{field}.effective_on", $"{step.EffectiveOn:yyyy-MM-dd} is in the future");
            previous = step.EffectiveOn > previous ? step.EffectiveOn : previous;
        }
    }

    /// <summary>The imported proposal, announced as a raised one is, at the status its papers reached.</summary>
    public static Changed<Proposal> Build(ImportModification import, Actor actor, DateTimeOffset now)
    {
        var reference = import.Reference;
        var draftReference = reference.Kind == ReferenceKind.ModificationProposal && reference.Alternate.Length == 0 ? ModificationReference.Draft(reference.Number) : reference;
        var state = new ProposalState { Stage = Stage.DraftRaised };
        var history = new List<HistoryEntry> { Proposal.RaisedEntry(draftReference, import.AsRaised, state, actor, now) };
        var title = import.Title.Trim();
        foreach (var step in import.History)
        {
            if (step.Title is not null)
            {
                // Recorded exactly as AmendTitle records it: the stage unchanged, the replaced title kept.
                var amended = step.Title.Trim();
                var named = state.Phase == Phase.Define ? draftReference : reference;
                history.Add(TitleAmended.Entry(HistoryEntry.Of(named, TitleAmended.Step(title, amended), string.IsNullOrWhiteSpace(step.Reason) ? "Title amended" : step.Reason.Trim(), state, step.EffectiveOn, actor, now), title));
                title = amended;
                continue;
            }
            TryStage(step.Stage, out var change);
            var before = state.Stage;
            state = change(state);
            if (state.Phase != Phase.Define)
                state = state with { Path = import.Path, Urgent = import.Urgent };
            var at = state.Phase == Phase.Define ? draftReference : reference;
            history.Add(HistoryEntry.Of(at, before == state.Stage ? step.Stage.Trim() : StepName(step.Stage.Trim(), before, state.Stage, reference), string.IsNullOrWhiteSpace(step.Reason) ? step.Stage.Trim() : step.Reason.Trim(), state, step.EffectiveOn, actor, now));
        }
        return ProposalEffects.Raised(Proposal.New(reference, import.AsRaised with { Title = title }, state, history, import.TargetRelease), actor, now);
    }

    /// <summary>
    /// The step an imported stage stands for, named as the recorded step is, so the report finds a
    /// Change Sub-Committee decision or an issued Modification Report whichever way it came in.
    /// </summary>
    private static string StepName(string stage, Stage before, Stage reached, ModificationReference reference) => reached switch
    {
        _ when reference.Kind == ReferenceKind.ModificationProposal && Lifecycle.PhaseOf(before) == Phase.Define && Lifecycle.PhaseOf(reached) is Phase.Refine or Phase.Opine => $"Converted to {reference}",
        Stage.ReadyForConversion or Stage.NeedsFurtherDevelopment => $"Change Sub-Committee: {Lifecycle.StatusOf(reached).ToLowerInvariant()}",
        Stage.ModificationReportConsultation => "Modification Report issued",
        _ => stage,
    };

    /// <summary>How a stage name changes the state: a stage, or going on and off hold.</summary>
    private static bool TryStage(string name, out Func<ProposalState, ProposalState> change)
    {
        var text = name.Trim();
        if (text.Equals("On hold", StringComparison.OrdinalIgnoreCase))
        {
            change = s => s with { OnHold = true };
            return true;
        }
        if (text.Equals("Resumed", StringComparison.OrdinalIgnoreCase))
        {
            change = s => s with { OnHold = false };
            return true;
        }
        if (Lifecycle.LegacyStageNames.TryGetValue(text, out var legacy) || TryCurrent(text, out legacy))
        {
            change = s => s with { Stage = legacy, OnHold = false, WithdrawalEndsOn = null };
            return true;
        }
        change = s => s;
        return false;
    }

    private static bool TryCurrent(string text, out Stage stage)
    {
        foreach (var candidate in Enum.GetValues<Stage>())
            if (Lifecycle.StatusOf(candidate).Equals(text, StringComparison.OrdinalIgnoreCase) || candidate.ToString().Equals(text, StringComparison.OrdinalIgnoreCase))
            {
                stage = candidate;
                return true;
            }
        stage = default;
        return false;
    }
}
