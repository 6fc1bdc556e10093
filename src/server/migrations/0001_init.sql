-- otpd schema, the same for SQLite and PostgreSQL: only TEXT and BIGINT columns,
-- ids chosen by otpd, secrets sealed under the master key (base64 text).

CREATE TABLE customers (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    server_url TEXT,
    disabled BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    customer TEXT NOT NULL REFERENCES customers(code),
    user_id TEXT NOT NULL,
    display_name TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (customer, user_id)
);

-- state: live, used, burned, revoked
CREATE TABLE activations (
    id TEXT PRIMARY KEY,
    user_ref TEXT NOT NULL REFERENCES users(id),
    code_sealed TEXT NOT NULL,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX activations_by_user ON activations (user_ref, state);

-- state: open, done; activation_id is NULL for the decoy sessions of unknown IDs
CREATE TABLE enrollments (
    id TEXT PRIMARY KEY,
    activation_id TEXT REFERENCES activations(id),
    keys_sealed TEXT NOT NULL,
    device_name TEXT,
    state TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);

-- state: pending, active, replaced, revoked
CREATE TABLE tokens (
    serial TEXT PRIMARY KEY,
    user_ref TEXT NOT NULL REFERENCES users(id),
    seed_sealed TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    digits BIGINT NOT NULL,
    period BIGINT NOT NULL,
    state TEXT NOT NULL,
    last_step BIGINT NOT NULL DEFAULT -1,
    fail_count BIGINT NOT NULL DEFAULT 0,
    device_name TEXT,
    created_at BIGINT NOT NULL,
    pending_until BIGINT NOT NULL,
    activated_at BIGINT
);
CREATE INDEX tokens_by_user ON tokens (user_ref, state);
-- At most one active token per user: re-enrollment replaces, never duplicates.
CREATE UNIQUE INDEX tokens_one_active ON tokens (user_ref) WHERE state = 'active';

CREATE TABLE api_clients (
    id TEXT PRIMARY KEY,
    customer TEXT NOT NULL REFERENCES customers(code),
    name TEXT NOT NULL,
    key_hash TEXT NOT NULL,
    revoked BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE audit (
    id TEXT PRIMARY KEY,
    at_us BIGINT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    customer TEXT,
    user_id TEXT,
    outcome TEXT NOT NULL,
    detail TEXT
);
CREATE INDEX audit_by_time ON audit (at_us);
