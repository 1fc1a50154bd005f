-- The register: one row per proposal, and its history of phase and status changes.
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
    Phase                nvarchar(20)      NOT NULL,
    Status               nvarchar(100)     NOT NULL,
    Version              int               NOT NULL,
    CreatedAt            datetimeoffset(7) NOT NULL,
    UpdatedAt            datetimeoffset(7) NOT NULL,
    CONSTRAINT UQ_Proposal_Number UNIQUE (Series, Number, Alternate)
);

CREATE TABLE proposals.ProposalHistory (
    Sequence          bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ProposalHistory PRIMARY KEY,
    ProposalId        char(36)          NOT NULL CONSTRAINT FK_ProposalHistory_Proposal REFERENCES proposals.Proposal (Id),
    EffectiveOn       date              NOT NULL,
    RecordedAt        datetimeoffset(7) NOT NULL,
    ActorName         nvarchar(200)     NOT NULL,
    ActorOrganisation nvarchar(200)     NOT NULL,
    Reason            nvarchar(2000)    NOT NULL,
    Phase             nvarchar(20)      NOT NULL,
    Status            nvarchar(100)     NOT NULL
);
CREATE INDEX IX_ProposalHistory_Proposal ON proposals.ProposalHistory (ProposalId, EffectiveOn);
