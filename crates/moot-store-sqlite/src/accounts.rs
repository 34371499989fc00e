//! Accounts, sessions and the sign-in rate limit.
//!
//! Every change to an account is one `IMMEDIATE` transaction carrying its
//! audit entry ([`crate::audit::record`]). Passwords are hashed (slowly)
//! before the transaction opens, so a sign-in never holds the write lock
//! while argon2 runs. Sessions are rows keyed by the SHA-256 of their
//! token; disabling an account deletes its sessions in the same
//! transaction, and a session of a disabled account is never honoured
//! anyway. Times are Unix seconds from SQLite's clock.

use crate::audit;
use crate::db;
use moot_store::{Account, AccountId, Actor, NewAccount, PersonId, Role, SignIn, StoreError};
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use serde_json::{json, Value};

/// A session unused for this long ends.
pub const IDLE_SECONDS: i64 = 60 * 60;
/// A session ends this long after sign-in, however busy.
pub const ABSOLUTE_SECONDS: i64 = 12 * 60 * 60;
/// How long a failed sign-in counts against its user name and address.
pub const FAILURE_WINDOW_SECONDS: i64 = 15 * 60;
/// Failures within the window after which attempts are refused unchecked.
pub const MAX_FAILURES: i64 = 5;
/// A session's last use is written at most this often.
const TOUCH_SECONDS: i64 = 60;

const COLUMNS: &str =
    "id, username, display_name, role, person_id, created_at, disabled_at, password_hash";

fn account(r: &Row<'_>) -> rusqlite::Result<(Account, String)> {
    let role: String = r.get(3)?;
    Ok((
        Account {
            id: AccountId(r.get(0)?),
            username: r.get(1)?,
            display_name: r.get(2)?,
            role: Role::parse(&role).unwrap_or(Role::Member),
            person: r.get::<_, Option<i64>>(4)?.map(PersonId),
            created_at: r.get(5)?,
            disabled_at: r.get(6)?,
        },
        r.get(7)?,
    ))
}

/// The account as the audit log records it (never the hash).
fn audit_json(account: &Account) -> Value {
    json!({
        "username": account.username,
        "display_name": account.display_name,
        "role": account.role.name(),
        "person": account.person.map(|p| p.0),
        "disabled_at": account.disabled_at,
    })
}

fn now(conn: &Connection) -> Result<i64, StoreError> {
    conn.query_row("SELECT unixepoch('now')", [], |r| r.get(0))
        .map_err(db)
}

fn by_id(conn: &Connection, id: AccountId) -> Result<(Account, String), StoreError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM accounts WHERE id = ?1"),
        [id.0],
        account,
    )
    .optional()
    .map_err(db)?
    .ok_or(StoreError::NotFound {
        what: "account",
        id: id.0,
    })
}

fn by_username(conn: &Connection, username: &str) -> Result<Option<(Account, String)>, StoreError> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM accounts WHERE username = ?1"),
        [username],
        account,
    )
    .optional()
    .map_err(db)
}

/// The argon2id hash of a new password (slow on purpose); a password too
/// weak is [`StoreError::Invalid`] with a sentence for the user.
pub fn hashed(password: &str) -> Result<String, StoreError> {
    if let Some(problem) = moot_auth::password_problem(password) {
        return Err(StoreError::Invalid(problem));
    }
    moot_auth::hash_password(password).map_err(|e| StoreError::Database(Box::new(e)))
}

/// Makes an account, with its audit entry.
pub(crate) fn add(
    conn: &mut Connection,
    actor: &Actor,
    new: &NewAccount<'_>,
) -> Result<Account, StoreError> {
    let hash = hashed(new.password)?;
    add_hashed(conn, actor, new, &hash)
}

