-- What a consumer could not apply: kept until it is applied on a retry or resolved with a reason,
-- so a disagreement between contexts is never only a log line.
CREATE TABLE $schema$.Discrepancy (
    Id           INTEGER PRIMARY KEY AUTOINCREMENT,
    Consumer     TEXT    NOT NULL,
    ConsumerType TEXT    NOT NULL,
    MessageId    TEXT    NOT NULL,
    MessageType  TEXT    NOT NULL,
    Reference    TEXT    NULL,
    EffectiveOn  TEXT    NULL,
    Reason       TEXT    NOT NULL,
    Payload      TEXT    NOT NULL,
    FirstSeenAt  TEXT    NOT NULL,
    LastTriedAt  TEXT    NOT NULL,
    Attempts     INTEGER NOT NULL,
    ResolvedAt   TEXT    NULL,
    ResolvedBy   TEXT    NULL,
    Resolution   TEXT    NULL
);

CREATE UNIQUE INDEX $schema$.UX_Discrepancy_Message ON Discrepancy (Consumer, MessageId);
CREATE INDEX $schema$.IX_Discrepancy_Open ON Discrepancy (ResolvedAt, Id);
