-- Webhook subscriptions an operator registers, and each event's delivery to each of them: the
-- deliveries are the webhooks' own outbox, tried until delivered or out of attempts, and their log.
CREATE TABLE proposals.WebhookSubscription (
    Id          TEXT    NOT NULL PRIMARY KEY,
    Url         TEXT    NOT NULL,
    EventKinds  TEXT    NOT NULL,
    Secret      TEXT    NOT NULL,
    Description TEXT    NOT NULL,
    CreatedAt   TEXT    NOT NULL,
    CreatedBy   TEXT    NOT NULL,
    RemovedAt   TEXT    NULL
);
CREATE TABLE proposals.WebhookDelivery (
    Id             INTEGER PRIMARY KEY AUTOINCREMENT,
    SubscriptionId TEXT    NOT NULL REFERENCES WebhookSubscription (Id),
    MessageId      TEXT    NOT NULL,
    EventKind      TEXT    NOT NULL,
    Reference      TEXT    NOT NULL,
    Body           TEXT    NOT NULL,
    Status         INTEGER NOT NULL,
    Attempts       INTEGER NOT NULL,
    NextAttemptAt  TEXT    NULL,
    LastAttemptAt  TEXT    NULL,
    LastOutcome    TEXT    NOT NULL,
    DeliveredAt    TEXT    NULL,
    CreatedAt      TEXT    NOT NULL,
    CONSTRAINT UX_WebhookDelivery_Message UNIQUE (SubscriptionId, MessageId)
);
CREATE INDEX proposals.IX_WebhookDelivery_Due ON WebhookDelivery (Status, NextAttemptAt);
