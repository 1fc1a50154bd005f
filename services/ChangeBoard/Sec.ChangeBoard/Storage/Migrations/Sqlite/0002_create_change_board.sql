-- Members and their voting groups, meetings, agenda items with their decisions, votes (kept when
-- changed), and the modifications the register has sent for decision.
CREATE TABLE changeboard.Member (
    Id           TEXT    NOT NULL PRIMARY KEY,
    Name         TEXT    NOT NULL,
    Organisation TEXT    NOT NULL,
    VotingGroup  INTEGER NOT NULL,
    FromDate     TEXT    NOT NULL,
    ToDate       TEXT    NULL
);

CREATE TABLE changeboard.Meeting (
    Id        TEXT NOT NULL PRIMARY KEY,
    MeetingOn TEXT NOT NULL UNIQUE
);

CREATE TABLE changeboard.AgendaItem (
    Id                   TEXT    NOT NULL PRIMARY KEY,
    MeetingId            TEXT    NOT NULL REFERENCES Meeting (Id),
    Reference            TEXT    NOT NULL,
    Kind                 INTEGER NOT NULL,
    Path                 INTEGER NOT NULL,
    Status               INTEGER NOT NULL,
    Outcome              INTEGER NOT NULL,
    Breakdown            TEXT    NULL,
    CountingRule         TEXT    NULL,
    ReferralWindowEndsOn TEXT    NULL,
    ReferredBy           TEXT    NULL,
    ReferredOn           TEXT    NULL,
    FinalOutcome         INTEGER NOT NULL,
    FinalOn              TEXT    NULL,
    CarriedTo            TEXT    NULL,
    Version              INTEGER NOT NULL
);
CREATE INDEX changeboard.IX_AgendaItem_Reference ON AgendaItem (Reference);

CREATE TABLE changeboard.Vote (
    Sequence   INTEGER PRIMARY KEY AUTOINCREMENT,
    ItemId     TEXT    NOT NULL REFERENCES AgendaItem (Id),
    MemberId   TEXT    NOT NULL REFERENCES Member (Id),
    MemberName TEXT    NOT NULL,
    VotingGroup INTEGER NOT NULL,
    Value      INTEGER NOT NULL,
    Superseded INTEGER NOT NULL,
    CastAt     TEXT    NOT NULL
);
CREATE INDEX changeboard.IX_Vote_Item ON Vote (ItemId, Sequence);

CREATE TABLE changeboard.ReadyForDecision (
    Reference TEXT    NOT NULL PRIMARY KEY,
    Path      INTEGER NOT NULL,
    ReadyOn   TEXT    NOT NULL
);
