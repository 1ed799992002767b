-- The vendor registry: providers, their audit trail, idempotent creates.
--
-- A provider's full record is the serialised vendormatch.v1.Provider in
-- `body`; the other columns copy what List filters and orders on, kept in
-- step by the application in the same statement that writes `body`.
CREATE TABLE providers (
  id                   text PRIMARY KEY,
  display_name         text NOT NULL,
  status               text NOT NULL
                       CHECK (status IN ('PENDING', 'ACTIVE', 'SUSPENDED', 'OFFBOARDED')),
  headquarters_country text NOT NULL,
  service_models       text[] NOT NULL,  -- 'BPO', 'KPO'
  services             text[] NOT NULL,  -- catalogue codes
  delivery_countries   text[] NOT NULL,  -- ISO 3166-1 alpha-2 of every centre
  certifications       text[] NOT NULL,  -- certification codes
  languages            text[] NOT NULL,  -- lower-case tags and their primary subtags
  industries           text[] NOT NULL,  -- industry codes
  delivery_models      text[] NOT NULL,  -- declared: 'ONSHORE', 'NEARSHORE', 'OFFSHORE'
  revision             bigint NOT NULL CHECK (revision >= 1),
  create_time          timestamptz NOT NULL,
  update_time          timestamptz NOT NULL,
  body                 bytea NOT NULL
);

CREATE INDEX providers_status ON providers (status);
CREATE INDEX providers_headquarters_country ON providers (headquarters_country);
CREATE INDEX providers_display_name ON providers (display_name, id);
CREATE INDEX providers_create_time ON providers (create_time, id);
CREATE INDEX providers_update_time ON providers (update_time, id);
CREATE INDEX providers_service_models ON providers USING gin (service_models);
CREATE INDEX providers_services ON providers USING gin (services);
CREATE INDEX providers_delivery_countries ON providers USING gin (delivery_countries);
CREATE INDEX providers_certifications ON providers USING gin (certifications);
CREATE INDEX providers_languages ON providers USING gin (languages);
CREATE INDEX providers_industries ON providers USING gin (industries);
CREATE INDEX providers_delivery_models ON providers USING gin (delivery_models);

CREATE TABLE audit_events (
  id             bigserial PRIMARY KEY,
  provider_id    text NOT NULL REFERENCES providers (id),
  actor          text NOT NULL,
  action         text NOT NULL,
  event_time     timestamptz NOT NULL DEFAULT now(),
  old_revision   bigint NOT NULL,
  new_revision   bigint NOT NULL,
  changed_fields text[] NOT NULL,
  reason         text NOT NULL DEFAULT '',
  request_id     text NOT NULL DEFAULT ''
);

CREATE INDEX audit_events_provider ON audit_events (provider_id, id);

-- One row per CreateProvider request_id: the first answer, returned again to
-- a retry.
CREATE TABLE create_requests (
  request_id   text PRIMARY KEY,
  request_hash text NOT NULL,
  provider_id  text NOT NULL REFERENCES providers (id),
  response     bytea NOT NULL,
  create_time  timestamptz NOT NULL DEFAULT now()
);
