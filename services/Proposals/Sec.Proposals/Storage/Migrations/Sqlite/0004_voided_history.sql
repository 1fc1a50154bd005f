-- Steps taken back out of a proposal's history: a decision reopened by a late referral, a
-- withdrawal undone by a late adoption, a mistaken entry voided. They leave ProposalHistory, so
-- every as-of query and the report follow without knowing of them, and are kept here, marked with
-- when, by whom and why.
CREATE TABLE proposals.VoidedHistory (
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
    WithdrawalEndsOn  TEXT    NULL,
    VoidedAt          TEXT    NOT NULL,
    VoidedByName      TEXT    NOT NULL,
    VoidedByOrganisation TEXT NOT NULL,
    VoidReason        TEXT    NOT NULL
);
CREATE INDEX proposals.IX_VoidedHistory_Proposal ON VoidedHistory (ProposalId, Sequence);
