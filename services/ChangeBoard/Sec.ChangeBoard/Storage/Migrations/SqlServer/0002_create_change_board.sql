-- Members and their voting groups, meetings, agenda items with their decisions, votes (kept when
-- changed), and the modifications the register has sent for decision.
CREATE TABLE changeboard.Member (
    Id           char(36)      NOT NULL CONSTRAINT PK_Member PRIMARY KEY,
    Name         nvarchar(200) NOT NULL,
    Organisation nvarchar(200) NOT NULL,
    VotingGroup  int           NOT NULL,
    FromDate     date          NOT NULL,
    ToDate       date          NULL
);

CREATE TABLE changeboard.Meeting (
    Id        char(36) NOT NULL CONSTRAINT PK_Meeting PRIMARY KEY,
    MeetingOn date     NOT NULL CONSTRAINT UQ_Meeting_Date UNIQUE
);

CREATE TABLE changeboard.AgendaItem (
    Id                   char(36)      NOT NULL CONSTRAINT PK_AgendaItem PRIMARY KEY,
    MeetingId            char(36)      NOT NULL CONSTRAINT FK_AgendaItem_Meeting REFERENCES changeboard.Meeting (Id),
    Reference            nvarchar(20)  NOT NULL,
    Kind                 int           NOT NULL,
    Path                 int           NOT NULL,
    Status               int           NOT NULL,
    Outcome              int           NOT NULL,
    Breakdown            nvarchar(max) NULL,
    CountingRule         nvarchar(50)  NULL,
    ReferralWindowEndsOn date          NULL,
    ReferredBy           nvarchar(200) NULL,
    ReferredOn           date          NULL,
    FinalOutcome         int           NOT NULL,
    FinalOn              date          NULL,
    CarriedTo            char(36)      NULL,
    Version              int           NOT NULL
);
CREATE INDEX IX_AgendaItem_Reference ON changeboard.AgendaItem (Reference);

CREATE TABLE changeboard.Vote (
    Sequence    bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_Vote PRIMARY KEY,
    ItemId      char(36)          NOT NULL CONSTRAINT FK_Vote_Item REFERENCES changeboard.AgendaItem (Id),
    MemberId    char(36)          NOT NULL CONSTRAINT FK_Vote_Member REFERENCES changeboard.Member (Id),
    MemberName  nvarchar(200)     NOT NULL,
    VotingGroup int               NOT NULL,
    Value       int               NOT NULL,
    Superseded  bit               NOT NULL,
    CastAt      datetimeoffset(7) NOT NULL
);
CREATE INDEX IX_Vote_Item ON changeboard.Vote (ItemId, Sequence);

CREATE TABLE changeboard.ReadyForDecision (
    Reference nvarchar(20) NOT NULL CONSTRAINT PK_ReadyForDecision PRIMARY KEY,
    Path      int          NOT NULL,
    ReadyOn   date         NOT NULL
);
