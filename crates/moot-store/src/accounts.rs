//! Who may change what: accounts, their roles, and the actor every change
//! is recorded against.
//!
//! The public needs no account. A member may see their body's exempt
//! business; a clerk runs bodies, meetings and minutes; an admin also
//! manages accounts and reads the audit log. Roles are ordered, so
//! "at least a clerk" is `role >= Role::Clerk`.

use crate::StoreError;
use std::fmt;

/// An account's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccountId(pub i64);

/// What an account may do; each role may do everything the ones before it
/// may.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// A councillor or co-opted member: may read exempt business.
    Member,
    /// Democratic services: runs bodies, meetings, agendas and minutes.
    Clerk,
    /// Also manages accounts and reads the audit log.
    Admin,
}

impl Role {
    /// Every role, least privileged first.
    pub const ALL: [Role; 3] = [Role::Member, Role::Clerk, Role::Admin];

    /// The role's name as stored and typed: `member`, `clerk`, `admin`.
    pub fn name(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Clerk => "clerk",
            Role::Admin => "admin",
        }
    }

    /// The role with this name, in any case.
    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|role| role.name().eq_ignore_ascii_case(name.trim()))
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Who is making a change: a signed-in account, or someone at the server's
/// command line (who has the database file, and so every right).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// A signed-in account.
    Account {
        /// The account.
        id: AccountId,
        /// Its user name, kept in the log even if the account is renamed.
        username: String,
        /// Its role when it acted.
        role: Role,
    },
    /// The operating-system user running a `moot` command.
    CommandLine {
        /// Their login name, as the environment gives it.
        user: String,
    },
}

impl Actor {
    /// The account acting, if any.
    pub fn account(&self) -> Option<AccountId> {
        match self {
            Actor::Account { id, .. } => Some(*id),
            Actor::CommandLine { .. } => None,
        }
    }

    /// May this actor do what `role` may?
    pub fn is_at_least(&self, role: Role) -> bool {
        match self {
            Actor::Account { role: own, .. } => *own >= role,
            Actor::CommandLine { .. } => true,
        }
    }

    /// The role check every store makes before `action`: `Ok` when this
    /// actor is at least `role`, else [`StoreError::Forbidden`] naming
    /// them and the action.
    pub fn require(&self, role: Role, action: &'static str) -> Result<(), StoreError> {
        if self.is_at_least(role) {
            Ok(())
        } else {
            Err(StoreError::Forbidden {
                actor: self.to_string(),
                action,
            })
        }
    }
}

/// How the audit log names an actor: `jsmith` or `cli:root`.
impl fmt::Display for Actor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Actor::Account { username, .. } => f.write_str(username),
            Actor::CommandLine { user } => write!(f, "cli:{user}"),
        }
    }
}

/// One change, as the audit log keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Its place in the log (ascending with time).
    pub id: i64,
    /// When, as an RFC 3339 UTC timestamp.
    pub at: String,
    /// Who, as [`Actor`] displays.
    pub actor: String,
    /// The account, if one acted and still exists.
    pub account: Option<AccountId>,
    /// What was done: `meeting.create`, `minutes.confirm`…
    pub action: String,
    /// What it was done to: `meeting/12`.
    pub subject: String,
    /// The record before, as JSON; `None` for a creation.
    pub before: Option<String>,
    /// The record after, as JSON; `None` for a deletion.
    pub after: Option<String>,
}

/// An account as the store hands it out: never its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Its id.
    pub id: AccountId,
    /// The name it signs in with (unique, in any case).
    pub username: String,
    /// The name shown on pages.
    pub display_name: String,
    /// What it may do.
    pub role: Role,
    /// The person a member's account speaks for, where linked.
    pub person: Option<crate::PersonId>,
    /// When it was made, RFC 3339 UTC.
    pub created_at: String,
    /// When it was disabled, if it was.
    pub disabled_at: Option<String>,
}

impl Account {
    /// The actor this account is when it makes a change.
    pub fn actor(&self) -> Actor {
        Actor::Account {
            id: self.id,
            username: self.username.clone(),
            role: self.role,
        }
    }

    /// Whether it may still sign in.
    pub fn is_active(&self) -> bool {
        self.disabled_at.is_none()
    }
}

/// An account to be made.
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    /// The name it will sign in with.
    pub username: &'a str,
    /// The name shown on pages.
    pub display_name: &'a str,
    /// Its first password (hashed before it is stored).
    pub password: &'a str,
    /// What it may do.
    pub role: Role,
    /// The person it speaks for, if any.
    pub person: Option<crate::PersonId>,
}

/// What became of a sign-in attempt.
#[derive(Debug)]
pub enum SignIn {
    /// The password was right: a new session was opened. `token` goes to
    /// the browser; the store keeps only its hash.
    Accepted {
        /// Who signed in.
        account: Account,
        /// The new session's token.
        token: String,
    },
    /// Wrong user name or password (which one is not said).
    Refused,
    /// Too many recent failures for this user name or address: nothing
    /// was checked.
    Limited {
        /// Seconds until an attempt will be considered again.
        retry_after: u64,
    },
}

/// The audit log's name for an account: `account/7`.
pub fn account_subject(id: AccountId) -> String {
    format!("account/{}", id.0)
}

/// The argon2id hash of a new password (slow on purpose, so callers run
/// it without holding a connection); a password too weak is
/// [`StoreError::Invalid`] with a sentence for the user.
pub fn hash_new_password(password: &str) -> Result<String, StoreError> {
    if let Some(problem) = moot_auth::password_problem(password) {
        return Err(StoreError::Invalid(problem));
    }
    moot_auth::hash_password(password).map_err(|e| StoreError::Database(Box::new(e)))
}

