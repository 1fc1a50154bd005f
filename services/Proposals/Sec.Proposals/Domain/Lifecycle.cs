namespace Sec.Proposals.Domain;

/// <summary>The steps of the process, as named in refusals ("allowed moves").</summary>
public enum Move
{
    AmendProblemStatement,
    RecordCscDecision,
    Convert,
    SetPath,
    ProgressToReportPhase,
    IssueModificationReport,
    SubmitForDecision,
    PutOnHold,
    Resume,
    Withdraw,
    Adopt,
    RecordChangeBoardDecision,
    RecordAuthorityDecision,
    Implement,
    AmendTitle,
    ReturnToRefinement,
}

/// <summary>
/// The rules of which step may follow which. Phases, statuses and the names the 2016 papers used
/// all derive from here, so the register, the report and imported history agree.
/// </summary>
public static class Lifecycle
{
    public static Phase PhaseOf(Stage stage) => stage switch
    {
        Stage.DraftRaised or Stage.ReadyForConversion or Stage.NeedsFurtherDevelopment => Phase.Define,
        Stage.Refinement => Phase.Refine,
        Stage.ReportPhase or Stage.ModificationReportConsultation or Stage.AwaitingChangeBoard or Stage.AwaitingAuthority => Phase.Opine,
        Stage.AwaitingImplementation => Phase.Release,
        Stage.Implemented => Phase.Implemented,
        Stage.Rejected => Phase.Rejected,
        Stage.Withdrawn => Phase.Withdrawn,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    /// <summary>The status shown inside the phase.</summary>
    public static string StatusOf(Stage stage) => stage switch
    {
        Stage.DraftRaised => "Draft Proposal raised",
        Stage.ReadyForConversion => "Ready for conversion",
        Stage.NeedsFurtherDevelopment => "Needs further development",
        Stage.Refinement => "Refinement Process",
        Stage.ReportPhase => "Report Phase",
        Stage.ModificationReportConsultation => "Modification Report Consultation",
        Stage.AwaitingChangeBoard => "Awaiting Change Board decision",
        Stage.AwaitingAuthority => "Awaiting Authority Decision",
        Stage.AwaitingImplementation => "Approved, awaiting implementation",
        Stage.Implemented => "Implemented",
        Stage.Rejected => "Rejected",
        Stage.Withdrawn => "Withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, null),
    };

    public static bool IsTerminal(Stage stage) => stage is Stage.Implemented or Stage.Rejected or Stage.Withdrawn;

    /// <summary>
    /// The 2016 Modification Status Report's stage names, mapped onto today's stages so history
    /// imported from that era reports in the right phase.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Stage> LegacyStageNames = new Dictionary<string, Stage>(StringComparer.OrdinalIgnoreCase)
    {
        ["Initial Modification Report"] = Stage.DraftRaised,
        ["Refinement"] = Stage.Refinement,
        ["Refinement Process"] = Stage.Refinement,
        ["Modification Report"] = Stage.ReportPhase,
        ["Modification Report Consultation"] = Stage.ModificationReportConsultation,
        ["Change Board"] = Stage.AwaitingChangeBoard,
        ["Awaiting Authority Decision"] = Stage.AwaitingAuthority,
        ["Awaiting Ofgem/DECC Decision"] = Stage.AwaitingAuthority,
        ["Pending Implementation"] = Stage.AwaitingImplementation,
    };

    /// <summary>The moves allowed from a state; a refusal names them.</summary>
    public static IReadOnlyList<Move> AllowedMoves(ProposalState state)
    {
        if (IsTerminal(state.Stage))
            return [];
        if (state.WithdrawalEndsOn is not null)
            return [Move.Adopt];
        if (state.OnHold)
            return [Move.Resume, Move.Withdraw];
        var common = new List<Move> { Move.PutOnHold, Move.Withdraw, Move.AmendTitle };
        IEnumerable<Move> specific = state.Stage switch
        {
            Stage.DraftRaised or Stage.NeedsFurtherDevelopment => [Move.AmendProblemStatement, Move.RecordCscDecision],
            Stage.ReadyForConversion => [Move.AmendProblemStatement, Move.RecordCscDecision, Move.Convert],
            Stage.Refinement => [Move.SetPath, Move.ProgressToReportPhase],
            Stage.ReportPhase => state.Path == DecisionPath.FastTrackSelfGovernance
                ? [Move.SetPath, Move.SubmitForDecision, Move.ReturnToRefinement]
                : [Move.SetPath, Move.IssueModificationReport, Move.ReturnToRefinement],
            Stage.ModificationReportConsultation => [Move.SetPath, Move.SubmitForDecision, Move.ReturnToRefinement],
            Stage.AwaitingChangeBoard => [Move.RecordChangeBoardDecision],
            Stage.AwaitingAuthority => [Move.RecordAuthorityDecision],
            Stage.AwaitingImplementation => [Move.Implement],
            _ => [],
        };
        return specific.Concat(common).ToList();
    }

    public static bool Allows(ProposalState state, Move move) => AllowedMoves(state).Contains(move);
}

/// <summary>
/// A proposal's position after a step: what the history keeps for every entry, so any past date's
/// state is the last entry on or before it.
/// </summary>
public sealed record ProposalState
{
    public Stage Stage { get; init; }
    public DecisionPath Path { get; init; }
    public bool Urgent { get; init; }
    public bool OnHold { get; init; }

    /// <summary>Set while a withdrawal period runs: the last day another party may adopt the modification.</summary>
    public DateOnly? WithdrawalEndsOn { get; init; }

    public Phase Phase => Lifecycle.PhaseOf(Stage);

    public string Status => OnHold ? $"On hold ({Lifecycle.StatusOf(Stage)})"
        : WithdrawalEndsOn is { } end ? $"Withdrawal period (ends {end:d MMMM yyyy})"
        : Lifecycle.StatusOf(Stage);
}
