//! Forms for a page that carries many at once, as the record of a
//! meeting does (a form per minute to edit, correct or number it, a form
//! per open action to close it).
//!
//! [`crate::forms`] names a control by its id, which suits a page with one
//! form. Here each [`Form`] has a prefix that makes its controls' ids
//! unique on the page while their names stay the store's field names, and
//! a form sent back with faults ([`Form::failed`]) keeps what was typed
//! and shows each message beside its control, linked from the error
//! summary by the control's id. [`Sent`] reads the fields a form posted,
//! collecting a message under the field's name for each one that cannot
//! be read (a person that is not an id, a date that is not a day).

use crate::forms::{described_by, field, Errors};
use crate::session::FormFields;
use maud::{html, Markup};
use moot_domain::Date;

/// One form's controls: ids prefixed, names as given, and what was sent
/// with its faults when it comes back refused.
pub struct Form<'a> {
    prefix: String,
    sent: Option<&'a FormFields>,
    /// The faults, keyed by the prefixed id of their control.
    errors: Errors,
}

impl<'a> Form<'a> {
    /// A form shown afresh.
    pub fn blank(prefix: impl Into<String>) -> Form<'a> {
        Form {
            prefix: prefix.into(),
            sent: None,
            errors: Errors::default(),
        }
    }

    /// A form sent back: `sent` shown again and each of `errors` (keyed by
    /// field name) beside the control of that name among `names`.
    pub fn failed(
        prefix: impl Into<String>,
        sent: &'a FormFields,
        errors: &Errors,
        names: &[&str],
    ) -> Form<'a> {
        let prefix = prefix.into();
        let mut scoped = Errors::default();
        for name in names {
            if let Some(message) = errors.about(name) {
                scoped.add(format!("{prefix}{name}"), message);
            }
        }
        Form {
            prefix,
            sent: Some(sent),
            errors: scoped,
        }
    }

    /// The faults, for the page's error summary.
    pub fn errors(&self) -> &Errors {
        &self.errors
    }

    fn id(&self, name: &str) -> String {
        format!("{}{name}", self.prefix)
    }

    /// What the control shows: what was sent, else `default`.
    fn value<'v>(&'v self, name: &str, default: &'v str) -> &'v str {
        self.sent.map_or(default, |s| s.get(name).unwrap_or(""))
    }

    fn aria(&self, id: &str, hint: bool) -> (Option<String>, Option<&'static str>) {
        let error = self.errors.about(id).is_some();
        (described_by(id, hint, error), error.then_some("true"))
    }

    /// A one-line control of `kind` (`text`, `date`, `time`).
    pub fn input(
        &self,
        name: &str,
        label: &str,
        hint: Option<&str>,
        kind: &str,
        default: &str,
    ) -> Markup {
        let id = self.id(name);
        let (described, invalid) = self.aria(&id, hint.is_some());
        let control = html! {
            input id=(id) name=(name) type=(kind) autocomplete="off"
                value=(self.value(name, default)) aria-describedby=[described] aria-invalid=[invalid];
        };
        field(&id, label, hint, &self.errors, control)
    }

    /// A box of several lines.
    pub fn textarea(&self, name: &str, label: &str, hint: Option<&str>, default: &str) -> Markup {
        let id = self.id(name);
        let (described, invalid) = self.aria(&id, hint.is_some());
        let control = html! {
            textarea id=(id) name=(name) rows="4" aria-describedby=[described] aria-invalid=[invalid] {
                (self.value(name, default))
            }
        };
        field(&id, label, hint, &self.errors, control)
    }

    /// A drop-down of `(value, label)` options.
    pub fn select(
        &self,
        name: &str,
        label: &str,
        options: &[(String, String)],
        default: &str,
    ) -> Markup {
        let id = self.id(name);
        let (described, invalid) = self.aria(&id, false);
        let chosen = self.value(name, default);
        let control = html! {
            select id=(id) name=(name) aria-describedby=[described] aria-invalid=[invalid] {
                @for (value, text) in options {
                    option value=(value) selected[value == chosen] { (text) }
                }
            }
        };
        field(&id, label, None, &self.errors, control)
    }

    /// A checkbox sending `yes` when ticked.
    pub fn checkbox(&self, name: &str, label: &str) -> Markup {
        let id = self.id(name);
        let (described, invalid) = self.aria(&id, false);
        let checked = self.value(name, "") == "yes";
        let control = html! {
            input id=(id) name=(name) type="checkbox" value="yes" checked[checked]
                aria-describedby=[described] aria-invalid=[invalid];
        };
        field(&id, label, None, &self.errors, control)
    }
}