/// The checks of a new account every store makes before it looks at
/// what is stored: the user name's form and a display name.
pub fn new_account_problem(new: &NewAccount<'_>) -> Option<String> {
    if let Some(problem) = moot_auth::username_problem(new.username) {
        return Some(problem);
    }
    new.display_name
        .trim()
        .is_empty()
        .then(|| "Enter a display name".to_owned())
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

/// Accounts, their sessions and the sign-in rate limit. Every change to
/// an account is one transaction with its audit entry. Lifetimes and the
/// rate limit follow [`moot_auth::policy`].
pub trait AccountStore {
    /// Makes an account (the password is hashed with argon2id; a bad
    /// user name, display name or password, a taken user name or an
    /// unknown person is [`StoreError::Invalid`] with a sentence for the
    /// user), with its audit entry, in one transaction.
    fn add_account(&mut self, actor: &Actor, new: &NewAccount<'_>) -> Result<Account, StoreError> {
        let hash = hash_new_password(new.password)?;
        self.add_account_hashed(actor, new, &hash)
    }

    /// Like [`AccountStore::add_account`] with the password hashed already
    /// ([`hash_new_password`], slow, done without holding a connection);
    /// `new.password` is not read.
    fn add_account_hashed(
        &mut self,
        actor: &Actor,
        new: &NewAccount<'_>,
        hash: &str,
    ) -> Result<Account, StoreError>;

    /// Every account, by user name.
    fn accounts(&self) -> Result<Vec<Account>, StoreError>;

    /// The account with this id ([`StoreError::NotFound`] if none).
    fn account(&self, id: AccountId) -> Result<Account, StoreError>;

    /// The account with this user name (in any case), if any.
    fn account_named(&self, username: &str) -> Result<Option<Account>, StoreError>;

    /// Gives an account another role, with its audit entry.
    fn set_account_role(
        &mut self,
        actor: &Actor,
        id: AccountId,
        role: Role,
    ) -> Result<Account, StoreError>;

    /// Disables an account and ends its sessions, with its audit entry.
    fn disable_account(&mut self, actor: &Actor, id: AccountId) -> Result<Account, StoreError>;

    /// Sets an account's password and ends its sessions, with its audit
    /// entry.
    fn set_account_password(
        &mut self,
        actor: &Actor,
        id: AccountId,
        password: &str,
    ) -> Result<Account, StoreError>;

    /// Checks a sign-in from `address` and opens a session when it is
    /// right (see [`SignIn`]); failures count towards the rate limit.
    fn sign_in(
        &mut self,
        username: &str,
        password: &str,
        address: &str,
    ) -> Result<SignIn, StoreError> {
        match self.sign_in_check(username, address)? {
            SignInCheck::Limited { retry_after } => Ok(SignIn::Limited { retry_after }),
            check => {
                let accepted = check.verify(password);
                self.sign_in_finish(username, address, accepted)
            }
        }
    }

    /// The first half of [`AccountStore::sign_in`], reading only: the
    /// rate limit (failures counted per user name and per address) and
    /// the active account whose password is to be checked. Check it with
    /// [`SignInCheck::verify`] (slow) without holding a write lock, then
    /// finish with [`AccountStore::sign_in_finish`].
    fn sign_in_check(&self, username: &str, address: &str) -> Result<SignInCheck, StoreError>;

    /// The second half of a sign-in: a session for `accepted`, or a
    /// failure counted against the user name and address.
    fn sign_in_finish(
        &mut self,
        username: &str,
        address: &str,
        accepted: Option<Account>,
    ) -> Result<SignIn, StoreError>;

    /// The active account signed in with session `token`, if the session
    /// is live (expired ones are deleted; use is noted for the idle
    /// limit).
    fn session(&self, token: &str) -> Result<Option<Account>, StoreError>;

    /// Ends the session with `token`.
    fn sign_out(&self, token: &str) -> Result<(), StoreError>;
}

/// The audit log: one entry per change, written by the store in the
/// change's own transaction; this reads it back.
pub trait AuditLog {
    /// The latest `limit` entries after skipping the `offset` newest,
    /// newest first; only those about `subject` (`meeting/12`) when
    /// given.
    fn audit_page(
        &self,
        subject: Option<&str>,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<AuditEntry>, StoreError>;

    /// The latest `limit` entries, newest first (see
    /// [`AuditLog::audit_page`]).
    fn audit_entries(
        &self,
        subject: Option<&str>,
        limit: u32,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        self.audit_page(subject, limit, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_ordered_by_privilege() {
        assert!(Role::Member < Role::Clerk && Role::Clerk < Role::Admin);
    }

    #[test]
    fn role_names_round_trip_in_any_case() {
        for role in Role::ALL {
            assert_eq!(Role::parse(&role.name().to_uppercase()), Some(role));
        }
        assert_eq!(Role::parse("chair"), None);
    }

    #[test]
    fn the_command_line_may_do_anything_an_admin_may() {
        let cli = Actor::CommandLine {
            user: "root".to_owned(),
        };
        assert!(cli.is_at_least(Role::Admin));
        assert_eq!(cli.to_string(), "cli:root");
    }

    #[test]
    fn an_account_may_do_only_what_its_role_allows() {
        let clerk = Actor::Account {
            id: AccountId(1),
            username: "jsmith".to_owned(),
            role: Role::Clerk,
        };
        assert!(clerk.is_at_least(Role::Member));
        assert!(clerk.is_at_least(Role::Clerk));
        assert!(!clerk.is_at_least(Role::Admin));
        assert!(clerk.require(Role::Clerk, "meeting.create").is_ok());
        let refused = clerk.require(Role::Admin, "account.create").unwrap_err();
        assert_eq!(refused.to_string(), "jsmith may not account.create");
    }
}
