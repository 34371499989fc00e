//! Scorecard header rows: which column holds what.
//!
//! Two shapes are recognised. A *named* header labels its columns
//! ("ID | Indicator | Polarity | Data Period | Latest Result | Target |
//! RAG"), often over two stacked rows. A *series* header lists periods
//! ("| Q1 13/14 | Q2 13/14 | … | DoT"): each row is one indicator and its
//! latest result is in the last period column filled.

use super::cell;
use regex::Regex;
use std::sync::LazyLock;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Code,
    Name,
    Polarity,
    Period,
    /// The latest result.
    Value,
    /// The latest result with its rating ("Latest Result and RAG Status"),
    /// printed in one cell or in two.
    ValueRag,
    Rag,
    Target,
    /// The denominator of a rate; the target often follows it.
    Denominator,
    /// Anything else (previous results, direction of travel, notes).
    Other,
    Empty,
}

/// A table's columns.
#[derive(Debug, Clone)]
pub(super) enum Header {
    /// Columns labelled by what they hold.
    Named {
        roles: Vec<Role>,
        /// The header mentions a target somewhere, even where its label has
        /// lost its column.
        mentions_target: bool,
    },
    /// Columns labelled by period; `periods[i]` is column `i`'s label.
    Series { periods: Vec<Option<String>> },
}

impl Header {
    /// Reads a header row, if `cells` is one.
    pub(super) fn read(cells: &[&str]) -> Option<Header> {
        // Headers hold labels, never figures.
        if cells.iter().any(|c| cell::number(c).is_some()) {
            return None;
        }
        named(cells).or_else(|| series(cells))
    }

    /// Folds a second stacked header row into this one: the labels of each
    /// column are joined and their roles read again.
    pub(super) fn stack(&self, first: &[&str], second: &[&str]) -> Option<Header> {
        if !matches!(self, Header::Named { .. }) {
            return None;
        }
        let width = first.len().max(second.len());
        let joined: Vec<String> = (0..width)
            .map(|i| {
                let a = first.get(i).copied().unwrap_or("");
                let b = second.get(i).copied().unwrap_or("");
                format!("{a} {b}").trim().to_owned()
            })
            .collect();
        let cells: Vec<&str> = joined.iter().map(String::as_str).collect();
        named(&cells)
    }

    /// The column holding `role`, if any.
    pub(super) fn column(&self, role: Role) -> Option<usize> {
        match self {
            Header::Named { roles, .. } => roles.iter().position(|&r| r == role),
            Header::Series { .. } => None,
        }
    }

    /// The role of column `index` (`Empty` past the last column).
    pub(super) fn role(&self, index: usize) -> Role {
        match self {
            Header::Named { roles, .. } => roles.get(index).copied().unwrap_or(Role::Empty),
            Header::Series { .. } => Role::Empty,
        }
    }

    /// Takes the target column from `earlier` (a table of the same layout
    /// printed just before) when this header has lost its target label.
    pub(super) fn inherit_target(&mut self, earlier: &Header) {
        let (Header::Named { roles, .. }, Header::Named { roles: old, .. }) = (&mut *self, earlier)
        else {
            return;
        };
        if roles.contains(&Role::Target) {
            return;
        }
        let key = |r: &[Role]| -> Vec<Role> {
            r.iter()
                .copied()
                .filter(|r| {
                    matches!(
                        r,
                        Role::Code
                            | Role::Name
                            | Role::Polarity
                            | Role::Period
                            | Role::Value
                            | Role::ValueRag
                            | Role::Denominator
                    )
                })
                .collect()
        };
        let (Some(denom), Some(old_denom), Some(old_target)) = (
            roles.iter().position(|&r| r == Role::Denominator),
            old.iter().position(|&r| r == Role::Denominator),
            old.iter().position(|&r| r == Role::Target),
        ) else {
            return;
        };
        if key(roles) != key(old) || old_target <= old_denom {
            return;
        }
        let target = denom + (old_target - old_denom);
        if roles.len() <= target {
            roles.resize(target + 1, Role::Empty);
        }
        roles[target] = Role::Target;
    }
}

/// True when `label` names a column an indicator table has.
pub(super) fn labels_a_column(label: &str) -> bool {
    !matches!(role_of(label), Role::Other | Role::Empty)
}

/// Reads a named header: at least three columns of different indicator
/// roles, one of them the indicator's name and one a result or target (an
/// action plan has names and ratings but no results).
fn named(cells: &[&str]) -> Option<Header> {
    // Cheap test first: a name label and a result or target label need
    // their words somewhere in the row.
    let mentioned = |words: Words| cells.iter().any(|c| mentions(c, words));
    if !mentioned(Words::Name) || !(mentioned(Words::Result) || mentioned(Words::Target)) {
        return None;
    }
    let roles: Vec<Role> = cells.iter().map(|c| role_of(c)).collect();
    let mut kinds: Vec<Role> = roles
        .iter()
        .copied()
        .filter(|r| !matches!(r, Role::Other | Role::Empty | Role::Denominator))
        .collect();
    kinds.sort_by_key(|r| *r as u8);
    kinds.dedup();
    let measured = kinds
        .iter()
        .any(|r| matches!(r, Role::Value | Role::ValueRag | Role::Target));
    let mentions_target = cells.iter().any(|c| c.to_lowercase().contains("target"));
    let named = kinds.contains(&Role::Name);
    (kinds.len() >= 3 && measured && named).then_some(Header::Named {
        roles,
        mentions_target,
    })
}

