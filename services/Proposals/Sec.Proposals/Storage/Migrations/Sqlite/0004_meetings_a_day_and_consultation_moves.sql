-- A Working Group may meet more than once a day: each meeting is numbered within its day and keeps
-- its outcome. SQLite cannot drop the old one-a-day constraint, so the table is rebuilt with the
-- same ids (agenda items keep pointing at their meetings). An expected consultation can be
-- cancelled with a reason; responses carry the respondent's position and text.
CREATE TABLE proposals.WorkingGroupMeetingByNumber (
    Id                TEXT    NOT NULL PRIMARY KEY,
    WorkingGroup      TEXT    NOT NULL REFERENCES WorkingGroup (Name),
    MeetingOn         TEXT    NOT NULL,
    Number            INTEGER NOT NULL,
    Kind              INTEGER NOT NULL,
    AgendaConfirmedOn TEXT    NULL,
    Outcome           TEXT    NULL,
    UNIQUE (WorkingGroup, MeetingOn, Number)
);
INSERT INTO proposals.WorkingGroupMeetingByNumber (Id, WorkingGroup, MeetingOn, Number, Kind, AgendaConfirmedOn, Outcome)
SELECT Id, WorkingGroup, MeetingOn, 1, Kind, AgendaConfirmedOn, NULL FROM proposals.WorkingGroupMeeting;
DROP TABLE proposals.WorkingGroupMeeting;
ALTER TABLE proposals.WorkingGroupMeetingByNumber RENAME TO WorkingGroupMeeting;

ALTER TABLE proposals.Consultation ADD COLUMN CancelledOn TEXT NULL;
ALTER TABLE proposals.Consultation ADD COLUMN CancellationReason TEXT NULL;
ALTER TABLE proposals.ConsultationResponse ADD COLUMN Position INTEGER NULL;
ALTER TABLE proposals.ConsultationResponse ADD COLUMN Text TEXT NULL;
