-- The Releases context's read model of the register, kept from the Proposals context's events.
CREATE TABLE releases.KnownModification (
    Reference nvarchar(20)      NOT NULL CONSTRAINT PK_Releases_KnownModification PRIMARY KEY,
    Title     nvarchar(255)     NOT NULL,
    RaisedOn  date              NOT NULL,
    UpdatedAt datetimeoffset(7) NOT NULL
);
