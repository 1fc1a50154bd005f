-- What a scope entry may affect if implemented (the December 2016 paper's "Potential Impacts": SEC
-- documents and systems), one row per record, each list as a JSON array. A later record replaces an
-- earlier one from its effective date; all are kept, so the scope as of any date shows what stood then.
CREATE TABLE releases.ScopeImpacts (
    Sequence    bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ScopeImpacts PRIMARY KEY,
    ReleaseId   char(36)      NOT NULL CONSTRAINT FK_ScopeImpacts_Release REFERENCES releases.Release (Id),
    Reference   nvarchar(20)  NOT NULL,
    Part        int           NOT NULL,
    EffectiveOn date          NOT NULL,
    Documents   nvarchar(max) NOT NULL,
    Systems     nvarchar(max) NOT NULL
);
CREATE INDEX IX_ScopeImpacts_Release ON releases.ScopeImpacts (ReleaseId, Reference, Part);
