-- The building blocks every context keeps in its own schema: a counter table, the transactional
-- outbox, the consumer inbox and the durable timers.
CREATE TABLE $schema$.Counter (
    Name  TEXT    NOT NULL PRIMARY KEY,
    Value INTEGER NOT NULL
);

CREATE TABLE $schema$.OutboxMessage (
    Sequence    INTEGER PRIMARY KEY AUTOINCREMENT,
    Id          TEXT    NOT NULL UNIQUE,
    MessageType TEXT    NOT NULL,
    Payload     TEXT    NOT NULL,
    TraceParent TEXT    NULL,
    OccurredAt  TEXT    NOT NULL,
    SentAt      TEXT    NULL,
    LockedUntil TEXT    NULL,
    LockedBy    TEXT    NULL,
    Attempts    INTEGER NOT NULL DEFAULT 0,
    LastError   TEXT    NULL
);
CREATE INDEX $schema$.IX_OutboxMessage_Unsent ON OutboxMessage (SentAt, Sequence);

CREATE TABLE $schema$.InboxMessage (
    MessageId   TEXT NOT NULL,
    Consumer    TEXT NOT NULL,
    MessageType TEXT NOT NULL,
    ReceivedAt  TEXT NOT NULL,
    PRIMARY KEY (MessageId, Consumer)
);

CREATE TABLE $schema$.DurableTimer (
    Id          TEXT    NOT NULL PRIMARY KEY,
    Kind        TEXT    NOT NULL,
    SubjectKey  TEXT    NOT NULL,
    DueAt       TEXT    NOT NULL,
    Payload     TEXT    NULL,
    CreatedAt   TEXT    NOT NULL,
    FiredAt     TEXT    NULL,
    CancelledAt TEXT    NULL,
    LockedUntil TEXT    NULL,
    LockedBy    TEXT    NULL,
    Attempts    INTEGER NOT NULL DEFAULT 0,
    LastError   TEXT    NULL,
    UNIQUE (Kind, SubjectKey)
);
CREATE INDEX $schema$.IX_DurableTimer_Due ON DurableTimer (FiredAt, DueAt);
