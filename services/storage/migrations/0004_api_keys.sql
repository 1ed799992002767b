-- API keys and who made each change. A key's secret is never stored: only
-- its SHA-256, which is what a presented bearer token is looked up by.
CREATE TABLE api_keys (
  id            text PRIMARY KEY,
  secret_sha256 bytea NOT NULL UNIQUE CHECK (length(secret_sha256) = 32),
  role          text NOT NULL CHECK (role IN ('admin', 'procurement', 'reader')),
  label         text NOT NULL,
  create_time   timestamptz NOT NULL DEFAULT now(),
  expire_time   timestamptz,
  revoke_time   timestamptz,
  creator       text NOT NULL,
  revoker       text NOT NULL DEFAULT ''
);

-- Notifies the channel named by the trigger's argument; for the tables
-- from here on.
CREATE FUNCTION notify_channel() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify(TG_ARGV[0], '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Every replica keeps the keys in memory and reloads them on this
-- notification, so a revoked key stops working everywhere at once.
CREATE TRIGGER api_keys_changed
  AFTER INSERT OR UPDATE OR DELETE ON api_keys
  FOR EACH STATEMENT EXECUTE FUNCTION notify_channel('vendormatch_keys');

ALTER TABLE audit_events ADD COLUMN key_id text NOT NULL DEFAULT '';
ALTER TABLE profile_audit_events ADD COLUMN key_id text NOT NULL DEFAULT '';
