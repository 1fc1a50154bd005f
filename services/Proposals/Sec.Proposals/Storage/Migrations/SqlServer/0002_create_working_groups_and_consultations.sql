-- Working Groups and their meetings with agendas, and the two consultations with their responses.
CREATE TABLE proposals.WorkingGroup (
    Name  nvarchar(100) NOT NULL CONSTRAINT PK_WorkingGroup PRIMARY KEY,
    Theme nvarchar(400) NOT NULL
);

CREATE TABLE proposals.WorkingGroupMeeting (
    Id                char(36)      NOT NULL CONSTRAINT PK_WorkingGroupMeeting PRIMARY KEY,
    WorkingGroup      nvarchar(100) NOT NULL CONSTRAINT FK_WorkingGroupMeeting_Group REFERENCES proposals.WorkingGroup (Name),
    MeetingOn         date          NOT NULL,
    Kind              int           NOT NULL,
    AgendaConfirmedOn date          NULL,
    CONSTRAINT UQ_WorkingGroupMeeting UNIQUE (WorkingGroup, MeetingOn)
);

CREATE TABLE proposals.AgendaItem (
    MeetingId  char(36) NOT NULL CONSTRAINT FK_AgendaItem_Meeting REFERENCES proposals.WorkingGroupMeeting (Id),
    ProposalId char(36) NOT NULL CONSTRAINT FK_AgendaItem_Proposal REFERENCES proposals.Proposal (Id),
    CONSTRAINT PK_AgendaItem PRIMARY KEY (MeetingId, ProposalId)
);

CREATE TABLE proposals.Consultation (
    Id                     char(36) NOT NULL CONSTRAINT PK_Consultation PRIMARY KEY,
    ProposalId             char(36) NOT NULL CONSTRAINT FK_Consultation_Proposal REFERENCES proposals.Proposal (Id),
    Kind                   int      NOT NULL,
    ExpectedWeekCommencing date     NULL,
    IssuedOn               date     NULL,
    ClosesOn               date     NULL,
    CONSTRAINT UQ_Consultation UNIQUE (ProposalId, Kind)
);

CREATE TABLE proposals.ConsultationResponse (
    Sequence       bigint IDENTITY(1, 1) NOT NULL CONSTRAINT PK_ConsultationResponse PRIMARY KEY,
    ConsultationId char(36)      NOT NULL CONSTRAINT FK_ConsultationResponse_Consultation REFERENCES proposals.Consultation (Id),
    Respondent     nvarchar(200) NOT NULL,
    Organisation   nvarchar(200) NOT NULL,
    PartyCategory  nvarchar(100) NOT NULL,
    ReceivedOn     date          NOT NULL
);
