//! Accounts, sessions and the sign-in rate limit.
//!
//! Every change to an account is one `IMMEDIATE` transaction carrying its
//! audit entry ([`crate::audit::record`]). Passwords are hashed (slowly)
//! before the transaction opens, so a sign-in never holds the write lock
//! while argon2 runs. Sessions are rows keyed by the SHA-256 of their
//! token; disabling an account deletes its sessions in the same
//! transaction, and a session of a disabled account is never honoured
//! anyway. Times are Unix seconds from SQLite's clock; what they mean
//! (lifetimes, the rate limit) is `moot_auth::policy`'s rule.

use crate::audit;
use crate::db;
use moot_auth::policy::{self, SessionState};
use moot_store::{
    account_subject as subject, hash_new_password, new_account_problem, Account, AccountId, Actor,
    NewAccount, PersonId, Role, SignIn, SignInCheck, StoreError,
};
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};
use serde_json::{json, Value};

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

/// Makes an account whose password was hashed already ([`hash_new_password`]; the
/// `password` of `new` is not read), with its audit entry.
pub(crate) fn add_hashed(
    conn: &mut Connection,
    actor: &Actor,
    new: &NewAccount<'_>,
    hash: &str,
) -> Result<Account, StoreError> {
    if let Some(problem) = new_account_problem(new) {
        return Err(StoreError::Invalid(problem));
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
    let hash = hash_new_password(password)?;
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
            params![value, policy::failures_since(now)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(db)?;
    Ok(policy::retry_after(now, count, oldest))
}

/// The first half of a sign-in (reads only): the rate limit, then the
/// account to check the password against. Failures are counted per user
/// name and per address; at `policy::MAX_FAILURES` within the window, attempts
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
                [policy::failures_since(now)],
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
    let touch = match SessionState::at(now, created, seen) {
        SessionState::Expired => {
            sign_out(conn, token)?;
            return Ok(None);
        }
        SessionState::Live { touch } => touch,
    };
    if touch {
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
    use moot_auth::policy::{FAILURE_WINDOW_SECONDS, MAX_FAILURES};
    use moot_store::{AccountStore, AuditLog};

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
        let made = store.add_account(&cli(), &new("jsmith")).unwrap();
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
        store.add_account(&cli(), &new("jsmith")).unwrap();
        let again = store.add_account(&cli(), &new("JSmith"));
        assert!(matches!(again, Err(StoreError::Invalid(_))), "{again:?}");
        let short = NewAccount {
            password: "short",
            ..new("other")
        };
        assert!(matches!(
            store.add_account(&cli(), &short),
            Err(StoreError::Invalid(_))
        ));
        let person = NewAccount {
            person: Some(PersonId(99)),
            ..new("other")
        };
        assert!(matches!(
            store.add_account(&cli(), &person),
            Err(StoreError::Invalid(_))
        ));
        assert_eq!(store.accounts().unwrap().len(), 1);
        assert_eq!(store.audit_entries(None, 10).unwrap().len(), 1);
    }

    #[test]
    fn sign_in_opens_a_session_that_disabling_ends() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        let made = store.add_account(&cli(), &new("jsmith")).unwrap();
        let SignIn::Accepted { token, .. } = store
            .sign_in("jsmith", "a long enough password", "1.2.3.4")
            .unwrap()
        else {
            panic!("refused")
        };
        assert_eq!(store.session(&token).unwrap().unwrap().id, made.id);
        store.disable_account(&cli(), made.id).unwrap();
        assert_eq!(store.session(&token).unwrap(), None);
        let again = store.sign_in("jsmith", "a long enough password", "1.2.3.4");
        assert!(matches!(again, Ok(SignIn::Refused)));
    }

    #[test]
    fn five_failures_for_a_name_refuse_even_the_right_password() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        store.add_account(&cli(), &new("jsmith")).unwrap();
        for n in 0..MAX_FAILURES {
            let address = format!("10.0.0.{n}");
            let outcome = store.sign_in("jsmith", "wrong password!", &address);
            assert!(matches!(outcome, Ok(SignIn::Refused)));
        }
        let right = store.sign_in("jsmith", "a long enough password", "10.1.1.1");
        let Ok(SignIn::Limited { retry_after }) = right else {
            panic!("{right:?}")
        };
        assert!(retry_after > 0 && retry_after <= FAILURE_WINDOW_SECONDS as u64);
    }
}
