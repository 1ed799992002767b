-- The change feed matching servers refresh their snapshots from: every
-- audit row carries the id of the transaction that wrote it. A server that
-- read the registry under a snapshot whose oldest running transaction was X
-- later reads the rows with txid >= X: every change its read could not see
-- is among them (re-reading a change twice is harmless), whatever order
-- concurrent writers commit in. Ids (bigserial) alone would miss a change
-- whose transaction took an id before, and committed after, a newer one.
ALTER TABLE audit_events ADD COLUMN txid bigint NOT NULL DEFAULT txid_current();
CREATE INDEX audit_events_txid ON audit_events (txid);
