-- A context's read model of the register, kept from the Proposals context's events. Contexts
-- migrated before the read model moved into the building blocks have the table already.
CREATE TABLE IF NOT EXISTS $schema$.KnownModification (
    Reference TEXT NOT NULL PRIMARY KEY,
    Title     TEXT NOT NULL,
    RaisedOn  TEXT NOT NULL,
    UpdatedAt TEXT NOT NULL
);
