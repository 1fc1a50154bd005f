-- The business date of each vote and of each decision: a vote cast or closed, or an Impact
-- Assessment request decided, after its meeting carries its own date (NULL: the meeting's).
ALTER TABLE changeboard.AgendaItem ADD COLUMN DecidedOn TEXT NULL;
ALTER TABLE changeboard.Vote ADD COLUMN CastOn TEXT NULL;
