//! Who may change what: accounts, their roles, and the actor every change
//! is recorded against.
//!
//! The public needs no account. A member may see their body's exempt
//! business; a clerk runs bodies, meetings and minutes; an admin also
//! manages accounts and reads the audit log. Roles are ordered, so
//! "at least a clerk" is `role >= Role::Clerk`.

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
    }
}
