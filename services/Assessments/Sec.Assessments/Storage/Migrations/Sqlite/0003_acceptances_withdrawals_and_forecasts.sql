-- The DCC's fresh acceptances (the replaced ones kept), SECAS's withdrawal of a request with its
-- reason, and the DCC's forecasts of the return date.
ALTER TABLE assessments.Assessment ADD COLUMN WithdrawalReason TEXT NULL;

CREATE TABLE assessments.PastAcceptance (
    AssessmentId      TEXT    NOT NULL REFERENCES Assessment (Id),
    Sequence          INTEGER NOT NULL,
    AcceptedOn        TEXT    NOT NULL,
    TargetWorkingDays INTEGER NOT NULL,
    SupersededOn      TEXT    NOT NULL,
    Reason            TEXT    NOT NULL,
    PRIMARY KEY (AssessmentId, Sequence)
);

CREATE TABLE assessments.ReturnForecast (
    AssessmentId TEXT    NOT NULL REFERENCES Assessment (Id),
    Sequence     INTEGER NOT NULL,
    MadeOn       TEXT    NOT NULL,
    ReturnOn     TEXT    NOT NULL,
    PRIMARY KEY (AssessmentId, Sequence)
);
