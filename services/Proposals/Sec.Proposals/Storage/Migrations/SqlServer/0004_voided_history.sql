-- Steps taken back out of a proposal's history: a decision reopened by a late referral, a
-- withdrawal undone by a late adoption, a mistaken entry voided. They leave ProposalHistory, so
-- every as-of query and the report follow without knowing of them, and are kept here, marked with
-- when, by whom and why.
CREATE TABLE proposals.VoidedHistory (
    Sequence          bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_VoidedHistory PRIMARY KEY,
    ProposalId        char(36)          NOT NULL CONSTRAINT FK_VoidedHistory_Proposal REFERENCES proposals.Proposal (Id),
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
    WithdrawalEndsOn  date              NULL,
    VoidedAt          datetimeoffset(7) NOT NULL,
    VoidedByName      nvarchar(200)     NOT NULL,
    VoidedByOrganisation nvarchar(200)  NOT NULL,
    VoidReason        nvarchar(2000)    NOT NULL
);
CREATE INDEX IX_VoidedHistory_Proposal ON proposals.VoidedHistory (ProposalId, Sequence);
