// The process's shared vocabulary comes from the integration-event contracts, so every context means the same by it.
global using AssessmentKind = Sec.Contracts.AssessmentKind;
global using ImpactAssessmentRequestOutcome = Sec.Contracts.ImpactAssessmentRequestOutcome;
