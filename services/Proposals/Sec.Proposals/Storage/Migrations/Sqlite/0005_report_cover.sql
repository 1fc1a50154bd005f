-- A month's Change Status Report cover and section narratives, as SECAS set them (one row a month).
CREATE TABLE proposals.ReportCover (
    Month          TEXT NOT NULL PRIMARY KEY,
    Author         TEXT NOT NULL,
    PaperReference TEXT NOT NULL,
    ReportDate     TEXT NOT NULL,
    Narratives     TEXT NOT NULL
);
