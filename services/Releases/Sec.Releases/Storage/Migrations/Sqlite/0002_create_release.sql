-- Releases, their scope with its history, the RID's versions, and the DCC's returned costs per modification.
CREATE TABLE releases.Release (
    Id                 TEXT    NOT NULL PRIMARY KEY,
    Name               TEXT    NOT NULL UNIQUE,
    Type               INTEGER NOT NULL,
    ImplementationDate TEXT    NOT NULL,
    Status             INTEGER NOT NULL,
    GoNoGo             TEXT    NULL,
    Version            INTEGER NOT NULL
);

CREATE TABLE releases.ScopeEntry (
    ReleaseId      TEXT    NOT NULL REFERENCES Release (Id),
    Reference      TEXT    NOT NULL,
    Part           INTEGER NOT NULL,
    AddedAs        INTEGER NOT NULL,
    DecisionCutOff TEXT    NULL,
    AddedOn        TEXT    NOT NULL,
    ApprovedOn     TEXT    NULL,
    LeftOn         TEXT    NULL,
    LeftReason     TEXT    NULL,
    Sequence       INTEGER PRIMARY KEY AUTOINCREMENT
);
CREATE INDEX releases.IX_ScopeEntry_Reference ON ScopeEntry (Reference);

CREATE TABLE releases.RidVersion (
    ReleaseId     TEXT    NOT NULL REFERENCES Release (Id),
    Sequence      INTEGER NOT NULL,
    Label         TEXT    NOT NULL,
    Dated         TEXT    NOT NULL,
    Changes       TEXT    NOT NULL,
    Baselined     INTEGER NOT NULL,
    Content       TEXT    NOT NULL,
    ScopeSnapshot TEXT    NULL,
    PRIMARY KEY (ReleaseId, Sequence),
    UNIQUE (ReleaseId, Label)
);

CREATE TABLE releases.DccCost (
    Reference  TEXT    NOT NULL PRIMARY KEY,
    LowPence   INTEGER NOT NULL,
    HighPence  INTEGER NOT NULL,
    Source     TEXT    NOT NULL,
    ReturnedOn TEXT    NOT NULL
);
