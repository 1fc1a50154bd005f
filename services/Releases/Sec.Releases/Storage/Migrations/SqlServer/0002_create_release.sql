-- Releases, their scope with its history, the RID's versions, and the DCC's returned costs per modification.
CREATE TABLE releases.Release (
    Id                 char(36)      NOT NULL CONSTRAINT PK_Release PRIMARY KEY,
    Name               nvarchar(200) NOT NULL CONSTRAINT UQ_Release_Name UNIQUE,
    Type               int           NOT NULL,
    ImplementationDate date          NOT NULL,
    Status             int           NOT NULL,
    GoNoGo             nvarchar(500) NULL,
    Version            int           NOT NULL
);

CREATE TABLE releases.ScopeEntry (
    Sequence       bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ScopeEntry PRIMARY KEY,
    ReleaseId      char(36)       NOT NULL CONSTRAINT FK_ScopeEntry_Release REFERENCES releases.Release (Id),
    Reference      nvarchar(20)   NOT NULL,
    Part           int            NOT NULL,
    AddedAs        int            NOT NULL,
    DecisionCutOff date           NULL,
    AddedOn        date           NOT NULL,
    ApprovedOn     date           NULL,
    LeftOn         date           NULL,
    LeftReason     nvarchar(500)  NULL
);
CREATE INDEX IX_ScopeEntry_Reference ON releases.ScopeEntry (Reference);

CREATE TABLE releases.RidVersion (
    ReleaseId     char(36)      NOT NULL CONSTRAINT FK_RidVersion_Release REFERENCES releases.Release (Id),
    Sequence      int           NOT NULL,
    Label         nvarchar(20)  NOT NULL,
    Dated         date          NOT NULL,
    Changes       nvarchar(max) NOT NULL,
    Baselined     bit           NOT NULL,
    Content       nvarchar(max) NOT NULL,
    ScopeSnapshot nvarchar(max) NULL,
    CONSTRAINT PK_RidVersion PRIMARY KEY (ReleaseId, Sequence),
    CONSTRAINT UQ_RidVersion_Label UNIQUE (ReleaseId, Label)
);

CREATE TABLE releases.DccCost (
    Reference  nvarchar(20)  NOT NULL CONSTRAINT PK_DccCost PRIMARY KEY,
    LowPence   bigint        NOT NULL,
    HighPence  bigint        NOT NULL,
    Source     nvarchar(200) NOT NULL,
    ReturnedOn date          NOT NULL
);
