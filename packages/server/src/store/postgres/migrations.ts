/**
 * Versioned migrations of the PostgreSQL store, translated from `../sqlite-schema.ts`. Append only:
 * a migration that has shipped is never edited. Times are BIGINT epoch milliseconds in UTC, as in
 * SQLite, so no time zone ever enters a comparison and both stores hand the domain the same numbers.
 * Where SQLite orders by its implicit `rowid`, these tables have an explicit `seq` identity.
 */
export const POSTGRES_MIGRATIONS: readonly string[] = [
  `
  -- The database's clock, in epoch milliseconds. A transaction may pin it with
  -- set_config('otl.now', '<ms>', true), which is how tests drive a manual clock; otherwise it is the
  -- time the current statement started, so every comparison within one statement sees one instant.
  CREATE FUNCTION otl_now() RETURNS bigint LANGUAGE sql STABLE AS $$
    SELECT COALESCE(
      NULLIF(current_setting('otl.now', true), '')::bigint,
      (extract(epoch FROM statement_timestamp()) * 1000)::bigint
    )
  $$;

  CREATE TABLE companies (
    id text PRIMARY KEY,
    name text NOT NULL,
    contact_email text,
    contact_phone text,
    external_ref text,
    created_at bigint NOT NULL
  );

  CREATE TABLE flows (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id text PRIMARY KEY,
    company_id text NOT NULL REFERENCES companies(id),
    status text NOT NULL CHECK (status IN ('open', 'done', 'expired')),
    step text NOT NULL CHECK (step IN ('consent', 'select', 'connect', 'review', 'done')),
    consent_status text NOT NULL CHECK (consent_status IN ('pending', 'accepted', 'declined')),
    consent_at bigint,
    active_connection_id text,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    finished_at bigint
  );
  -- One open flow per company: a second concurrent start fails instead of forking the flow.
  CREATE UNIQUE INDEX flows_one_open_per_company ON flows (company_id) WHERE status = 'open';
  CREATE INDEX flows_by_company ON flows (company_id, created_at);

  CREATE TABLE connections (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id text PRIMARY KEY,
    company_id text NOT NULL REFERENCES companies(id),
    flow_id text REFERENCES flows(id),
    integration text NOT NULL,
    status text NOT NULL CHECK (status IN ('pending', 'linked', 'failed')),
    message text,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
  );
  CREATE INDEX connections_by_company ON connections (company_id, created_at);
  CREATE INDEX connections_by_flow ON connections (flow_id, created_at);

  CREATE TABLE grants (
    id text PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('company_link', 'connection_link', 'access_token')),
    company_id text NOT NULL REFERENCES companies(id),
    connection_id text REFERENCES connections(id),
    secret_hash text NOT NULL UNIQUE,
    require_2fa boolean NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    consumed_at bigint,
    revoked_at bigint,
    superseded_at bigint
  );
  CREATE INDEX grants_by_company ON grants (company_id, kind, created_at);

  CREATE TABLE sessions (
    id text PRIMARY KEY,
    token_hash text NOT NULL UNIQUE,
    flow_id text NOT NULL REFERENCES flows(id),
    grant_id text REFERENCES grants(id), -- null for a reusable link, which has no grant
    require_2fa boolean NOT NULL,
    verified_at bigint,
    created_at bigint NOT NULL,
    last_seen_at bigint NOT NULL,
    idle_expires_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    ended_at bigint
  );

  CREATE TABLE audit_events (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at bigint NOT NULL,
    event text NOT NULL,
    company_id text,
    link_id text,
    flow_id text,
    client_hash text,
    detail jsonb
  );
  CREATE INDEX audit_by_company ON audit_events (company_id, seq);
  CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'restrict_violation';
    END
  $$;
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
  -- TRUNCATE fires no row trigger: SQLite has no TRUNCATE, PostgreSQL needs its own guard.
  CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

  CREATE TABLE rate_limits (
    key text PRIMARY KEY,
    window_start bigint NOT NULL,
    reset_at bigint NOT NULL,
    count integer NOT NULL
  );
  `,
  `
  -- Superseding scans only the grants still usable, not every link a company was ever sent.
  CREATE INDEX grants_usable_by_company ON grants (company_id, kind, connection_id)
    WHERE consumed_at IS NULL AND revoked_at IS NULL AND superseded_at IS NULL;
  `,
  `
  -- The consent receipt: which wording (version and language) the customer accepted, and the keyed
  -- hash of the address it came from; with consent_at, the time. (SQLite's migration 3.)
  ALTER TABLE flows ADD COLUMN consent_text_version text;
  ALTER TABLE flows ADD COLUMN consent_locale text;
  ALTER TABLE flows ADD COLUMN consent_client_hash text;
  `,
  `
  -- Pending OAuth 2 redirects: the state's keyed hash, bound to a session and a connection, used once.
  CREATE TABLE oauth_states (
    id text PRIMARY KEY,
    state_hash text NOT NULL UNIQUE,
    session_id text NOT NULL REFERENCES sessions(id),
    flow_id text NOT NULL REFERENCES flows(id),
    connection_id text NOT NULL REFERENCES connections(id),
    return_to text NOT NULL,
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    used_at bigint
  );
  `,
  `
  -- Retention: the audit log stays append-only except for the purge, which inserts its cutoff here,
  -- deletes, and deletes the row again before its commit: no other transaction ever sees the row, so
  -- a DELETE anywhere else is refused as before. (A role or a SECURITY DEFINER function would need
  -- a second database role that deployments do not have; this needs nothing but the schema.)
  CREATE TABLE retention_purge (audit_before bigint NOT NULL);
  CREATE OR REPLACE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        IF EXISTS (SELECT 1 FROM retention_purge WHERE OLD.at < audit_before) THEN
          RETURN OLD;
        END IF;
      END IF;
      RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'restrict_violation';
    END
  $$;
  CREATE INDEX sessions_by_flow ON sessions (flow_id);
  CREATE INDEX sessions_by_grant ON sessions (grant_id);
  CREATE INDEX audit_by_time ON audit_events (at);
  -- Folding repeated views of one link looks up its latest.
  CREATE INDEX audit_by_link ON audit_events (link_id, at) WHERE link_id IS NOT NULL;
  `,
  `
  -- Uploaded statements. The bytes live in the database too (file_blobs), not in a directory: several
  -- processes share one PostgreSQL and none of them shares a disk with the others.
  CREATE TABLE files (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id text PRIMARY KEY,
    company_id text NOT NULL REFERENCES companies(id),
    connection_id text NOT NULL REFERENCES connections(id),
    name text NOT NULL,
    media_type text NOT NULL,
    size bigint NOT NULL,
    created_at bigint NOT NULL
  );
  CREATE INDEX files_by_connection ON files (connection_id, created_at);
  CREATE TABLE file_blobs (
    id text PRIMARY KEY,
    bytes bytea NOT NULL
  );
  `,
  `
  -- Messages waiting to be sent (mail, SMS, webhooks): the content sealed with AES-256-GCM, erased once
  -- the message leaves 'pending'; the row stays so a host can see its attempts.
  CREATE TABLE outbox (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id text PRIMARY KEY,
    kind text NOT NULL,
    subject text,
    meta jsonb,
    payload text,
    status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'expired')),
    attempts integer NOT NULL,
    next_attempt_at bigint NOT NULL,
    lease_owner text,
    lease_until bigint,
    expires_at bigint NOT NULL,
    last_error text,
    last_status integer,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    sent_at bigint,
    CHECK (status = 'pending' OR payload IS NULL)
  );
  CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
  CREATE INDEX outbox_by_subject ON outbox (subject, created_at);
  -- The language of the messages a company is sent (BCP 47; null for English).
  ALTER TABLE companies ADD COLUMN locale text;
  `,
  `
  -- A session's 2FA code: its keyed hash only, replaced on each send; failures count across resends.
  CREATE TABLE second_factor_codes (
    session_id text PRIMARY KEY REFERENCES sessions(id),
    company_id text NOT NULL,
    code_hash text NOT NULL,
    channel text NOT NULL CHECK (channel IN ('email', 'sms')),
    destination text NOT NULL,
    expires_at bigint NOT NULL,
    sent_at bigint NOT NULL,
    sends integer NOT NULL,
    failures integer NOT NULL,
    used_at bigint
  );
  `,
  `
  -- GET /v1/audit filters by link or by event and pages by seq; GET /v1/companies pages by (created_at, id).
  CREATE INDEX audit_by_link_seq ON audit_events (link_id, seq);
  CREATE INDEX audit_by_event ON audit_events (event, seq);
  CREATE INDEX companies_by_age ON companies (created_at, id);
  `,
  `
  -- Webhook endpoints made through the admin API; the signing secret sealed with the outbox's cipher.
  CREATE TABLE webhook_endpoints (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id text PRIMARY KEY,
    url text NOT NULL,
    events jsonb, -- an array of event types, or NULL for every type
    description text,
    secret_sealed text NOT NULL,
    created_at bigint NOT NULL
  );
  -- Retention drops the webhooks of a purged link's or flow's events with it: found by these.
  CREATE INDEX outbox_by_link ON outbox ((meta->>'linkId'));
  CREATE INDEX outbox_by_flow ON outbox ((meta->>'flowId'));
  `,
  `
  -- Each audit row went into two indexes on link_id: (link_id, at) for folding repeated views, (link_id, seq)
  -- for GET /v1/audit?linkId. One partial index on (link_id, seq) serves both (a link's rows are few), and
  -- rows without a link (most of a flow's) no longer enter any link index: every appended row costs less.
  DROP INDEX audit_by_link;
  DROP INDEX audit_by_link_seq;
  CREATE INDEX audit_by_link ON audit_events (link_id, seq) WHERE link_id IS NOT NULL;
  `,
  `
  -- Every appended audit row went into an index on \`at\` that only retention used. Retention now finds the
  -- rows it purges by seq (the log's insertion order, which \`at\` follows): the oldest rows, up to the first
  -- one still within the window (see the store's purge). One index fewer to write on every append.
  DROP INDEX audit_by_time;
  `,
];
