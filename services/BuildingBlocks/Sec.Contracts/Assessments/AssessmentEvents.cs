namespace Sec.Contracts;

/// <summary>One costed line of a DCC return, in pence; a single figure has Low == High.</summary>
public sealed record CostLine(string Activity, long LowPence, long HighPence, IReadOnlyList<string> Covers);

/// <summary>SECAS requested a Preliminary or Impact Assessment.</summary>
public sealed record AssessmentRequested(Guid MessageId, string Reference, DateOnly EffectiveOn, string AssessmentId, AssessmentKind Kind) : IIntegrationEvent;

/// <summary>An Impact Assessment request waits for the Change Board's approval.</summary>
public sealed record ImpactAssessmentApprovalNeeded(Guid MessageId, string Reference, DateOnly EffectiveOn, string AssessmentId) : IIntegrationEvent;

/// <summary>The DCC accepted an assessment with its target in working days.</summary>
public sealed record AssessmentAccepted(Guid MessageId, string Reference, DateOnly EffectiveOn, string AssessmentId, AssessmentKind Kind, int TargetWorkingDays) : IIntegrationEvent;

/// <summary>The DCC stopped an assessment's clock while it waits for information.</summary>
public sealed record AssessmentClockStopped(Guid MessageId, string Reference, DateOnly EffectiveOn, string AssessmentId, AssessmentKind Kind, string Reason) : IIntegrationEvent;

/// <summary>The DCC restarted an assessment's clock; <see cref="IIntegrationEvent.EffectiveOn"/> is the last stopped day.</summary>
public sealed record AssessmentClockRestarted(Guid MessageId, string Reference, DateOnly EffectiveOn, string AssessmentId, AssessmentKind Kind) : IIntegrationEvent;

/// <summary>The DCC returned an assessment with its costs.</summary>
public sealed record AssessmentReturned(
    Guid MessageId,
    string Reference,
    DateOnly EffectiveOn,
    string AssessmentId,
    AssessmentKind Kind,
    IReadOnlyList<CostLine> Implementation,
    CostLine? OperationalOneOff,
    CostLine? OperationalOngoing) : IIntegrationEvent;

/// <summary>An open assessment was cancelled because its modification was withdrawn.</summary>
public sealed record AssessmentCancelled(Guid MessageId, string Reference, DateOnly EffectiveOn, string AssessmentId, AssessmentKind Kind) : IIntegrationEvent;

/// <summary>
/// The DCC accepted an accepted assessment afresh: its duration now counts from <paramref name="AcceptedOn"/>;
/// <see cref="IIntegrationEvent.EffectiveOn"/> is the day the fresh acceptance was made.
/// </summary>
public sealed record AssessmentAcceptedAfresh(Guid MessageId, string Reference, DateOnly EffectiveOn, string AssessmentId, AssessmentKind Kind,
    DateOnly AcceptedOn, DateOnly PreviousAcceptedOn, int TargetWorkingDays, string Reason) : IIntegrationEvent;

/// <summary>SECAS withdrew its request for an assessment, with its reason; the assessment is closed.</summary>
public sealed record AssessmentWithdrawn(Guid MessageId, string Reference, DateOnly EffectiveOn, string AssessmentId, AssessmentKind Kind, string Reason) : IIntegrationEvent;

/// <summary>The DCC forecast (or revised) the date it will return an assessment; <see cref="IIntegrationEvent.EffectiveOn"/> is the day the forecast was made.</summary>
public sealed record AssessmentReturnForecast(Guid MessageId, string Reference, DateOnly EffectiveOn, string AssessmentId, AssessmentKind Kind, DateOnly ForecastReturnOn) : IIntegrationEvent;
