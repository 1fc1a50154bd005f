-- A release's moves (each from and to date, when decided and why, as JSON, oldest first) and its
-- cancellation, so a date as it stood on any day can be read back.
ALTER TABLE releases.Release ADD COLUMN Reschedulings TEXT NULL;
ALTER TABLE releases.Release ADD COLUMN CancelledOn TEXT NULL;
ALTER TABLE releases.Release ADD COLUMN CancelReason TEXT NULL;
