-- The report lists a month's votes (by meeting), the decisions final in a month and those with the
-- Authority (by status and final date), without scanning every agenda item.
CREATE INDEX IX_AgendaItem_Meeting ON changeboard.AgendaItem (MeetingId);
CREATE INDEX IX_AgendaItem_Status ON changeboard.AgendaItem (Status, FinalOn);
