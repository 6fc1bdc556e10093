-- Where and in which language a user's activation code is delivered
-- (`otpd user add --email --lang`, `otpd user import`). Both may stay NULL: such a
-- user's code is handed over by the administrator as before.
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE users ADD COLUMN lang TEXT;
