-- A release's scope and the titles of its modifications are read by release (the report's
-- upcoming and implemented releases), not by scanning every release's scope.
CREATE INDEX releases.IX_ScopeEntry_Release ON ScopeEntry (ReleaseId, Reference);
