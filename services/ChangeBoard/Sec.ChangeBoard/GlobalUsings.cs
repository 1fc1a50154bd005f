// The process's shared vocabulary comes from the integration-event contracts, so every context means the same by it.
global using DecisionPath = Sec.Contracts.DecisionPath;
global using DecisionOutcome = Sec.Contracts.DecisionOutcome;
global using ImpactAssessmentRequestOutcome = Sec.Contracts.ImpactAssessmentRequestOutcome;
