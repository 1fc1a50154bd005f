-- What a scope entry may affect if implemented (the December 2016 paper's "Potential Impacts": SEC
-- documents and systems), one row per record, each list as a JSON array. A later record replaces an
-- earlier one from its effective date; all are kept, so the scope as of any date shows what stood then.
CREATE TABLE releases.ScopeImpacts (
    Sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
    ReleaseId   TEXT    NOT NULL REFERENCES Release (Id),
    Reference   TEXT    NOT NULL,
    Part        INTEGER NOT NULL,
    EffectiveOn TEXT    NOT NULL,
    Documents   TEXT    NOT NULL,
    Systems     TEXT    NOT NULL
);
CREATE INDEX releases.IX_ScopeImpacts_Release ON ScopeImpacts (ReleaseId, Reference, Part);
