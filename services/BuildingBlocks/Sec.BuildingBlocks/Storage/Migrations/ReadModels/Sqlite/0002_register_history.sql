-- The register's history in each context's view, so a context checks its commands against the
-- modification's state on the command's business date. RegisterVersion is the register's row
-- version the history came with; 0 until the first event that carries it.
ALTER TABLE $schema$.KnownModification ADD COLUMN RegisterVersion INTEGER NOT NULL DEFAULT 0;

CREATE TABLE $schema$.KnownModificationStep (
    Reference   TEXT    NOT NULL,
    Sequence    INTEGER NOT NULL,
    EffectiveOn TEXT    NOT NULL,
    Step        TEXT    NOT NULL,
    Stage       INTEGER NOT NULL,
    Phase       INTEGER NOT NULL,
    Status      TEXT    NOT NULL,
    Path        INTEGER NOT NULL,
    OnHold      INTEGER NOT NULL,
    Voided      INTEGER NOT NULL,
    PRIMARY KEY (Reference, Sequence)
);
