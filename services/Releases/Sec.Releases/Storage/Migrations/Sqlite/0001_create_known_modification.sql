-- The Releases context's read model of the register, kept from the Proposals context's events.
CREATE TABLE releases.KnownModification (
    Reference TEXT NOT NULL PRIMARY KEY,
    Title     TEXT NOT NULL,
    RaisedOn  TEXT NOT NULL,
    UpdatedAt TEXT NOT NULL
);
