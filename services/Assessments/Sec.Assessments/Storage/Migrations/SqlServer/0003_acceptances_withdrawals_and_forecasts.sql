-- The DCC's fresh acceptances (the replaced ones kept), SECAS's withdrawal of a request with its
-- reason, and the DCC's forecasts of the return date.
ALTER TABLE assessments.Assessment ADD WithdrawalReason nvarchar(1000) NULL;

CREATE TABLE assessments.PastAcceptance (
    AssessmentId      char(36)       NOT NULL CONSTRAINT FK_PastAcceptance_Assessment REFERENCES assessments.Assessment (Id),
    Sequence          int            NOT NULL,
    AcceptedOn        date           NOT NULL,
    TargetWorkingDays int            NOT NULL,
    SupersededOn      date           NOT NULL,
    Reason            nvarchar(1000) NOT NULL,
    CONSTRAINT PK_PastAcceptance PRIMARY KEY (AssessmentId, Sequence)
);

CREATE TABLE assessments.ReturnForecast (
    AssessmentId char(36) NOT NULL CONSTRAINT FK_ReturnForecast_Assessment REFERENCES assessments.Assessment (Id),
    Sequence     int      NOT NULL,
    MadeOn       date     NOT NULL,
    ReturnOn     date     NOT NULL,
    CONSTRAINT PK_ReturnForecast PRIMARY KEY (AssessmentId, Sequence)
);
