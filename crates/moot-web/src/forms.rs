//! The pieces every form on the clerk's side is built from, following the
//! GOV.UK Design System's error pattern.
//!
//! A form handler:
//!
//! 1. takes its fields with the [`crate::auth::Fields`] extractor (the
//!    CSRF token has already been checked by `session::layer`; a form
//!    without [`csrf_field`] is refused with 403 before the handler runs);
//! 2. checks them, collecting [`Errors`] with the id of the field each
//!    is about (the store's own refusals, `StoreError::Invalid` from
//!    [`crate::AppState::write`], are attached to a field too);
//! 3. when there are errors, renders the same form again with a 4xx
//!    status: [`error_summary`] at the top of `main` (it links to each
//!    field), [`page_title`] prefixing the title with "Error: ", and each
//!    field given its message with [`text_input`] or [`select`], keeping
//!    what was typed (never passwords);
//! 4. otherwise makes the change and redirects (303) to a page, so
//!    reloading does not post again.
//!
//! Fields carry `autocomplete` attributes (WCAG 1.3.5): `username`,
//! `current-password`, `new-password`, `name`, or `off` for other
//! people's details.

use crate::session::{self, CSRF_FIELD};
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use maud::{html, Markup};

/// The answer to a form that worked, or to a visitor sent elsewhere: 303
/// to `to`, so reloading the page it leads to does not post again.
pub fn see_other(to: impl Into<String>) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, to.into())]).into_response()
}

/// What was wrong with a submitted form: (field id, message), in the
/// order of the fields.
#[derive(Debug, Default)]
pub struct Errors(Vec<(String, String)>);

impl Errors {
    /// Notes `message` about the field with id `field`.
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.0.push((field.into(), message.into()));
    }

    /// Notes `problem`, if there is one.
    pub fn check(&mut self, field: &str, problem: Option<String>) {
        if let Some(message) = problem {
            self.add(field, message);
        }
    }

    /// Whether the form was fine.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The same errors about fields whose ids are `prefix` and the field's
    /// name (the fields of one of several forms on a page).
    pub fn within(self, prefix: &str) -> Errors {
        Errors(
            self.0
                .into_iter()
                .map(|(field, message)| (format!("{prefix}{field}"), message))
                .collect(),
        )
    }

    /// The message about `field`, if any.
    pub fn about(&self, field: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

/// The store's refusal of a form's fields (`StoreError::Fields`), each
/// message kept beside the field it names.
impl From<moot_clerk::FieldErrors> for Errors {
    fn from(faults: moot_clerk::FieldErrors) -> Errors {
        let mut errors = Errors::default();
        for (field, message) in faults.iter() {
            errors.add(field, message);
        }
        errors
    }
}

/// The hidden field carrying this visit's CSRF token. Every `POST` form
/// needs it.
pub fn csrf_field() -> Markup {
    let token = session::current().csrf.unwrap_or_default();
    html! { input type="hidden" name=(CSRF_FIELD) value=(token); }
}

/// A page title, with "Error: " in front when the form has errors (so
/// screen reader users hear it first).
pub fn page_title(title: &str, errors: &Errors) -> String {
    if errors.is_empty() {
        title.to_owned()
    } else {
        format!("Error: {title}")
    }
}

/// "There is a problem" and a link to each field in error; nothing when
/// there are no errors. It goes first in `main`.
pub fn error_summary(errors: &Errors) -> Markup {
    html! {
        @if !errors.is_empty() {
            div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1" {
                h2 id="error-summary-title" { "There is a problem" }
                ul {
                    @for (field, message) in &errors.0 {
                        li { a href={ "#" (field) } { (message) } }
                    }
                }
            }
        }
    }
}

/// One text field of a form.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    /// Its id and name.
    pub id: &'static str,
    /// Its visible label.
    pub label: &'a str,
    /// A hint under the label, if any.
    pub hint: Option<&'a str>,
    /// `text` or `password`.
    pub kind: &'static str,
    /// Its `autocomplete` value.
    pub autocomplete: &'static str,
    /// What it holds (what was typed, when shown again).
    pub value: &'a str,
}

/// The label, hint and error message linked to the control (by `for`
/// and `aria-describedby`) around `control`.
pub(crate) fn field(
    id: &str,
    label: &str,
    hint: Option<&str>,
    errors: &Errors,
    control: Markup,
) -> Markup {
    let error = errors.about(id);
    html! {
        div class=(if error.is_some() { "field field-error" } else { "field" }) {
            label for=(id) { (label) }
            @if let Some(hint) = hint { div class="hint" id={ (id) "-hint" } { (hint) } }
            @if let Some(message) = error {
                p class="error-message" id={ (id) "-error" } { span class="visually-hidden" { "Error: " } (message) }
            }
            (control)
        }
    }
}

