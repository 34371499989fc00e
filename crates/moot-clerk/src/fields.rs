//! Per-field validation errors: what a form shows beside each field.
//!
//! Every clerk write validates its whole input first and returns every
//! fault at once, each under the name of the field it belongs to, so a
//! form can put each message beside its field and nothing is stored.

use std::fmt;

/// The longest name, title or venue a form may give.
pub const MAX_LINE: usize = 300;
/// The longest text a minute, declaration or action may hold.
pub const MAX_TEXT: usize = 100_000;

/// The faults found in one input, each under its field's name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors {
    faults: Vec<(String, String)>,
}

impl FieldErrors {
    /// No faults yet.
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }

    /// One fault, for inputs with a single check.
    pub fn one(field: &str, message: impl Into<String>) -> FieldErrors {
        let mut errors = FieldErrors::new();
        errors.add(field, message);
        errors
    }

    /// Notes that `field` is wrong, and why (a sentence for the form).
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.faults.push((field.to_owned(), message.into()));
    }

    /// Notes `message` against `field` when `fault` holds.
    pub fn check(&mut self, fault: bool, field: &str, message: &str) {
        if fault {
            self.add(field, message);
        }
    }

    /// Adds every fault of `other`, after these.
    pub fn extend(&mut self, other: FieldErrors) {
        self.faults.extend(other.faults);
    }

    /// Notes that a required text field is blank or too long.
    pub fn require_text(&mut self, field: &str, value: &str, max_chars: usize) {
        if value.trim().is_empty() {
            self.add(field, "Enter a value");
        } else if value.chars().count() > max_chars {
            self.add(field, format!("Use {max_chars} characters or fewer"));
        }
    }

    /// Whether nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.faults.is_empty()
    }

    /// The messages for one field, in the order found.
    pub fn for_field<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.faults
            .iter()
            .filter(move |(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }

    /// Every (field, message), in the order found.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.faults.iter().map(|(f, m)| (f.as_str(), m.as_str()))
    }

    /// `Ok(())` when nothing is wrong, else the faults.
    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.iter().map(|(k, m)| format!("{k}: {m}")).collect();
        f.write_str(&parts.join("; "))
    }
}

impl std::error::Error for FieldErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_kept_per_field_in_order() {
        let mut errors = FieldErrors::new();
        errors.require_text("title", "  ", 10);
        errors.require_text("venue", "a very long venue", 5);
        errors.check(true, "title", "Choose another title");
        assert_eq!(
            errors.for_field("title").collect::<Vec<_>>(),
            ["Enter a value", "Choose another title"]
        );
        assert_eq!(
            errors.for_field("venue").collect::<Vec<_>>(),
            ["Use 5 characters or fewer"]
        );
        assert!(errors.into_result().is_err());
        assert!(FieldErrors::new().into_result().is_ok());
    }
}
