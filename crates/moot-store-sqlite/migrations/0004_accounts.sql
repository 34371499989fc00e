-- Accounts for the clerk's side, and the audit log of every change.
-- Once released, this file is never edited.

-- One person who signs in. The public has no account.
CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    -- An argon2id PHC string; never the password.
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('member', 'clerk', 'admin')),
    -- The person a member's account speaks for, where linked.
    person_id INTEGER REFERENCES people(id),
    created_at TEXT NOT NULL,
    -- Set when the account may no longer sign in.
    disabled_at TEXT
);

-- Every change made through Moot's clerk side or its commands: who, when,
-- what, and the record before and after as JSON. Rows are only ever
-- added; account_id is kept loose (no foreign key) so the log outlives
-- the accounts it names.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    account_id INTEGER,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    before TEXT,
    after TEXT
);
CREATE INDEX audit_log_by_subject ON audit_log (subject, id);

-- A signed-in browser. Only the SHA-256 of its token is kept, so the
-- database cannot be used to take over a session. Times are Unix seconds.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL
);
CREATE INDEX sessions_by_account ON sessions (account_id);

-- Failed sign-ins, kept for the rate limit (so it survives a restart)
-- and pruned as they age out of its window.
CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL COLLATE NOCASE,
    address TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX login_failures_by_username ON login_failures (username, at);
CREATE INDEX login_failures_by_address ON login_failures (address, at);
