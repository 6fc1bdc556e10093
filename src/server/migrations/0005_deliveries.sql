-- How activation codes reach users: a customer's own language and contact for the
-- messages (`otpd customer add|set --lang --contact`), and one row per delivery
-- attempt (`otpd issue --send email|webhook`). A delivery row never holds the code
-- or the address: the channel, sent or failed, the delivery error code, the time.
ALTER TABLE customers ADD COLUMN lang TEXT;
ALTER TABLE customers ADD COLUMN contact TEXT;

-- state: sent, failed; error: SE6xxx when failed
CREATE TABLE deliveries (
    id TEXT PRIMARY KEY,
    user_ref TEXT NOT NULL REFERENCES users(id),
    activation_id TEXT NOT NULL REFERENCES activations(id),
    channel TEXT NOT NULL,
    state TEXT NOT NULL,
    error TEXT,
    at_us BIGINT NOT NULL
);
CREATE INDEX deliveries_by_user ON deliveries (user_ref, at_us);
