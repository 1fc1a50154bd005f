-- What a consumer could not apply: kept until it is applied on a retry or resolved with a reason,
-- so a disagreement between contexts is never only a log line.
CREATE TABLE $schema$.Discrepancy (
    Id           bigint IDENTITY(1,1) NOT NULL CONSTRAINT PK_$schema$_Discrepancy PRIMARY KEY,
    Consumer     nvarchar(300)     NOT NULL,
    ConsumerType nvarchar(600)     NOT NULL,
    MessageId    nvarchar(40)      NOT NULL,
    MessageType  nvarchar(300)     NOT NULL,
    Reference    nvarchar(20)      NULL,
    EffectiveOn  date              NULL,
    Reason       nvarchar(2000)    NOT NULL,
    Payload      nvarchar(max)     NOT NULL,
    FirstSeenAt  datetimeoffset(7) NOT NULL,
    LastTriedAt  datetimeoffset(7) NOT NULL,
    Attempts     int               NOT NULL,
    ResolvedAt   datetimeoffset(7) NULL,
    ResolvedBy   nvarchar(400)     NULL,
    Resolution   nvarchar(2000)    NULL
);

CREATE UNIQUE INDEX UX_Discrepancy_Message ON $schema$.Discrepancy (Consumer, MessageId);
CREATE INDEX IX_Discrepancy_Open ON $schema$.Discrepancy (ResolvedAt, Id);
