-- Working Groups and their meetings with agendas, and the two consultations with their responses.
CREATE TABLE proposals.WorkingGroup (
    Name  TEXT NOT NULL PRIMARY KEY,
    Theme TEXT NOT NULL
);

CREATE TABLE proposals.WorkingGroupMeeting (
    Id                TEXT    NOT NULL PRIMARY KEY,
    WorkingGroup      TEXT    NOT NULL REFERENCES WorkingGroup (Name),
    MeetingOn         TEXT    NOT NULL,
    Kind              INTEGER NOT NULL,
    AgendaConfirmedOn TEXT    NULL,
    UNIQUE (WorkingGroup, MeetingOn)
);

CREATE TABLE proposals.AgendaItem (
    MeetingId  TEXT NOT NULL REFERENCES WorkingGroupMeeting (Id),
    ProposalId TEXT NOT NULL REFERENCES Proposal (Id),
    PRIMARY KEY (MeetingId, ProposalId)
);

CREATE TABLE proposals.Consultation (
    Id                     TEXT    NOT NULL PRIMARY KEY,
    ProposalId             TEXT    NOT NULL REFERENCES Proposal (Id),
    Kind                   INTEGER NOT NULL,
    ExpectedWeekCommencing TEXT    NULL,
    IssuedOn               TEXT    NULL,
    ClosesOn               TEXT    NULL,
    UNIQUE (ProposalId, Kind)
);

CREATE TABLE proposals.ConsultationResponse (
    Sequence       INTEGER PRIMARY KEY AUTOINCREMENT,
    ConsultationId TEXT NOT NULL REFERENCES Consultation (Id),
    Respondent     TEXT NOT NULL,
    Organisation   TEXT NOT NULL,
    PartyCategory  TEXT NOT NULL,
    ReceivedOn     TEXT NOT NULL
);
