-- The Assessments context's read model of the register, kept from the Proposals context's events.
CREATE TABLE assessments.KnownModification (
    Reference nvarchar(20)      NOT NULL CONSTRAINT PK_Assessments_KnownModification PRIMARY KEY,
    Title     nvarchar(255)     NOT NULL,
    RaisedOn  date              NOT NULL,
    UpdatedAt datetimeoffset(7) NOT NULL
);
