-- Calls made with an idempotency key: the key, a fingerprint of the call (method, caller and body)
-- and the answer it got. The row commits in the write's own transaction, so a retried call finds
-- it exactly when the first one took effect.
CREATE TABLE $schema$.IdempotentRequest (
    IdempotencyKey nvarchar(200)     NOT NULL CONSTRAINT PK_$schema$_IdempotentRequest PRIMARY KEY,
    Method         nvarchar(200)     NOT NULL,
    Fingerprint    char(64)          NOT NULL,
    Response       nvarchar(max)     NULL,
    CreatedAt      datetimeoffset(7) NOT NULL
);
