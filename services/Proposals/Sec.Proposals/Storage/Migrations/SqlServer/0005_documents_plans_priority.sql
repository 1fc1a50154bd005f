-- A modification's documents (links, or files kept here with their SHA-256), its plans (every
-- revision kept) and its priority under the harmonised prioritisation (every determination and
-- review kept), with the priority categories as reference data an operator keeps.
CREATE TABLE proposals.Document (
    Id                char(36)          NOT NULL CONSTRAINT PK_Document PRIMARY KEY,
    ProposalId        char(36)          NOT NULL CONSTRAINT FK_Document_Proposal REFERENCES proposals.Proposal (Id),
    Title             nvarchar(300)     NOT NULL,
    Kind              int               NOT NULL,
    Version           nvarchar(40)      NULL,
    DatedOn           date              NOT NULL,
    Url               nvarchar(2000)    NULL,
    FileName          nvarchar(200)     NULL,
    MediaType         nvarchar(100)     NULL,
    SizeBytes         bigint            NULL,
    Sha256            char(64)          NULL,
    Content           varbinary(max)    NULL,
    AttachedByName    nvarchar(200)     NOT NULL,
    AttachedByOrganisation nvarchar(200) NOT NULL,
    AttachedAt        datetimeoffset(7) NOT NULL,
    SupersededBy      char(36)          NULL
);
CREATE INDEX IX_Document_Proposal ON proposals.Document (ProposalId, DatedOn);

CREATE TABLE proposals.PlanRevision (
    ProposalId        char(36)          NOT NULL CONSTRAINT FK_PlanRevision_Proposal REFERENCES proposals.Proposal (Id),
    Revision          int               NOT NULL,
    PlannedOn         date              NOT NULL,
    Reason            nvarchar(2000)    NULL,
    Milestones        nvarchar(max)     NOT NULL,
    PlannedByName     nvarchar(200)     NOT NULL,
    PlannedByOrganisation nvarchar(200) NOT NULL,
    RecordedAt        datetimeoffset(7) NOT NULL,
    CONSTRAINT PK_PlanRevision PRIMARY KEY (ProposalId, Revision)
);

CREATE TABLE proposals.PriorityCategory (
    Code              nvarchar(40)      NOT NULL CONSTRAINT PK_PriorityCategory PRIMARY KEY,
    Name              nvarchar(100)     NOT NULL,
    Description       nvarchar(2000)    NOT NULL,
    Rank              int               NOT NULL,
    Retired           bit               NOT NULL
);

CREATE TABLE proposals.PriorityDetermination (
    Sequence          bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_PriorityDetermination PRIMARY KEY,
    ProposalId        char(36)          NOT NULL CONSTRAINT FK_PriorityDetermination_Proposal REFERENCES proposals.Proposal (Id),
    Category          nvarchar(40)      NOT NULL CONSTRAINT FK_PriorityDetermination_Category REFERENCES proposals.PriorityCategory (Code),
    CriteriaNotes     nvarchar(4000)    NOT NULL,
    DeterminedBy      nvarchar(200)     NOT NULL,
    DeterminedOn      date              NOT NULL,
    Review            bit               NOT NULL,
    RecordedByName    nvarchar(200)     NOT NULL,
    RecordedByOrganisation nvarchar(200) NOT NULL,
    RecordedAt        datetimeoffset(7) NOT NULL
);
CREATE INDEX IX_PriorityDetermination_Proposal ON proposals.PriorityDetermination (ProposalId, DeterminedOn);

-- The starting categories; an operator renames, re-describes, retires or adds them (PutPriorityCategory).
INSERT INTO proposals.PriorityCategory (Code, Name, Description, Rank, Retired) VALUES
    ('high', 'High', 'Needed urgently for consumers, security of supply, or a licence or legal obligation with a fixed date.', 1, 0),
    ('medium', 'Medium', 'Delivers material benefit or supports a strategic change, with no fixed external date.', 2, 0),
    ('low', 'Low', 'Housekeeping, clarification or limited benefit; progressed as capacity allows.', 3, 0);
