-- Anonymous events of one kind from one address within a minute share one audit
-- row (src/server/public_audit.rs); events counts them. Every other row is one event.
ALTER TABLE audit ADD COLUMN events BIGINT NOT NULL DEFAULT 1;
