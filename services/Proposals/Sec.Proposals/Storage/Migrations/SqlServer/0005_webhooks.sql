-- Webhook subscriptions an operator registers, and each event's delivery to each of them: the
-- deliveries are the webhooks' own outbox, tried until delivered or out of attempts, and their log.
CREATE TABLE proposals.WebhookSubscription (
    Id          char(36)          NOT NULL CONSTRAINT PK_WebhookSubscription PRIMARY KEY,
    Url         nvarchar(2000)    NOT NULL,
    EventKinds  nvarchar(2000)    NOT NULL,
    Secret      nvarchar(256)     NOT NULL,
    Description nvarchar(200)     NOT NULL,
    CreatedAt   datetimeoffset(7) NOT NULL,
    CreatedBy   nvarchar(200)     NOT NULL,
    RemovedAt   datetimeoffset(7) NULL
);
CREATE TABLE proposals.WebhookDelivery (
    Id             bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_WebhookDelivery PRIMARY KEY,
    SubscriptionId char(36)          NOT NULL CONSTRAINT FK_WebhookDelivery_Subscription REFERENCES proposals.WebhookSubscription (Id),
    MessageId      char(36)          NOT NULL,
    EventKind      nvarchar(100)     NOT NULL,
    Reference      nvarchar(20)      NOT NULL,
    Body           nvarchar(max)     NOT NULL,
    Status         int               NOT NULL,
    Attempts       int               NOT NULL,
    NextAttemptAt  datetimeoffset(7) NULL,
    LastAttemptAt  datetimeoffset(7) NULL,
    LastOutcome    nvarchar(500)     NOT NULL,
    DeliveredAt    datetimeoffset(7) NULL,
    CreatedAt      datetimeoffset(7) NOT NULL,
    CONSTRAINT UX_WebhookDelivery_Message UNIQUE (SubscriptionId, MessageId)
);
CREATE INDEX IX_WebhookDelivery_Due ON proposals.WebhookDelivery (Status, NextAttemptAt);