/// Makes an account whose password was hashed already ([`hashed`]; the
/// `password` of `new` is not read), with its audit entry.
pub(crate) fn add_hashed(
    conn: &mut Connection,
    actor: &Actor,
    new: &NewAccount<'_>,
    hash: &str,
) -> Result<Account, StoreError> {
    if let Some(problem) = moot_auth::username_problem(new.username) {
        return Err(StoreError::Invalid(problem));
    }
    if new.display_name.trim().is_empty() {
        return Err(StoreError::Invalid("Enter a display name".to_owned()));
    }
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(db)?;
    if by_username(&tx, new.username)?.is_some() {
        return Err(StoreError::Invalid(format!(
            "An account named {} already exists",
            new.username
        )));
    }
    if let Some(person) = new.person {
        let known: bool = tx
            .query_row(
                "SELECT EXISTS (SELECT 1 FROM people WHERE id = ?1)",
                [person.0],
                |r| r.get(0),
            )
            .map_err(db)?;
        if !known {
            return Err(StoreError::Invalid(format!(
                "There is no person {}",
                person.0
            )));
        }
    }
    tx.execute(
        "INSERT INTO accounts (username, display_name, password_hash, role, person_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        params![
            new.username,
            new.display_name.trim(),
            hash,
            new.role.name(),
            new.person.map(|p| p.0)
        ],
    )
    .map_err(db)?;
    let (created, _) = by_id(&tx, AccountId(tx.last_insert_rowid()))?;
    let subject = subject(created.id);
    audit::record(
        &tx,
        actor,
        "account.create",
        &subject,
        None,
        Some(&audit_json(&created)),
    )?;
    tx.commit().map_err(db)?;
    Ok(created)
}

/// The audit log's name for an account: `account/7`.
pub fn subject(id: AccountId) -> String {
    format!("account/{}", id.0)
}

/// Every account, by user name.
pub(crate) fn list(conn: &Connection) -> Result<Vec<Account>, StoreError> {
    let mut statement = conn
        .prepare(&format!("SELECT {COLUMNS} FROM accounts ORDER BY username"))
        .map_err(db)?;
    let rows = statement.query_map([], account).map_err(db)?;
    rows.map(|r| r.map(|(a, _)| a))
        .collect::<Result<_, _>>()
        .map_err(db)
}

/// One account by id or user name.
pub(crate) fn find(conn: &Connection, username: &str) -> Result<Option<Account>, StoreError> {
    Ok(by_username(conn, username)?.map(|(a, _)| a))
}

/// One account by id.
pub(crate) fn get(conn: &Connection, id: AccountId) -> Result<Account, StoreError> {
    Ok(by_id(conn, id)?.0)
}

/// A change to one account: `change` edits the row (given the
/// transaction and the account before), then the account after is read
/// back and both go to the audit log as `action`.
fn change(
    conn: &mut Connection,
    actor: &Actor,
    id: AccountId,
    action: &str,
    edit: impl FnOnce(&Connection) -> rusqlite::Result<usize>,
) -> Result<Account, StoreError> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(db)?;
    let (before, _) = by_id(&tx, id)?;
    edit(&tx).map_err(db)?;
    let (after, _) = by_id(&tx, id)?;
    audit::record(
        &tx,
        actor,
        action,
        &subject(id),
        Some(&audit_json(&before)),
        Some(&audit_json(&after)),
    )?;
    tx.commit().map_err(db)?;
    Ok(after)
}

/// Gives an account another role.
pub(crate) fn set_role(
    conn: &mut Connection,
    actor: &Actor,
    id: AccountId,
    role: Role,
) -> Result<Account, StoreError> {
    change(conn, actor, id, "account.role", |tx| {
        tx.execute(
            "UPDATE accounts SET role = ?2 WHERE id = ?1",
            params![id.0, role.name()],
        )
    })
}

/// Stops an account signing in and ends its sessions.
pub(crate) fn disable(
    conn: &mut Connection,
    actor: &Actor,
    id: AccountId,
) -> Result<Account, StoreError> {
    change(conn, actor, id, "account.disable", |tx| {
        tx.execute("DELETE FROM sessions WHERE account_id = ?1", [id.0])?;
        tx.execute(
            "UPDATE accounts SET disabled_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
             WHERE id = ?1 AND disabled_at IS NULL",
            [id.0],
        )
    })
}

/// Sets a new password and ends every session of the account (a stolen
/// session does not outlive a password change).
pub(crate) fn set_password(
    conn: &mut Connection,
    actor: &Actor,
    id: AccountId,
    password: &str,
) -> Result<Account, StoreError> {
    let hash = hashed(password)?;
    change(conn, actor, id, "account.password", |tx| {
        tx.execute("DELETE FROM sessions WHERE account_id = ?1", [id.0])?;
        tx.execute(
            "UPDATE accounts SET password_hash = ?2 WHERE id = ?1",
            params![id.0, hash],
        )
    })
}

