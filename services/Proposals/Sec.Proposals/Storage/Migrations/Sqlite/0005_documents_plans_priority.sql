-- A modification's documents (links, or files kept here with their SHA-256), its plans (every
-- revision kept) and its priority under the harmonised prioritisation (every determination and
-- review kept), with the priority categories as reference data an operator keeps.
CREATE TABLE proposals.Document (
    Id                TEXT    NOT NULL PRIMARY KEY,
    ProposalId        TEXT    NOT NULL REFERENCES Proposal (Id),
    Title             TEXT    NOT NULL,
    Kind              INTEGER NOT NULL,
    Version           TEXT    NULL,
    DatedOn           TEXT    NOT NULL,
    Url               TEXT    NULL,
    FileName          TEXT    NULL,
    MediaType         TEXT    NULL,
    SizeBytes         INTEGER NULL,
    Sha256            TEXT    NULL,
    Content           BLOB    NULL,
    AttachedByName    TEXT    NOT NULL,
    AttachedByOrganisation TEXT NOT NULL,
    AttachedAt        TEXT    NOT NULL,
    SupersededBy      TEXT    NULL
);
CREATE INDEX proposals.IX_Document_Proposal ON Document (ProposalId, DatedOn);

CREATE TABLE proposals.PlanRevision (
    ProposalId        TEXT    NOT NULL REFERENCES Proposal (Id),
    Revision          INTEGER NOT NULL,
    PlannedOn         TEXT    NOT NULL,
    Reason            TEXT    NULL,
    Milestones        TEXT    NOT NULL,
    PlannedByName     TEXT    NOT NULL,
    PlannedByOrganisation TEXT NOT NULL,
    RecordedAt        TEXT    NOT NULL,
    PRIMARY KEY (ProposalId, Revision)
);

CREATE TABLE proposals.PriorityCategory (
    Code              TEXT    NOT NULL PRIMARY KEY,
    Name              TEXT    NOT NULL,
    Description       TEXT    NOT NULL,
    Rank              INTEGER NOT NULL,
    Retired           INTEGER NOT NULL
);

CREATE TABLE proposals.PriorityDetermination (
    Sequence          INTEGER PRIMARY KEY AUTOINCREMENT,
    ProposalId        TEXT    NOT NULL REFERENCES Proposal (Id),
    Category          TEXT    NOT NULL REFERENCES PriorityCategory (Code),
    CriteriaNotes     TEXT    NOT NULL,
    DeterminedBy      TEXT    NOT NULL,
    DeterminedOn      TEXT    NOT NULL,
    Review            INTEGER NOT NULL,
    RecordedByName    TEXT    NOT NULL,
    RecordedByOrganisation TEXT NOT NULL,
    RecordedAt        TEXT    NOT NULL
);
CREATE INDEX proposals.IX_PriorityDetermination_Proposal ON PriorityDetermination (ProposalId, DeterminedOn);

-- The starting categories; an operator renames, re-describes, retires or adds them (PutPriorityCategory).
INSERT INTO proposals.PriorityCategory (Code, Name, Description, Rank, Retired) VALUES
    ('high', 'High', 'Needed urgently for consumers, security of supply, or a licence or legal obligation with a fixed date.', 1, 0),
    ('medium', 'Medium', 'Delivers material benefit or supports a strategic change, with no fixed external date.', 2, 0),
    ('low', 'Low', 'Housekeeping, clarification or limited benefit; progressed as capacity allows.', 3, 0);
