-- Push approvals with number matching (issue 12), and enrollment codes of other
-- shapes: a customer's activation codes have 5 to 8 digits (`otpd customer add
-- --code-digits`); a token may hold its device's Ed25519 public key (base64url),
-- sent sealed at enrollment or with `POST /v1/push/register`; a login system's
-- request waits in push_requests for the device's signed answer.
ALTER TABLE customers ADD COLUMN code_digits BIGINT NOT NULL DEFAULT 6;
ALTER TABLE tokens ADD COLUMN device_key TEXT;

-- Denials in a row ("not me" or a wrong number); at lock_after_denials the user's
-- pushes are locked until `otpd unlock`. An approval resets the count.
ALTER TABLE users ADD COLUMN push_denials BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN push_locked BIGINT NOT NULL DEFAULT 0;

-- state: pending, approved, denied, expired; reason: not_me, wrong_number (denied).
-- numbers: the three numbers the device shows, comma-separated, in shown order.
-- A pending row past expires_at reads as expired (and is marked so when answered).
CREATE TABLE push_requests (
    id TEXT PRIMARY KEY,
    user_ref TEXT NOT NULL REFERENCES users(id),
    serial TEXT NOT NULL,
    customer TEXT NOT NULL,
    api_client TEXT NOT NULL,
    number TEXT NOT NULL,
    numbers TEXT NOT NULL,
    service TEXT,
    client_ip TEXT,
    context_text TEXT,
    state TEXT NOT NULL,
    reason TEXT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    answered_at BIGINT
);
CREATE INDEX push_requests_by_user ON push_requests (user_ref, state, expires_at);
CREATE INDEX push_requests_by_expiry ON push_requests (expires_at);