/// What `aria-describedby` names for a field: its hint and error.
pub(crate) fn described_by(id: &str, hint: bool, error: bool) -> Option<String> {
    let parts: Vec<String> = [(hint, "hint"), (error, "error")]
        .iter()
        .filter(|(on, _)| *on)
        .map(|(_, what)| format!("{id}-{what}"))
        .collect();
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// A text or password field with its label, hint and error message.
pub fn text_input(input: &Input<'_>, errors: &Errors) -> Markup {
    let error = errors.about(input.id).is_some();
    let described = described_by(input.id, input.hint.is_some(), error);
    let control = html! {
        input id=(input.id) name=(input.id) type=(input.kind) autocomplete=(input.autocomplete)
            value=(input.value) aria-describedby=[described] aria-invalid=[error.then_some("true")]
            spellcheck="false";
    };
    field(input.id, input.label, input.hint, errors, control)
}

/// A drop-down of `(value, label)` options, `selected` chosen, with its
/// label and error message.
pub fn select(
    id: &'static str,
    label: &str,
    options: &[(&str, &str)],
    selected: &str,
    errors: &Errors,
) -> Markup {
    let error = errors.about(id).is_some();
    let described = described_by(id, false, error);
    let control = html! {
        select id=(id) name=(id) aria-describedby=[described] aria-invalid=[error.then_some("true")] {
            @for (value, text) in options {
                option value=(value) selected[*value == selected] { (text) }
            }
        }
    };
    field(id, label, None, errors, control)
}

/// A multi-line text field with its label, hint and error message.
pub fn textarea(input: &Input<'_>, errors: &Errors) -> Markup {
    let error = errors.about(input.id).is_some();
    let described = described_by(input.id, input.hint.is_some(), error);
    let control = html! {
        textarea id=(input.id) name=(input.id) rows="5" autocomplete=(input.autocomplete)
            aria-describedby=[described] aria-invalid=[error.then_some("true")] { (input.value) }
    };
    field(input.id, input.label, input.hint, errors, control)
}

/// A single checkbox sending `yes` when ticked, with its error message
/// above it.
pub fn checkbox(id: &'static str, label: &str, checked: bool, errors: &Errors) -> Markup {
    let error = errors.about(id);
    let described = described_by(id, false, error.is_some());
    html! {
        div class=(if error.is_some() { "field field-error check" } else { "field check" }) {
            @if let Some(message) = error {
                p class="error-message" id={ (id) "-error" } { span class="visually-hidden" { "Error: " } (message) }
            }
            input id=(id) name=(id) type="checkbox" value="yes" checked[checked]
                aria-describedby=[described] aria-invalid=[error.map(|_| "true")];
            label for=(id) { (label) }
        }
    }
}

/// A date as the three fields of a GOV.UK date input: day, month and
/// year, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DateParts {
    /// The day field.
    pub day: String,
    /// The month field (a number or a month's name).
    pub month: String,
    /// The year field.
    pub year: String,
}

impl DateParts {
    /// The fields showing `date` (empty for none).
    pub fn of(date: Option<moot_domain::Date>) -> DateParts {
        date.map_or_else(DateParts::default, |d| DateParts {
            day: d.day().to_string(),
            month: d.month().to_string(),
            year: d.year().to_string(),
        })
    }

    /// Sets the field `part` (`day`, `month` or `year`); false for another
    /// name.
    pub fn set(&mut self, part: &str, value: &str) -> bool {
        let field = match part {
            "day" => &mut self.day,
            "month" => &mut self.month,
            "year" => &mut self.year,
            _ => return false,
        };
        *field = value.trim().to_owned();
        true
    }

    /// Whether no field was filled in.
    pub fn is_empty(&self) -> bool {
        self.day.is_empty() && self.month.is_empty() && self.year.is_empty()
    }

    /// The date: `None` when no field is filled in, else the day the
    /// fields name, or a sentence saying what is missing or wrong.
    pub fn date(&self) -> Result<Option<moot_domain::Date>, &'static str> {
        if self.is_empty() {
            return Ok(None);
        }
        if self.day.is_empty() || self.month.is_empty() || self.year.is_empty() {
            return Err("must include a day, month and year");
        }
        let number = |text: &str| {
            text.bytes()
                .all(|b| b.is_ascii_digit())
                .then(|| text.parse::<u16>().ok())
                .flatten()
        };
        let month = number(&self.month).or_else(|| month_by_name(&self.month));
        let year = number(&self.year).filter(|_| self.year.len() == 4);
        let (Some(day), Some(month), Some(year)) = (number(&self.day), month, year) else {
            return Err("must be a real date, with a four-digit year");
        };
        let (Ok(day), Ok(month)) = (u8::try_from(day), u8::try_from(month)) else {
            return Err("must be a real date");
        };
        moot_domain::Date::new(year, month, day)
            .map(Some)
            .ok_or("must be a real date")
    }
}

/// A month typed by name ("March", "mar").
fn month_by_name(text: &str) -> Option<u16> {
    let text = text.to_ascii_lowercase();
    if text.len() < 3 {
        return None;
    }
    (1..=12u8).find_map(|m| {
        let name = moot_domain::Date::new(2000, m, 1)?
            .month_name()
            .to_ascii_lowercase();
        name.starts_with(&text).then_some(u16::from(m))
    })
}

