-- Expired enrollment sessions are deleted when the next one starts
-- (Store::insert_enrollment); this index keeps that cheap.
CREATE INDEX enrollments_by_expiry ON enrollments (expires_at);
