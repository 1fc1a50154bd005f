-- The register's history in each context's view, so a context checks its commands against the
-- modification's state on the command's business date. RegisterVersion is the register's row
-- version the history came with; 0 until the first event that carries it.
ALTER TABLE $schema$.KnownModification ADD RegisterVersion int NOT NULL CONSTRAINT DF_KnownModification_RegisterVersion DEFAULT 0;

CREATE TABLE $schema$.KnownModificationStep (
    Reference   nvarchar(20)  NOT NULL,
    Sequence    int           NOT NULL,
    EffectiveOn date          NOT NULL,
    Step        nvarchar(200) NOT NULL,
    Stage       int           NOT NULL,
    Phase       int           NOT NULL,
    Status      nvarchar(200) NOT NULL,
    Path        int           NOT NULL,
    OnHold      bit           NOT NULL,
    Voided      bit           NOT NULL,
    CONSTRAINT PK_KnownModificationStep PRIMARY KEY (Reference, Sequence)
);
