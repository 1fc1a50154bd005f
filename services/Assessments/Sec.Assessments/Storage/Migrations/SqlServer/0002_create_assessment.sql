-- DCC assessments, their clock stops, and the DCC's posts by idempotency key.
CREATE TABLE assessments.Assessment (
    Id                char(36)          NOT NULL CONSTRAINT PK_Assessment PRIMARY KEY,
    Reference         nvarchar(20)      NOT NULL,
    Kind              int               NOT NULL,
    Status            int               NOT NULL,
    RequestedOn       date              NOT NULL,
    AcceptedOn        date              NULL,
    TargetWorkingDays int               NOT NULL,
    ReturnedOn        date              NULL,
    ClosedOn          date              NULL,
    ReRequests        char(36)          NULL CONSTRAINT FK_Assessment_ReRequests REFERENCES assessments.Assessment (Id),
    Costs             nvarchar(max)     NULL,
    Version           int               NOT NULL,
    CreatedAt         datetimeoffset(7) NOT NULL,
    UpdatedAt         datetimeoffset(7) NOT NULL
);
CREATE INDEX IX_Assessment_Reference ON assessments.Assessment (Reference, Kind, CreatedAt);

CREATE TABLE assessments.ClockStop (
    AssessmentId char(36)       NOT NULL CONSTRAINT FK_ClockStop_Assessment REFERENCES assessments.Assessment (Id),
    Sequence     int            NOT NULL,
    FromDate     date           NOT NULL,
    ToDate       date           NULL,
    Reason       nvarchar(1000) NOT NULL,
    CONSTRAINT PK_ClockStop PRIMARY KEY (AssessmentId, Sequence)
);

CREATE TABLE assessments.DccPost (
    IdempotencyKey nvarchar(200)     NOT NULL CONSTRAINT PK_DccPost PRIMARY KEY,
    Operation      nvarchar(50)      NOT NULL,
    RequestHash    char(64)          NOT NULL,
    Response       varbinary(max)    NOT NULL,
    PostedAt       datetimeoffset(7) NOT NULL
);
