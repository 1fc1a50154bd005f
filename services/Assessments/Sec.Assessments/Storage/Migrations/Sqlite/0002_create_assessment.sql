-- DCC assessments, their clock stops, and the DCC's posts by idempotency key.
CREATE TABLE assessments.Assessment (
    Id                TEXT    NOT NULL PRIMARY KEY,
    Reference         TEXT    NOT NULL,
    Kind              INTEGER NOT NULL,
    Status            INTEGER NOT NULL,
    RequestedOn       TEXT    NOT NULL,
    AcceptedOn        TEXT    NULL,
    TargetWorkingDays INTEGER NOT NULL,
    ReturnedOn        TEXT    NULL,
    ClosedOn          TEXT    NULL,
    ReRequests        TEXT    NULL REFERENCES Assessment (Id),
    Costs             TEXT    NULL,
    Version           INTEGER NOT NULL,
    CreatedAt         TEXT    NOT NULL,
    UpdatedAt         TEXT    NOT NULL
);
CREATE INDEX assessments.IX_Assessment_Reference ON Assessment (Reference, Kind, CreatedAt);

CREATE TABLE assessments.ClockStop (
    AssessmentId TEXT    NOT NULL REFERENCES Assessment (Id),
    Sequence     INTEGER NOT NULL,
    FromDate     TEXT    NOT NULL,
    ToDate       TEXT    NULL,
    Reason       TEXT    NOT NULL,
    PRIMARY KEY (AssessmentId, Sequence)
);

CREATE TABLE assessments.DccPost (
    IdempotencyKey TEXT NOT NULL PRIMARY KEY,
    Operation      TEXT NOT NULL,
    RequestHash    TEXT NOT NULL,
    Response       BLOB NOT NULL,
    PostedAt       TEXT NOT NULL
);
