-- The ChangeBoard context's read model of the register, kept from the Proposals context's events.
CREATE TABLE changeboard.KnownModification (
    Reference TEXT NOT NULL PRIMARY KEY,
    Title     TEXT NOT NULL,
    RaisedOn  TEXT NOT NULL,
    UpdatedAt TEXT NOT NULL
);
