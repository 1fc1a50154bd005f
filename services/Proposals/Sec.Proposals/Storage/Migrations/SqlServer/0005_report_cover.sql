-- A month's Change Status Report cover and section narratives, as SECAS set them (one row a month).
CREATE TABLE proposals.ReportCover (
    Month          char(7)        NOT NULL CONSTRAINT PK_ReportCover PRIMARY KEY,
    Author         nvarchar(200)  NOT NULL,
    PaperReference nvarchar(100)  NOT NULL,
    ReportDate     date           NOT NULL,
    Narratives     nvarchar(max)  NOT NULL
);