/// Reads a series header: two or more period labels and nothing but
/// blanks, a row label and trend columns besides.
fn series(cells: &[&str]) -> Option<Header> {
    let periods: Vec<Option<String>> = cells
        .iter()
        .map(|c| cell::period(c).map(str::to_owned))
        .collect();
    let count = periods.iter().flatten().count();
    let first_period = periods.iter().position(Option::is_some)?;
    let stray = cells
        .iter()
        .zip(&periods)
        .skip(first_period)
        .filter(|(c, p)| p.is_none() && !c.is_empty() && role_of(c) != Role::Other)
        .count();
    (count >= 2 && stray == 0 && first_period <= 1).then_some(Header::Series { periods })
}

/// Whether `text` holds one of the words a label pattern in [`role_of`]
/// needs, in any case: a cheap literal search that rules most cells out
/// before the word-boundary patterns run.
fn mentions(text: &str, words: Words) -> bool {
    static OTHER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)previous|prior|last|outturn|out-turn|baseline|dot|direction|trend|benchmark|",
            r"comparator|national|england|num|floor"
        ))
        .expect("valid regex")
    });
    static RAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)rag|rating|status|alert").expect("valid regex"));
    static RESULT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)result|actual|achieved|current|latest|value|position|performance")
            .expect("valid regex")
    });
    static NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)indicator|measure|description|programme|kpi|metric").expect("valid regex")
    });
    static TARGET: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)target").expect("valid regex"));
    match words {
        Words::Other => OTHER.is_match(text),
        Words::Rag => RAG.is_match(text),
        Words::Result => RESULT.is_match(text),
        Words::Name => NAME.is_match(text),
        Words::Target => TARGET.is_match(text),
    }
}

/// The word lists [`mentions`] searches for.
#[derive(Clone, Copy)]
enum Words {
    Other,
    Rag,
    Result,
    Name,
    Target,
}

/// The role a header label names.
fn role_of(label: &str) -> Role {
    static OTHER: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(concat!(
            r"(?i)\b(?:previous|prior|last (?:month|year|quarter)|outturn|out-turn|baseline|",
            r"dot|direction|trend|benchmark|comparator|national|england|num|numerator|floor)\b"
        ))
        .expect("valid regex")
    });
    static RAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(?:rag|rating|status|alert)\b").expect("valid regex"));
    static RESULT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:result|actual|achieved|current|latest|value|position|performance)\b")
            .expect("valid regex")
    });
    static NAME: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:indicators?|measures?|description|programmes?|kpis?|metrics?)\b")
            .expect("valid regex")
    });
    let text = label.trim();
    if text.is_empty() || !text.chars().any(char::is_alphabetic) {
        return Role::Empty;
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).collect();
    let has = |word: &str| words.contains(&word);

    if has("denom") || has("denominator") {
        return Role::Denominator;
    }
    if mentions(text, Words::Other) && OTHER.is_match(text) {
        return Role::Other;
    }
    if has("polarity")
        || lower.contains("good is")
        || lower.contains(" is better")
        || has("tolerance")
    {
        return Role::Polarity;
    }
    if has("period") || has("frequency") {
        return Role::Period;
    }
    if has("target") {
        return Role::Target;
    }
    let result = mentions(text, Words::Result) && RESULT.is_match(text);
    let rag = mentions(text, Words::Rag) && RAG.is_match(text);
    let name = mentions(text, Words::Name) && NAME.is_match(text);
    match (result, rag) {
        (true, true) => return Role::ValueRag,
        (false, true) => return Role::Rag,
        (true, false) if !name => return Role::Value,
        _ => {}
    }
    if name {
        return Role::Name;
    }
    if has("quarter") || has("month") {
        return Role::Period;
    }
    if matches!(
        lower.trim_end_matches('.'),
        "id" | "ref" | "code" | "no" | "#" | "ref no"
    ) {
        return Role::Code;
    }
    Role::Other
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_labels_name_their_roles() {
        assert_eq!(role_of("Indicators"), Role::Name);
        assert_eq!(role_of("Data Period"), Role::Period);
        assert_eq!(role_of("Target for 12/13"), Role::Target);
        assert_eq!(role_of("Latest Result and RAG Status"), Role::ValueRag);
        assert_eq!(role_of("PREVIOUS RESULT"), Role::Other);
        assert_eq!(role_of("Current Position"), Role::Value);
        assert_eq!(role_of("RAG"), Role::Rag);
        assert_eq!(role_of("Average"), Role::Other);
        assert_eq!(role_of("Ref"), Role::Code);
        assert_eq!(role_of("Good is"), Role::Polarity);
        assert_eq!(role_of("Higher is better?"), Role::Polarity);
        assert_eq!(role_of("Direction of Travel"), Role::Other);
        assert_eq!(role_of("Quarter"), Role::Period);
    }

    #[test]
    fn a_period_row_is_a_series_header() {
        let cells = ["", "Q1 13/14", "Q2 13/14", "Q3 13/14", "DoT"];
        assert!(matches!(Header::read(&cells), Some(Header::Series { .. })));
        let prose = ["Kent", "9287", "9134"];
        assert!(Header::read(&prose).is_none());
    }
}