/// A date as three fields, day, month and year, in a fieldset whose
/// legend names it (the GOV.UK date input); the fields are named
/// `{name}-day`, `{name}-month` and `{name}-year`, and an error about
/// `name` shows above them.
pub fn date_input(
    name: &str,
    legend: &str,
    hint: Option<&str>,
    parts: &DateParts,
    errors: &Errors,
) -> Markup {
    let error = errors.about(name);
    let described = described_by(name, hint.is_some(), error.is_some());
    let item = |part: &str, label: &str, value: &str, width: &str| {
        let id = format!("{name}-{part}");
        html! {
            div class="date-item" {
                label for=(id) { (label) }
                input id=(id) name=(id) type="text" inputmode="numeric" class=(width) value=(value)
                    aria-invalid=[error.map(|_| "true")];
            }
        }
    };
    html! {
        div class=(if error.is_some() { "field field-error" } else { "field" }) {
            fieldset role="group" aria-describedby=[described] {
                legend { (legend) }
                @if let Some(hint) = hint { div class="hint" id={ (name) "-hint" } { (hint) } }
                @if let Some(message) = error {
                    p class="error-message" id={ (name) "-error" } { span class="visually-hidden" { "Error: " } (message) }
                }
                div class="date-input" {
                    (item("day", "Day", &parts.day, "width-2"))
                    (item("month", "Month", &parts.month, "width-2"))
                    (item("year", "Year", &parts.year, "width-4"))
                }
            }
        }
    }
}

/// A date typed as `YYYY-MM-DD`, if it is a real day.
pub fn iso_date(text: &str) -> Option<moot_domain::Date> {
    let mut parts = text.trim().splitn(3, '-');
    let mut number = |digits: usize| {
        parts
            .next()
            .filter(|p| p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u16>().ok())
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    moot_domain::Date::new(year, u8::try_from(month).ok()?, u8::try_from(day).ok()?)
}

/// A time typed as `HH:MM` (24-hour), if it is one.
pub fn clock_time(text: &str) -> Option<moot_domain::Time> {
    let (hour, minute) = text.trim().split_once(':')?;
    let two_digits = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit());
    if !two_digits(hour) || !two_digits(minute) {
        return None;
    }
    moot_domain::Time::new(hour.parse().ok()?, minute.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_in_three_fields_is_a_real_day_or_says_what_is_wrong() {
        let parts = |d: &str, m: &str, y: &str| DateParts {
            day: d.to_owned(),
            month: m.to_owned(),
            year: y.to_owned(),
        };
        assert_eq!(parts("", "", "").date(), Ok(None));
        assert_eq!(
            parts("8", "12", "2026").date(),
            Ok(moot_domain::Date::new(2026, 12, 8))
        );
        assert_eq!(
            parts("08", "Dec", "2026").date(),
            Ok(moot_domain::Date::new(2026, 12, 8))
        );
        assert!(parts("8", "", "2026").date().is_err());
        assert!(parts("31", "2", "2026").date().is_err());
        assert!(parts("1", "1", "26").date().is_err());
        assert!(parts("x", "1", "2026").date().is_err());
        assert_eq!(
            DateParts::of(moot_domain::Date::new(2026, 3, 1)),
            parts("1", "3", "2026")
        );
    }

    #[test]
    fn a_field_in_error_is_linked_from_the_summary_and_described_by_its_message() {
        let mut errors = Errors::default();
        errors.add("username", "Enter a user name");
        let summary = error_summary(&errors).into_string();
        assert!(summary.contains(r##"<a href="#username">Enter a user name</a>"##));
        let input = Input {
            id: "username",
            label: "User name",
            hint: None,
            kind: "text",
            autocomplete: "username",
            value: "<x>",
        };
        let markup = text_input(&input, &errors).into_string();
        assert!(
            markup.contains(r#"aria-describedby="username-error""#),
            "{markup}"
        );
        assert!(markup.contains(r#"aria-invalid="true""#));
        assert!(markup.contains("&lt;x&gt;"), "values are escaped");
        assert_eq!(page_title("Sign in", &errors), "Error: Sign in");
    }

    #[test]
    fn only_real_days_and_times_in_the_forms_shapes_are_read() {
        assert_eq!(iso_date("2026-12-08"), moot_domain::Date::new(2026, 12, 8));
        for bad in [
            "2026-02-30",
            "8 December 2026",
            "2026-12-8",
            "",
            "2026-12-08-1",
        ] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
        assert_eq!(clock_time("18:30"), moot_domain::Time::new(18, 30));
        for bad in ["24:00", "6:30", "18.30", "", "18:3"] {
            assert_eq!(clock_time(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_form_without_errors_has_no_summary() {
        let errors = Errors::default();
        assert!(error_summary(&errors).into_string().is_empty());
        assert_eq!(page_title("Sign in", &errors), "Sign in");
    }
}
