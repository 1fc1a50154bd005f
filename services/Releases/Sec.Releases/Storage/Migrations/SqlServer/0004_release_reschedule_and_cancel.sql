-- A release's moves (each from and to date, when decided and why, as JSON, oldest first) and its
-- cancellation, so a date as it stood on any day can be read back.
ALTER TABLE releases.Release ADD Reschedulings nvarchar(max) NULL, CancelledOn date NULL, CancelReason nvarchar(2000) NULL;
