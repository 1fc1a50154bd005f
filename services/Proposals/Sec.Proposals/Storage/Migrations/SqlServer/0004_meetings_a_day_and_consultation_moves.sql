-- A Working Group may meet more than once a day: each meeting is numbered within its day and keeps
-- its outcome. An expected consultation can be cancelled with a reason; responses carry the
-- respondent's position and text.
ALTER TABLE proposals.WorkingGroupMeeting DROP CONSTRAINT UQ_WorkingGroupMeeting;
ALTER TABLE proposals.WorkingGroupMeeting ADD Number int NOT NULL CONSTRAINT DF_WorkingGroupMeeting_Number DEFAULT 1;
ALTER TABLE proposals.WorkingGroupMeeting ADD Outcome nvarchar(4000) NULL;
ALTER TABLE proposals.WorkingGroupMeeting ADD CONSTRAINT UQ_WorkingGroupMeeting_Number UNIQUE (WorkingGroup, MeetingOn, Number);

ALTER TABLE proposals.Consultation ADD CancelledOn date NULL;
ALTER TABLE proposals.Consultation ADD CancellationReason nvarchar(1000) NULL;
ALTER TABLE proposals.ConsultationResponse ADD Position int NULL;
ALTER TABLE proposals.ConsultationResponse ADD Text nvarchar(4000) NULL;
