-- Who made each write, when it was recorded and the business date it takes effect, in every
-- context: the attribution the register's history gives Proposals, for every other write too.
CREATE TABLE $schema$.AuditEntry (
    Sequence          INTEGER PRIMARY KEY AUTOINCREMENT,
    Operation         TEXT NOT NULL,
    Subject           TEXT NOT NULL,
    Reference         TEXT NULL,
    EffectiveOn       TEXT NULL,
    RecordedAt        TEXT NOT NULL,
    ActorName         TEXT NOT NULL,
    ActorOrganisation TEXT NOT NULL,
    Roles             TEXT NOT NULL
);

CREATE INDEX $schema$.IX_AuditEntry_Reference ON AuditEntry (Reference, Sequence);
