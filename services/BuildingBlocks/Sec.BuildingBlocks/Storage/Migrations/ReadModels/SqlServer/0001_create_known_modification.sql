-- A context's read model of the register, kept from the Proposals context's events. Contexts
-- migrated before the read model moved into the building blocks have the table already.
IF OBJECT_ID(N'$schema$.KnownModification', N'U') IS NULL
    CREATE TABLE $schema$.KnownModification (
        Reference nvarchar(20)      NOT NULL CONSTRAINT PK_KnownModification PRIMARY KEY,
        Title     nvarchar(255)     NOT NULL,
        RaisedOn  date              NOT NULL,
        UpdatedAt datetimeoffset(7) NOT NULL
    );
