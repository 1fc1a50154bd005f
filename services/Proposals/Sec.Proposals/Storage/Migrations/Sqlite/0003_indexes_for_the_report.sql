-- The monthly report reads the register by date rather than whole: each proposal's state on a
-- date (ProposalId, EffectiveOn), a month's entries with their stages without reading the rows
-- (EffectiveOn, ProposalId, Stage, which replaces the index on the first two), and when each
-- proposal first reached a given stage (Stage, ProposalId, EffectiveOn). It reads the current
-- consultations' responses by consultation.
CREATE INDEX proposals.IX_ProposalHistory_ProposalEffective ON ProposalHistory (ProposalId, EffectiveOn);
DROP INDEX proposals.IX_ProposalHistory_Effective;
CREATE INDEX proposals.IX_ProposalHistory_EffectiveStage ON ProposalHistory (EffectiveOn, ProposalId, Stage);
CREATE INDEX proposals.IX_ProposalHistory_Stage ON ProposalHistory (Stage, ProposalId, EffectiveOn);
CREATE INDEX proposals.IX_ConsultationResponse_Consultation ON ConsultationResponse (ConsultationId, Sequence);
