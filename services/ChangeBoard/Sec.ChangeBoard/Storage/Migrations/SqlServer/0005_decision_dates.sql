-- The business date of each vote and of each decision: a vote cast or closed, or an Impact
-- Assessment request decided, after its meeting carries its own date (NULL: the meeting's).
ALTER TABLE changeboard.AgendaItem ADD DecidedOn date NULL;
ALTER TABLE changeboard.Vote ADD CastOn date NULL;
