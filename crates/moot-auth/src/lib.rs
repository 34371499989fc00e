//! Moot's secrets, in one small crate so the rules are in one place:
//! passwords are kept only as argon2id PHC strings, session and CSRF
//! tokens are 256 bits from the operating system's randomness and stored
//! only as their SHA-256, and secrets are compared in constant time.
//!
//! ```
//! let hash = moot_auth::hash_password("correct horse battery").unwrap();
//! assert!(moot_auth::verify_password("correct horse battery", &hash));
//! assert!(!moot_auth::verify_password("wrong", &hash));
//! let token = moot_auth::Token::generate().unwrap();
//! assert_eq!(token.as_str().len(), 64);
//! ```
//!
//! Nothing here touches the database or the network: the store keeps the
//! hashes, the site keeps the cookies. The session policy (lifetimes, the
//! sign-in rate limit) is in [`policy`], pure functions of the caller's
//! times.

pub mod policy;

pub use policy::{
    SessionState, ABSOLUTE_SECONDS, FAILURE_WINDOW_SECONDS, IDLE_SECONDS, MAX_FAILURES,
};

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sha2::{Digest, Sha256};
use std::fmt;
use std::sync::LazyLock;

/// The shortest password accepted, in characters.
pub const MIN_PASSWORD: usize = 12;
/// The longest password accepted, in characters (hashing a megabyte on
/// every sign-in attempt would be an easy way to load the server).
pub const MAX_PASSWORD: usize = 256;

/// argon2id with OWASP's recommended minimum: 19 MiB of memory, two
/// passes, one lane.
fn hasher() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Something needed for a secret could not be had.
#[derive(Debug)]
pub struct AuthError(String);

impl fmt::Display for AuthError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for AuthError {}

/// Fills `bytes` from the operating system's randomness.
fn random(bytes: &mut [u8]) -> Result<(), AuthError> {
    getrandom::fill(bytes).map_err(|e| AuthError(format!("no randomness from the system: {e}")))
}

/// The argon2id PHC string of `password`, with a fresh random salt.
pub fn hash_password(password: &str) -> Result<String, AuthError> {
    let mut salt = [0u8; 16];
    random(&mut salt)?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| AuthError(e.to_string()))?;
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AuthError(format!("cannot hash the password: {e}")))
}

/// Whether `password` is the one `phc` was made from. A malformed hash
/// matches nothing.
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .is_ok_and(|hash| hasher().verify_password(password.as_bytes(), &hash).is_ok())
}

/// A hash no password is known to match, made once per process, so that
/// signing in as an unknown user costs as much as a known one.
static DUMMY_HASH: LazyLock<Option<String>> = LazyLock::new(|| {
    let mut secret = [0u8; 32];
    random(&mut secret).ok()?;
    hash_password(&hex(&secret)).ok()
});

/// Spends the time a real verification would, and fails: for unknown and
/// disabled accounts.
pub fn verify_nothing(password: &str) -> bool {
    if let Some(hash) = DUMMY_HASH.as_deref() {
        verify_password(password, hash);
    }
    false
}

/// Why a new password is refused, or `None` when it will do.
pub fn password_problem(password: &str) -> Option<String> {
    let length = password.chars().count();
    if password.trim().is_empty() {
        Some("Enter a password".to_owned())
    } else if length < MIN_PASSWORD {
        Some(format!(
            "The password must be at least {MIN_PASSWORD} characters"
        ))
    } else if length > MAX_PASSWORD {
        Some(format!(
            "The password must be at most {MAX_PASSWORD} characters"
        ))
    } else {
        None
    }
}

/// Why a user name is refused, or `None` when it will do: 1 to 64 of
/// letters, digits, `.`, `_` and `-`, starting with a letter or digit.
pub fn username_problem(username: &str) -> Option<String> {
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
    if username.is_empty() {
        Some("Enter a user name".to_owned())
    } else if username.len() > 64 {
        Some("The user name must be at most 64 characters".to_owned())
    } else if !username.chars().all(allowed)
        || !username.starts_with(|c: char| c.is_ascii_alphanumeric())
    {
        Some("The user name may hold only letters, digits, dots, dashes and underscores, and must start with a letter or digit".to_owned())
    } else {
        None
    }
}

/// A fresh secret: 256 random bits as 64 lower-case hex digits.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// A new token from the operating system's randomness.
    pub fn generate() -> Result<Token, AuthError> {
        let mut bytes = [0u8; 32];
        random(&mut bytes)?;
        Ok(Token(hex(&bytes)))
    }

    /// The token as sent to its holder.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// What is stored in its place ([`hash_token`]).
    pub fn hashed(&self) -> String {
        hash_token(&self.0)
    }
}

/// Tokens never reach logs through `Debug`.
impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(…)")
    }
}

/// The SHA-256 of a token, hex: a stolen database holds no usable
/// session. (A token has 256 random bits, so a fast hash is enough; only
/// passwords need a slow one.)
pub fn hash_token(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Whether two secrets are equal, taking the same time wherever they
/// differ.
pub fn same_secret(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_phc_strings_with_fresh_salts() {
        let one = hash_password("a long enough password").unwrap();
        let two = hash_password("a long enough password").unwrap();
        assert!(one.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{one}");
        assert_ne!(one, two, "each hash has its own salt");
        assert!(verify_password("a long enough password", &two));
    }

    #[test]
    fn a_malformed_hash_matches_nothing() {
        assert!(!verify_password("", "not a hash"));
        assert!(!verify_nothing("anything"));
    }

    #[test]
    fn tokens_are_random_and_stored_hashed() {
        let (one, two) = (Token::generate().unwrap(), Token::generate().unwrap());
        assert_ne!(one, two);
        assert!(one.as_str().bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(one.hashed(), hash_token(one.as_str()));
        assert_ne!(one.hashed(), one.as_str());
        assert_eq!(format!("{one:?}"), "Token(…)");
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }

    #[test]
    fn short_empty_and_huge_passwords_are_refused() {
        assert!(password_problem("").is_some());
        assert!(password_problem("            ").is_some());
        assert!(password_problem("eleven char").is_some());
        assert!(password_problem("twelve chars").is_none());
        assert!(password_problem(&"x".repeat(MAX_PASSWORD + 1)).is_some());
    }

    #[test]
    fn user_names_are_plain_words() {
        assert!(username_problem("j.smith-2").is_none());
        for bad in ["", "-x", "a b", "é", &"a".repeat(65)] {
            assert!(username_problem(bad).is_some(), "{bad}");
        }
    }
}
