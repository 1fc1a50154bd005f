-- The register: one row per proposal holding its current state, and its history, each entry
-- holding the state after its step so any past date can be answered.
CREATE TABLE proposals.Proposal (
    Id                   char(36)          NOT NULL CONSTRAINT PK_Proposal PRIMARY KEY,
    Reference            nvarchar(20)      NOT NULL CONSTRAINT UQ_Proposal_Reference UNIQUE,
    Series               nvarchar(10)      NOT NULL,
    Number               int               NOT NULL,
    Alternate            nvarchar(2)       NOT NULL CONSTRAINT DF_Proposal_Alternate DEFAULT '',
    Title                nvarchar(255)     NOT NULL,
    ProblemStatement     nvarchar(max)     NOT NULL,
    ProposerName         nvarchar(200)     NOT NULL,
    ProposerOrganisation nvarchar(200)     NOT NULL,
    RaisedOn             date              NOT NULL,
    Stage                int               NOT NULL,
    Phase                nvarchar(20)      NOT NULL,
    Status               nvarchar(200)     NOT NULL,
    Path                 int               NOT NULL CONSTRAINT DF_Proposal_Path DEFAULT 0,
    Urgent               bit               NOT NULL CONSTRAINT DF_Proposal_Urgent DEFAULT 0,
    OnHold               bit               NOT NULL CONSTRAINT DF_Proposal_OnHold DEFAULT 0,
    WithdrawalEndsOn     date              NULL,
    TargetRelease        nvarchar(200)     NULL,
    Version              int               NOT NULL,
    CreatedAt            datetimeoffset(7) NOT NULL,
    UpdatedAt            datetimeoffset(7) NOT NULL,
    CONSTRAINT UQ_Proposal_Number UNIQUE (Series, Number, Alternate)
);
CREATE INDEX IX_Proposal_Phase ON proposals.Proposal (Phase);
CREATE INDEX IX_Proposal_RaisedOn ON proposals.Proposal (RaisedOn);

CREATE TABLE proposals.ProposalHistory (
    Sequence          bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ProposalHistory PRIMARY KEY,
    ProposalId        char(36)          NOT NULL CONSTRAINT FK_ProposalHistory_Proposal REFERENCES proposals.Proposal (Id),
    Reference         nvarchar(20)      NOT NULL,
    Step              nvarchar(200)     NOT NULL,
    EffectiveOn       date              NOT NULL,
    RecordedAt        datetimeoffset(7) NOT NULL,
    ActorName         nvarchar(200)     NOT NULL,
    ActorOrganisation nvarchar(200)     NOT NULL,
    Reason            nvarchar(2000)    NOT NULL,
    Stage             int               NOT NULL,
    Phase             nvarchar(20)      NOT NULL,
    Status            nvarchar(200)     NOT NULL,
    Path              int               NOT NULL,
    Urgent            bit               NOT NULL,
    OnHold            bit               NOT NULL,
    WithdrawalEndsOn  date              NULL
);
CREATE INDEX IX_ProposalHistory_Proposal ON proposals.ProposalHistory (ProposalId, Sequence);
CREATE INDEX IX_ProposalHistory_Effective ON proposals.ProposalHistory (EffectiveOn, ProposalId);

-- Imports remember their idempotency key, so a repeat returns the original result.
CREATE TABLE proposals.ImportRecord (
    IdempotencyKey nvarchar(200)     NOT NULL CONSTRAINT PK_ImportRecord PRIMARY KEY,
    ProposalId     char(36)          NOT NULL CONSTRAINT FK_ImportRecord_Proposal REFERENCES proposals.Proposal (Id),
    ImportedAt     datetimeoffset(7) NOT NULL
);
