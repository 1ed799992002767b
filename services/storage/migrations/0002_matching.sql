-- Matching: change notifications for the in-memory snapshots, and scoring
-- profiles with their audit trail.

-- One notification per statement that changes providers; every replica
-- listening on vendormatch_registry rebuilds its snapshot.
CREATE FUNCTION notify_registry_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('vendormatch_registry', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER providers_changed
  AFTER INSERT OR UPDATE OR DELETE ON providers
  FOR EACH STATEMENT EXECUTE FUNCTION notify_registry_change();

CREATE TABLE profiles (
  id          text PRIMARY KEY,
  revision    bigint NOT NULL CHECK (revision >= 1),
  update_time timestamptz NOT NULL,
  body        bytea NOT NULL  -- serialised vendormatch.v1.Profile
);

CREATE TABLE profile_audit_events (
  id             bigserial PRIMARY KEY,
  profile_id     text NOT NULL REFERENCES profiles (id),
  actor          text NOT NULL,
  action         text NOT NULL,
  event_time     timestamptz NOT NULL DEFAULT now(),
  old_revision   bigint NOT NULL,
  new_revision   bigint NOT NULL,
  changed_fields text[] NOT NULL
);

CREATE FUNCTION notify_profile_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('vendormatch_profiles', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER profiles_changed
  AFTER INSERT OR UPDATE OR DELETE ON profiles
  FOR EACH STATEMENT EXECUTE FUNCTION notify_profile_change();
