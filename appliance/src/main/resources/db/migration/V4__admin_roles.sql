-- Admin accounts get a role (read-only < operator < administrator) and can be disabled.
-- Existing accounts (the generated admin) are administrators.
ALTER TABLE admin_account ADD COLUMN role VARCHAR(16) DEFAULT 'ADMINISTRATOR' NOT NULL;
ALTER TABLE admin_account ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE admin_account ADD CONSTRAINT admin_account_role
    CHECK (role IN ('READ_ONLY', 'OPERATOR', 'ADMINISTRATOR'));