/// Seconds until the oldest counted failure leaves the window, when
/// `column` = `value` has reached the limit.
fn limited(
    conn: &Connection,
    column: &str,
    value: &str,
    now: i64,
) -> Result<Option<u64>, StoreError> {
    let (count, oldest): (i64, Option<i64>) = conn
        .query_row(
            &format!(
                "SELECT count(*), min(at) FROM login_failures WHERE {column} = ?1 AND at > ?2"
            ),
            params![value, now - FAILURE_WINDOW_SECONDS],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(db)?;
    Ok((count >= MAX_FAILURES)
        .then(|| oldest.map_or(1, |at| (at + FAILURE_WINDOW_SECONDS - now).max(1) as u64)))
}

/// What a sign-in needs before its password is checked: refused
/// unchecked by the rate limit, or the account (if any) to check it
/// against. Checking the password (argon2, slow on purpose) is left to
/// the caller, so it can be done without holding a write lock.
#[derive(Debug, Clone)]
pub enum SignInCheck {
    /// Too many failures lately: refused without being checked.
    Limited {
        /// Seconds until an attempt is checked again.
        retry_after: u64,
    },
    /// Check the password against this active account's hash (`None`:
    /// no such active account; a dummy hash is checked instead, so that
    /// takes as long as a wrong password).
    Verify(Option<(Account, String)>),
}

impl SignInCheck {
    /// Checks `password` (slowly): the account it opens, if right.
    pub fn verify(self, password: &str) -> Option<Account> {
        match self {
            SignInCheck::Limited { .. } => None,
            SignInCheck::Verify(Some((account, hash))) => {
                moot_auth::verify_password(password, &hash).then_some(account)
            }
            SignInCheck::Verify(None) => {
                moot_auth::verify_nothing(password);
                None
            }
        }
    }
}

/// The first half of a sign-in (reads only): the rate limit, then the
/// account to check the password against. Failures are counted per user
/// name and per address; at [`MAX_FAILURES`] within the window, attempts
/// are refused without being checked.
pub(crate) fn sign_in_check(
    conn: &Connection,
    username: &str,
    address: &str,
) -> Result<SignInCheck, StoreError> {
    let now = now(conn)?;
    let by_name = limited(conn, "username", username, now)?;
    let by_address = limited(conn, "address", address, now)?;
    if let Some(retry_after) = by_name.into_iter().chain(by_address).max() {
        return Ok(SignInCheck::Limited { retry_after });
    }
    let found = by_username(conn, username)?.filter(|(a, _)| a.is_active());
    Ok(SignInCheck::Verify(found))
}

/// The second half of a sign-in, once the password was checked: opens a
/// session for `accepted`, or counts a failure against the user name and
/// address.
pub(crate) fn sign_in_finish(
    conn: &mut Connection,
    username: &str,
    address: &str,
    accepted: Option<Account>,
) -> Result<SignIn, StoreError> {
    let now = now(conn)?;
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(db)?;
    let outcome = match accepted {
        Some(account) => {
            tx.execute("DELETE FROM login_failures WHERE username = ?1", [username])
                .map_err(db)?;
            let token =
                moot_auth::Token::generate().map_err(|e| StoreError::Database(Box::new(e)))?;
            tx.execute(
                "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at)
                 VALUES (?1, ?2, ?3, ?3)",
                params![token.hashed(), account.id.0, now],
            )
            .map_err(db)?;
            SignIn::Accepted {
                account,
                token: token.as_str().to_owned(),
            }
        }
        None => {
            tx.execute(
                "DELETE FROM login_failures WHERE at <= ?1",
                [now - FAILURE_WINDOW_SECONDS],
            )
            .map_err(db)?;
            tx.execute(
                "INSERT INTO login_failures (username, address, at) VALUES (?1, ?2, ?3)",
                params![username, address, now],
            )
            .map_err(db)?;
            SignIn::Refused
        }
    };
    tx.commit().map_err(db)?;
    Ok(outcome)
}

/// Checks a password and, when right, opens a session: the two halves
/// above with the password checked between them.
pub(crate) fn sign_in(
    conn: &mut Connection,
    username: &str,
    password: &str,
    address: &str,
) -> Result<SignIn, StoreError> {
    match sign_in_check(conn, username, address)? {
        SignInCheck::Limited { retry_after } => Ok(SignIn::Limited { retry_after }),
        check => {
            let accepted = check.verify(password);
            sign_in_finish(conn, username, address, accepted)
        }
    }
}

/// The active account whose live session has `token`, noting the use. An
/// expired session is deleted.
pub(crate) fn session(conn: &Connection, token: &str) -> Result<Option<Account>, StoreError> {
    let hash = moot_auth::hash_token(token);
    let now = now(conn)?;
    let found: Option<(i64, i64, i64)> = conn
        .query_row(
            "SELECT account_id, created_at, last_seen_at FROM sessions WHERE token_hash = ?1",
            [&hash],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .map_err(db)?;
    let Some((id, created, seen)) = found else {
        return Ok(None);
    };
    if now - seen > IDLE_SECONDS || now - created > ABSOLUTE_SECONDS {
        sign_out(conn, token)?;
        return Ok(None);
    }
    if now - seen > TOUCH_SECONDS {
        conn.execute(
            "UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1",
            params![hash, now],
        )
        .map_err(db)?;
    }
    let account = get(conn, AccountId(id))?;
    Ok(account.is_active().then_some(account))
}

/// Ends the session with `token`, if there is one.
pub(crate) fn sign_out(conn: &Connection, token: &str) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM sessions WHERE token_hash = ?1",
        [moot_auth::hash_token(token)],
    )
    .map_err(db)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SqliteStore;

    fn cli() -> Actor {
        Actor::CommandLine {
            user: "ops".to_owned(),
        }
    }

    fn new(username: &str) -> NewAccount<'_> {
        NewAccount {
            username,
            display_name: "Jo Smith",
            password: "a long enough password",
            role: Role::Clerk,
            person: None,
        }
    }

    #[test]
    fn an_account_is_made_with_its_audit_entry_and_no_clear_password() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let made = add(&mut store.conn, &cli(), &new("jsmith")).unwrap();
        let log = store.audit_entries(None, 10).unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].action, "account.create");
        assert_eq!(log[0].subject, subject(made.id));
        let after = log[0].after.as_deref().unwrap();
        assert!(
            after.contains("jsmith") && !after.contains("password"),
            "{after}"
        );
        let stored: String = store
            .conn
            .query_row("SELECT password_hash FROM accounts", [], |r| r.get(0))
            .unwrap();
        assert!(stored.starts_with("$argon2id$"));
    }

    #[test]
    fn duplicate_names_short_passwords_and_unknown_people_are_refused() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        add(&mut store.conn, &cli(), &new("jsmith")).unwrap();
        let again = add(&mut store.conn, &cli(), &new("JSmith"));
        assert!(matches!(again, Err(StoreError::Invalid(_))), "{again:?}");
        let short = NewAccount {
            password: "short",
            ..new("other")
        };
        assert!(matches!(
            add(&mut store.conn, &cli(), &short),
            Err(StoreError::Invalid(_))
        ));
        let person = NewAccount {
            person: Some(PersonId(99)),
            ..new("other")
        };
        assert!(matches!(
            add(&mut store.conn, &cli(), &person),
            Err(StoreError::Invalid(_))
        ));
        assert_eq!(list(&store.conn).unwrap().len(), 1);
        assert_eq!(store.audit_entries(None, 10).unwrap().len(), 1);
    }

    #[test]
    fn sign_in_opens_a_session_that_disabling_ends() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let made = add(&mut store.conn, &cli(), &new("jsmith")).unwrap();
        let SignIn::Accepted { token, .. } = sign_in(
            &mut store.conn,
            "jsmith",
            "a long enough password",
            "1.2.3.4",
        )
        .unwrap() else {
            panic!("refused")
        };
        assert_eq!(session(&store.conn, &token).unwrap().unwrap().id, made.id);
        disable(&mut store.conn, &cli(), made.id).unwrap();
        assert_eq!(session(&store.conn, &token).unwrap(), None);
        let again = sign_in(
            &mut store.conn,
            "jsmith",
            "a long enough password",
            "1.2.3.4",
        );
        assert!(matches!(again, Ok(SignIn::Refused)));
    }

    #[test]
    fn five_failures_for_a_name_refuse_even_the_right_password() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        add(&mut store.conn, &cli(), &new("jsmith")).unwrap();
        for n in 0..MAX_FAILURES {
            let address = format!("10.0.0.{n}");
            let outcome = sign_in(&mut store.conn, "jsmith", "wrong password!", &address);
            assert!(matches!(outcome, Ok(SignIn::Refused)));
        }
        let right = sign_in(
            &mut store.conn,
            "jsmith",
            "a long enough password",
            "10.1.1.1",
        );
        let Ok(SignIn::Limited { retry_after }) = right else {
            panic!("{right:?}")
        };
        assert!(retry_after > 0 && retry_after <= FAILURE_WINDOW_SECONDS as u64);
    }
}
