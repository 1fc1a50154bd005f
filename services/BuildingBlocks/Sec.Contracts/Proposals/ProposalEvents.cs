namespace Sec.Contracts;

/// <summary>
/// Any step of a proposal's lifecycle: its phase and status after the step. When the Panel
/// converts a Draft Proposal, <see cref="PreviousReference"/> is the DP and <see cref="Reference"/> the MP.
/// <see cref="History"/> carries the register's whole history at <see cref="Version"/>, so a context
/// that keeps a view of the register replaces its copy with a later version whatever order events
/// arrive in, and a correction reaches it as any other step does. Messages from before version 2 of
/// this event carry neither (0 and null).
/// </summary>
public sealed record ProposalStatusChanged(
    Guid MessageId,
    string Reference,
    DateOnly EffectiveOn,
    string PreviousReference,
    string Title,
    Phase Phase,
    string Status,
    string Step,
    DecisionPath Path,
    bool Urgent,
    DateOnly RaisedOn,
    int Version = 0,
    IReadOnlyList<RegisterStep>? History = null) : IIntegrationEvent;

/// <summary>
/// One step of a modification's history as the register keeps it: its business date, its name and
/// the state after it. A voided step stays in the history, marked, and no longer counts.
/// </summary>
public sealed record RegisterStep(
    DateOnly EffectiveOn,
    string Step,
    Stage Stage,
    Phase Phase,
    string Status,
    DecisionPath Path,
    bool OnHold,
    bool Voided = false);

/// <summary>The modification has gone to the Change Board for its vote (a decision under Self-Governance, a recommendation on Paths 1 and 2).</summary>
public sealed record ModificationReadyForDecision(
    Guid MessageId,
    string Reference,
    DateOnly EffectiveOn,
    string Title,
    DecisionPath Path,
    bool Urgent) : IIntegrationEvent;

/// <summary>The withdrawal period ended with no adoption: open assessments and agenda items for it are cancelled.</summary>
public sealed record ModificationWithdrawn(
    Guid MessageId,
    string Reference,
    DateOnly EffectiveOn,
    string Title) : IIntegrationEvent;

/// <summary>
/// A withdrawal is undone: another party adopted the modification with an adoption effective inside
/// its withdrawal period, recorded after the period's timer had withdrawn it. What the withdrawal on
/// <see cref="WithdrawnOn"/> cancelled or took out of scope comes back.
/// </summary>
public sealed record ModificationWithdrawalReversed(Guid MessageId, string Reference, DateOnly EffectiveOn, DateOnly WithdrawnOn, string AdoptedBy) : IIntegrationEvent;
