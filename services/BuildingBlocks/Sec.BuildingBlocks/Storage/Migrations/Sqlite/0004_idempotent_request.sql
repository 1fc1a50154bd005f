-- Calls made with an idempotency key: the key, a fingerprint of the call (method, caller and body)
-- and the answer it got. The row commits in the write's own transaction, so a retried call finds
-- it exactly when the first one took effect.
CREATE TABLE $schema$.IdempotentRequest (
    IdempotencyKey TEXT NOT NULL PRIMARY KEY,
    Method         TEXT NOT NULL,
    Fingerprint    TEXT NOT NULL,
    Response       TEXT NULL,
    CreatedAt      TEXT NOT NULL
);
