namespace Sec.Assessments.Application;

/// <summary>SECAS asks the DCC for a Preliminary or Impact Assessment of a modification.</summary>
public sealed record AssessmentRequest(ModificationReference Reference, AssessmentKind Kind, DateOnly RequestedOn);

/// <summary>SECAS asks again for a returned, rejected or cancelled assessment.</summary>
public sealed record AssessmentReRequest(string AssessmentId, DateOnly RequestedOn);

/// <summary>The assessment a DCC post names: the latest of its kind for the modification.</summary>
public sealed record DccAssessment(ModificationReference Reference, AssessmentKind Kind);

/// <summary>The DCC accepts an assessment, with its own target or the default for the kind.</summary>
public sealed record DccAcceptance(DccPost Post, DccAssessment Assessment, DateOnly AcceptedOn, int? TargetWorkingDays);

/// <summary>The DCC stops an assessment's clock, with the stop's end if it knows it.</summary>
public sealed record DccClockStop(DccPost Post, DccAssessment Assessment, ClockStopPeriod Stop);

/// <summary>The DCC restarts an assessment's clock; the open stop ends on the last stopped day.</summary>
public sealed record DccClockRestart(DccPost Post, DccAssessment Assessment, DateOnly StoppedUntil);

/// <summary>The DCC returns an assessment with its costs.</summary>
public sealed record DccReturn(DccPost Post, DccAssessment Assessment, DateOnly ReturnedOn, AssessmentCosts Costs);

/// <summary>The Change Board approved, rejected or deferred an Impact Assessment request.</summary>
public sealed record ImpactRequestDecision(ModificationReference Reference, ImpactAssessmentRequestOutcome Outcome, DateOnly DecidedOn);

/// <summary>A modification was withdrawn; its open assessments end with it.</summary>
public sealed record ModificationWithdrawal(string Reference, DateOnly WithdrawnOn);

/// <summary>The DCC accepts an accepted assessment afresh: the new acceptance date, the day it was made, a new target if any, and why.</summary>
public sealed record DccFreshAcceptance(DccPost Post, DccAssessment Assessment, DateOnly AcceptedOn, DateOnly MadeOn, int? TargetWorkingDays, string Reason);

/// <summary>The DCC forecasts, on a day, when it will return an assessment.</summary>
public sealed record DccReturnForecast(DccPost Post, DccAssessment Assessment, DateOnly MadeOn, DateOnly ReturnOn);

/// <summary>SECAS withdraws its request for the modification's latest assessment of a kind, with a reason.</summary>
public sealed record AssessmentWithdrawal(DccAssessment Assessment, DateOnly WithdrawnOn, string Reason);
