// The process's shared vocabulary comes from the integration-event contracts, so every context means the same by it.
global using DecisionPath = Sec.Contracts.DecisionPath;
global using Phase = Sec.Contracts.Phase;
global using DecisionOutcome = Sec.Contracts.DecisionOutcome;
global using Stage = Sec.Contracts.Stage;
