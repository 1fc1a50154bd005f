-- Who made each write, when it was recorded and the business date it takes effect, in every
-- context: the attribution the register's history gives Proposals, for every other write too.
CREATE TABLE $schema$.AuditEntry (
    Sequence          bigint IDENTITY(1,1) NOT NULL CONSTRAINT PK_$schema$_AuditEntry PRIMARY KEY,
    Operation         nvarchar(100)     NOT NULL,
    Subject           nvarchar(100)     NOT NULL,
    Reference         nvarchar(20)      NULL,
    EffectiveOn       date              NULL,
    RecordedAt        datetimeoffset(7) NOT NULL,
    ActorName         nvarchar(200)     NOT NULL,
    ActorOrganisation nvarchar(200)     NOT NULL,
    Roles             nvarchar(200)     NOT NULL
);

CREATE INDEX IX_AuditEntry_Reference ON $schema$.AuditEntry (Reference, Sequence);
