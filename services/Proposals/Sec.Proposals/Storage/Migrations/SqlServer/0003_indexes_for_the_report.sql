-- The monthly report reads the register by date rather than whole: each proposal's state on a
-- date (ProposalId, EffectiveOn), a month's entries with their stages without reading the rows
-- (EffectiveOn, ProposalId with Stage, which replaces the index on the first two), and when each
-- proposal first reached a given stage (Stage, ProposalId, EffectiveOn). It reads the current
-- consultations' responses by consultation.
CREATE INDEX IX_ProposalHistory_ProposalEffective ON proposals.ProposalHistory (ProposalId, EffectiveOn);
DROP INDEX IX_ProposalHistory_Effective ON proposals.ProposalHistory;
CREATE INDEX IX_ProposalHistory_EffectiveStage ON proposals.ProposalHistory (EffectiveOn, ProposalId) INCLUDE (Stage);
CREATE INDEX IX_ProposalHistory_Stage ON proposals.ProposalHistory (Stage, ProposalId, EffectiveOn);
CREATE INDEX IX_ConsultationResponse_Consultation ON proposals.ConsultationResponse (ConsultationId, Sequence);
