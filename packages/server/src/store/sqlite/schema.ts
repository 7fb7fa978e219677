/**
 * Versioned migrations of the SQLite store. Append only: a migration that has shipped is never edited.
 * Times are INTEGER epoch milliseconds in UTC, so no time zone ever enters a comparison.
 */
export const SQLITE_MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE companies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    contact_email TEXT,
    contact_phone TEXT,
    external_ref TEXT,
    created_at INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE flows (
    id TEXT PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies(id),
    status TEXT NOT NULL CHECK (status IN ('open', 'done', 'expired')),
    step TEXT NOT NULL CHECK (step IN ('consent', 'select', 'connect', 'review', 'done')),
    consent_status TEXT NOT NULL CHECK (consent_status IN ('pending', 'accepted', 'declined')),
    consent_at INTEGER,
    active_connection_id TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    finished_at INTEGER
  ) STRICT;
  -- One open flow per company: a second concurrent start fails instead of forking the flow.
  CREATE UNIQUE INDEX flows_one_open_per_company ON flows (company_id) WHERE status = 'open';
  CREATE INDEX flows_by_company ON flows (company_id, created_at);

  CREATE TABLE connections (
    id TEXT PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies(id),
    flow_id TEXT REFERENCES flows(id),
    integration TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'linked', 'failed')),
    message TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX connections_by_company ON connections (company_id, created_at);
  CREATE INDEX connections_by_flow ON connections (flow_id, created_at);

  CREATE TABLE grants (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('company_link', 'connection_link', 'access_token')),
    company_id TEXT NOT NULL REFERENCES companies(id),
    connection_id TEXT REFERENCES connections(id),
    secret_hash TEXT NOT NULL UNIQUE,
    require_2fa INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    consumed_at INTEGER,
    revoked_at INTEGER,
    superseded_at INTEGER
  ) STRICT;
  CREATE INDEX grants_by_company ON grants (company_id, kind, created_at);

  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    flow_id TEXT NOT NULL REFERENCES flows(id),
    grant_id TEXT REFERENCES grants(id), -- null for a reusable link, which has no grant
    require_2fa INTEGER NOT NULL,
    verified_at INTEGER,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    idle_expires_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    ended_at INTEGER
  ) STRICT;

  CREATE TABLE audit_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    event TEXT NOT NULL,
    company_id TEXT,
    link_id TEXT,
    flow_id TEXT,
    client_hash TEXT,
    detail TEXT
  ) STRICT;
  CREATE INDEX audit_by_company ON audit_events (company_id, seq);
  CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
  CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;

  CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start INTEGER NOT NULL,
    reset_at INTEGER NOT NULL,
    count INTEGER NOT NULL
  ) STRICT;
  `,
  `
  -- Superseding scans only the grants still usable, not every link a company was ever sent.
  CREATE INDEX grants_usable_by_company ON grants (company_id, kind, connection_id)
    WHERE consumed_at IS NULL AND revoked_at IS NULL AND superseded_at IS NULL;
  `,
  `
  -- The consent receipt: which wording (version and language) the customer accepted, and the keyed
  -- hash of the address it came from; with consent_at, the time.
  ALTER TABLE flows ADD COLUMN consent_text_version TEXT;
  ALTER TABLE flows ADD COLUMN consent_locale TEXT;
  ALTER TABLE flows ADD COLUMN consent_client_hash TEXT;
  `,
  `
  -- Pending OAuth 2 redirects: the state's keyed hash, bound to a session and a connection, used once.
  CREATE TABLE oauth_states (
    id TEXT PRIMARY KEY,
    state_hash TEXT NOT NULL UNIQUE,
    session_id TEXT NOT NULL REFERENCES sessions(id),
    flow_id TEXT NOT NULL REFERENCES flows(id),
    connection_id TEXT NOT NULL REFERENCES connections(id),
    return_to TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
  ) STRICT;
  `,
  `
  -- Retention: the audit log stays append-only except for the purge. The purge inserts its cutoff
  -- here, deletes, and deletes the row again before its commit, so no other connection ever sees a
  -- row; a DELETE outside that transaction finds none and is refused, as before.
  CREATE TABLE retention_purge (audit_before INTEGER NOT NULL) STRICT;
  DROP TRIGGER audit_events_no_delete;
  CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    WHEN NOT EXISTS (SELECT 1 FROM retention_purge WHERE OLD.at < audit_before)
    BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
  -- What the purge looks for: rows by when they ended.
  CREATE INDEX sessions_by_flow ON sessions (flow_id);
  CREATE INDEX sessions_by_grant ON sessions (grant_id);
  CREATE INDEX audit_by_time ON audit_events (at);
  -- Folding repeated views of one link looks up its latest.
  CREATE INDEX audit_by_link ON audit_events (link_id, at) WHERE link_id IS NOT NULL;
  `,
  `
  -- Uploaded statements: the records here, the bytes in the blob directory under the same id.
  CREATE TABLE files (
    id TEXT PRIMARY KEY,
    company_id TEXT NOT NULL REFERENCES companies(id),
    connection_id TEXT NOT NULL REFERENCES connections(id),
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX files_by_connection ON files (connection_id, created_at);
  `,
  `
  -- Messages waiting to be sent (mail, SMS, webhooks): the content sealed with AES-256-GCM, erased once
  -- the message leaves 'pending'; the row stays so a host can see its attempts.
  CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    subject TEXT,
    meta TEXT,
    payload TEXT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'expired')),
    attempts INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_until INTEGER,
    expires_at INTEGER NOT NULL,
    last_error TEXT,
    last_status INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    sent_at INTEGER,
    CHECK (status = 'pending' OR payload IS NULL)
  ) STRICT;
  CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE status = 'pending';
  CREATE INDEX outbox_by_subject ON outbox (subject, created_at);
  -- The language of the messages a company is sent (BCP 47; null for English).
  ALTER TABLE companies ADD COLUMN locale TEXT;
  `,
  `
  -- A session's 2FA code: its keyed hash only, replaced on each send; failures count across resends.
  CREATE TABLE second_factor_codes (
    session_id TEXT PRIMARY KEY REFERENCES sessions(id),
    company_id TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    destination TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    sent_at INTEGER NOT NULL,
    sends INTEGER NOT NULL,
    failures INTEGER NOT NULL,
    used_at INTEGER
  ) STRICT;
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
    id TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    events TEXT, -- a JSON array of event types, or NULL for every type
    description TEXT,
    secret_sealed TEXT NOT NULL,
    created_at INTEGER NOT NULL
  ) STRICT;
  -- Retention drops the webhooks of a purged link's or flow's events with it: found by these.
  CREATE INDEX outbox_by_link ON outbox (json_extract(meta, '$.linkId'));
  CREATE INDEX outbox_by_flow ON outbox (json_extract(meta, '$.flowId'));
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
