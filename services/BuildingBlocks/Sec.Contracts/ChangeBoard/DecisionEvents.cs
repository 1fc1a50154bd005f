namespace Sec.Contracts;

/// <summary>The Change Board approved a modification under Self-Governance.</summary>
public sealed record ModificationApproved(Guid MessageId, string Reference, DateOnly EffectiveOn, string DecidedBy) : IIntegrationEvent;

/// <summary>The Change Board rejected a modification under Self-Governance.</summary>
public sealed record ModificationRejected(Guid MessageId, string Reference, DateOnly EffectiveOn, string DecidedBy) : IIntegrationEvent;

/// <summary>On Paths 1 and 2 the Change Board's vote is a recommendation; the modification is with the Authority for decision.</summary>
public sealed record ModificationRecommended(Guid MessageId, string Reference, DateOnly EffectiveOn, bool RecommendsApproval) : IIntegrationEvent;

/// <summary>The Authority (Ofgem) decided: approved, rejected or sent back to the Report Phase.</summary>
public sealed record AuthorityDecided(Guid MessageId, string Reference, DateOnly EffectiveOn, DecisionOutcome Outcome) : IIntegrationEvent;

/// <summary>The Change Board decided an Impact Assessment request.</summary>
public sealed record ImpactAssessmentRequestDecided(Guid MessageId, string Reference, DateOnly EffectiveOn, ImpactAssessmentRequestOutcome Outcome) : IIntegrationEvent;

/// <summary>A party referred a Self-Governance decision to the Panel within its referral window.</summary>
public sealed record ModificationReferred(Guid MessageId, string Reference, DateOnly EffectiveOn, string ReferredBy, DecisionOutcome ChangeBoardOutcome) : IIntegrationEvent;

/// <summary>The Panel upheld or overturned a referred Self-Governance decision; <see cref="FinalOutcome"/> is approved or rejected.</summary>
public sealed record ReferralDetermined(Guid MessageId, string Reference, DateOnly EffectiveOn, bool Upheld, DecisionOutcome FinalOutcome) : IIntegrationEvent;

/// <summary>
/// A final Self-Governance decision is open again: a referral effective inside its window was
/// recorded after the window's timer had made it final. The register takes the decision back and
/// the Panel decides instead (a <see cref="ModificationReferred"/> follows); a release that held the
/// approved modification lets it go.
/// </summary>
public sealed record ModificationDecisionReopened(Guid MessageId, string Reference, DateOnly EffectiveOn, DecisionOutcome ReopenedOutcome, string Reason) : IIntegrationEvent;