/// A date as a form sends it: `YYYY-MM-DD`, a day that exists.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shaped {
        return None;
    }
    Date::new(
        text[..4].parse().ok()?,
        text[5..7].parse().ok()?,
        text[8..].parse().ok()?,
    )
}

/// The fields a form sent, read one by one; each that cannot be read
/// leaves a message under its name.
pub struct Sent<'a> {
    fields: &'a FormFields,
    /// The faults found so far.
    pub errors: Errors,
}

impl<'a> Sent<'a> {
    /// Starts reading `fields`.
    pub fn new(fields: &'a FormFields) -> Sent<'a> {
        Sent {
            fields,
            errors: Errors::default(),
        }
    }

    /// The text sent (empty when absent); the store checks it.
    pub fn text(&self, name: &str) -> String {
        self.fields.get(name).unwrap_or("").to_owned()
    }

    fn trimmed(&self, name: &str) -> &str {
        self.fields.get(name).unwrap_or("").trim()
    }

    /// A record's id that must be given; `missing` says which to choose.
    pub fn id(&mut self, name: &str, missing: &str) -> Option<i64> {
        let id = self.trimmed(name).parse::<i64>().ok().filter(|id| *id > 0);
        if id.is_none() {
            self.errors.add(name, missing);
        }
        id
    }

    /// A record's id that may be left empty.
    pub fn optional_id(&mut self, name: &str, bad: &str) -> Option<i64> {
        if self.trimmed(name).is_empty() {
            return None;
        }
        self.id(name, bad)
    }

    /// One of a closed set of words, read by `parse`.
    pub fn choice<T>(&mut self, name: &str, parse: fn(&str) -> Option<T>, bad: &str) -> Option<T> {
        let value = parse(self.trimmed(name));
        if value.is_none() {
            self.errors.add(name, bad);
        }
        value
    }

    /// A date that must be given.
    pub fn date(&mut self, name: &str) -> Option<Date> {
        let date = parse_date(self.trimmed(name));
        if date.is_none() {
            self.errors.add(
                name,
                "Enter a real date as year-month-day, such as 2026-12-03",
            );
        }
        date
    }

    /// A date that may be left empty.
    pub fn optional_date(&mut self, name: &str) -> Option<Date> {
        if self.trimmed(name).is_empty() {
            return None;
        }
        self.date(name)
    }

    /// A whole number that may be left empty.
    pub fn optional_number(&mut self, name: &str, bad: &str) -> Option<u32> {
        if self.trimmed(name).is_empty() {
            return None;
        }
        let number = self.trimmed(name).parse::<u32>().ok();
        if number.is_none() {
            self.errors.add(name, bad);
        }
        number
    }

    /// The non-blank lines of a box, one record each.
    pub fn lines(&self, name: &str) -> Vec<String> {
        self.trimmed(name)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// Whether a checkbox was ticked.
    pub fn ticked(&self, name: &str) -> bool {
        self.trimmed(name) == "yes"
    }

    /// The input built from the fields read, or the faults found.
    /// `value` is `None` only when some field could not be read, which
    /// has left its message.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, Errors> {
        match value {
            Some(value) if self.errors.is_empty() => Ok(value),
            _ => Err(self.errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_dates_are_real_days_written_year_month_day() {
        assert_eq!(parse_date("2026-12-03"), Date::new(2026, 12, 3));
        for bad in [
            "2026-02-30",
            "3/12/2026",
            "2026-1-3",
            "",
            "2026-12-0x",
            "+026-12-03",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
