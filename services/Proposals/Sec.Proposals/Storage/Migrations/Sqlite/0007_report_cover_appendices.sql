-- The papers appended to a month's report (Appendix A, B, ...), in order, as a JSON array of
-- {"Title", "Url"}; covers set before there were appendices have none.
ALTER TABLE proposals.ReportCover ADD COLUMN Appendices TEXT NOT NULL DEFAULT '[]';
