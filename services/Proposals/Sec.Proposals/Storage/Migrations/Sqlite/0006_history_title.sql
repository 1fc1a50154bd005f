-- A step that amends the title keeps the title it replaced, so the register answers a title as of
-- a date (DP123 under its first title at the March 2020 Change Sub-Committee). Null on other steps.
ALTER TABLE proposals.ProposalHistory ADD COLUMN PreviousTitle TEXT NULL;
ALTER TABLE proposals.VoidedHistory ADD COLUMN PreviousTitle TEXT NULL;
