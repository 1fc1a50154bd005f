-- The building blocks every context keeps in its own schema: a counter table, the transactional
-- outbox, the consumer inbox and the durable timers.
CREATE TABLE $schema$.Counter (
    Name  nvarchar(100) NOT NULL CONSTRAINT PK_$schema$_Counter PRIMARY KEY,
    Value bigint        NOT NULL
);

CREATE TABLE $schema$.OutboxMessage (
    Sequence    bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_$schema$_OutboxMessage PRIMARY KEY,
    Id          char(36)         NOT NULL CONSTRAINT UQ_$schema$_OutboxMessage_Id UNIQUE,
    MessageType nvarchar(400)    NOT NULL,
    Payload     nvarchar(max)    NOT NULL,
    TraceParent nvarchar(200)    NULL,
    OccurredAt  datetimeoffset(7) NOT NULL,
    SentAt      datetimeoffset(7) NULL,
    LockedUntil datetimeoffset(7) NULL,
    LockedBy    nvarchar(200)    NULL,
    Attempts    int              NOT NULL CONSTRAINT DF_$schema$_OutboxMessage_Attempts DEFAULT 0,
    LastError   nvarchar(max)    NULL
);
CREATE INDEX IX_OutboxMessage_Unsent ON $schema$.OutboxMessage (SentAt, Sequence);

CREATE TABLE $schema$.InboxMessage (
    MessageId   char(36)          NOT NULL,
    Consumer    nvarchar(400)     NOT NULL,
    MessageType nvarchar(400)     NOT NULL,
    ReceivedAt  datetimeoffset(7) NOT NULL,
    CONSTRAINT PK_$schema$_InboxMessage PRIMARY KEY (MessageId, Consumer)
);

CREATE TABLE $schema$.DurableTimer (
    Id          char(36)          NOT NULL CONSTRAINT PK_$schema$_DurableTimer PRIMARY KEY,
    Kind        nvarchar(100)     NOT NULL,
    SubjectKey  nvarchar(200)     NOT NULL,
    DueAt       datetimeoffset(7) NOT NULL,
    Payload     nvarchar(max)     NULL,
    CreatedAt   datetimeoffset(7) NOT NULL,
    FiredAt     datetimeoffset(7) NULL,
    CancelledAt datetimeoffset(7) NULL,
    LockedUntil datetimeoffset(7) NULL,
    LockedBy    nvarchar(200)     NULL,
    Attempts    int               NOT NULL CONSTRAINT DF_$schema$_DurableTimer_Attempts DEFAULT 0,
    LastError   nvarchar(max)     NULL,
    CONSTRAINT UQ_$schema$_DurableTimer_Subject UNIQUE (Kind, SubjectKey)
);
CREATE INDEX IX_DurableTimer_Due ON $schema$.DurableTimer (FiredAt, DueAt);
