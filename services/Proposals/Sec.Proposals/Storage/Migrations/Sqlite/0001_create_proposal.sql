-- The register: one row per proposal, and its history of phase and status changes.
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
    Phase                TEXT    NOT NULL,
    Status               TEXT    NOT NULL,
    Version              INTEGER NOT NULL,
    CreatedAt            TEXT    NOT NULL,
    UpdatedAt            TEXT    NOT NULL,
    UNIQUE (Series, Number, Alternate)
);

CREATE TABLE proposals.ProposalHistory (
    Sequence          INTEGER PRIMARY KEY AUTOINCREMENT,
    ProposalId        TEXT NOT NULL REFERENCES Proposal (Id),
    EffectiveOn       TEXT NOT NULL,
    RecordedAt        TEXT NOT NULL,
    ActorName         TEXT NOT NULL,
    ActorOrganisation TEXT NOT NULL,
    Reason            TEXT NOT NULL,
    Phase             TEXT NOT NULL,
    Status            TEXT NOT NULL
);
CREATE INDEX proposals.IX_ProposalHistory_Proposal ON ProposalHistory (ProposalId, EffectiveOn);
