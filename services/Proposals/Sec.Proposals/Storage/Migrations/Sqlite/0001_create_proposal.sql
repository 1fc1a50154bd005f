-- The register: one row per proposal holding its current state, and its history, each entry
-- holding the state after its step so any past date can be answered.
CREATE TABLE proposals.Proposal (
    Id                   TEXT    NOT NULL PRIMARY KEY,
    Reference            TEXT    NOT NULL UNIQUE,
    Series               TEXT    NOT NULL,
    Number               INTEGER NOT NULL,
    Alternate            TEXT    NOT NULL DEFAULT '',
    Title                TEXT    NOT NULL,
    ProblemStatement     TEXT    NOT NULL,
    ProposerName         TEXT    NOT NULL,
    ProposerOrganisation TEXT    NOT NULL,
    RaisedOn             TEXT    NOT NULL,
    Stage                INTEGER NOT NULL,
    Phase                TEXT    NOT NULL,
    Status               TEXT    NOT NULL,
    Path                 INTEGER NOT NULL DEFAULT 0,
    Urgent               INTEGER NOT NULL DEFAULT 0,
    OnHold               INTEGER NOT NULL DEFAULT 0,
    WithdrawalEndsOn     TEXT    NULL,
    TargetRelease        TEXT    NULL,
    Version              INTEGER NOT NULL,
    CreatedAt            TEXT    NOT NULL,
    UpdatedAt            TEXT    NOT NULL,
    UNIQUE (Series, Number, Alternate)
);
CREATE INDEX proposals.IX_Proposal_Phase ON Proposal (Phase);
CREATE INDEX proposals.IX_Proposal_RaisedOn ON Proposal (RaisedOn);

CREATE TABLE proposals.ProposalHistory (
    Sequence          INTEGER PRIMARY KEY AUTOINCREMENT,
    ProposalId        TEXT    NOT NULL REFERENCES Proposal (Id),
    Reference         TEXT    NOT NULL,
    Step              TEXT    NOT NULL,
    EffectiveOn       TEXT    NOT NULL,
    RecordedAt        TEXT    NOT NULL,
    ActorName         TEXT    NOT NULL,
    ActorOrganisation TEXT    NOT NULL,
    Reason            TEXT    NOT NULL,
    Stage             INTEGER NOT NULL,
    Phase             TEXT    NOT NULL,
    Status            TEXT    NOT NULL,
    Path              INTEGER NOT NULL,
    Urgent            INTEGER NOT NULL,
    OnHold            INTEGER NOT NULL,
    WithdrawalEndsOn  TEXT    NULL
);
CREATE INDEX proposals.IX_ProposalHistory_Proposal ON ProposalHistory (ProposalId, Sequence);
CREATE INDEX proposals.IX_ProposalHistory_Effective ON ProposalHistory (EffectiveOn, ProposalId);

-- Imports remember their idempotency key, so a repeat returns the original result.
CREATE TABLE proposals.ImportRecord (
    IdempotencyKey TEXT NOT NULL PRIMARY KEY,
    ProposalId     TEXT NOT NULL REFERENCES Proposal (Id),
    ImportedAt     TEXT NOT NULL
);
