namespace Sec.Contracts;

/// <summary>
/// Any step of a proposal's lifecycle: its phase and status after the step. When the Panel
/// converts a Draft Proposal, <see cref="PreviousReference"/> is the DP and <see cref="Reference"/> the MP.
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
    DateOnly RaisedOn) : IIntegrationEvent;

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
