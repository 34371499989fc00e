//! Declared interests, in the wordings minutes use: "Mr X declared a
//! disclosable pecuniary interest in item 7 as ...", "Mr X made a
//! declaration of interest as ...", "Councillors A and B declared other
//! significant interests", "An interest was declared by Dr Y in Item 5".
//! "There were no declarations of interest" and "None." record nothing.
//!
//! Under a declarations minute, or below a label or lead-in ("Declaration
//! of interest:", "Interests were declared as follows:"), declarations are
//! also printed as a list, one to a row: "Item 4b – Mr A Reid (Financial)",
//! "Cllr A Reid – Planning", "Cllr A Reid......Finance", "Councillor A
//! Reid, Agenda Item 6, because ...". A row names its declarer with a
//! title, or opens with a name as its first cell. A flattened table ("A.B. Reid",
//! "/ 24/0123/F /", "/ Knows the applicant") is read anywhere: a name alone
//! whose next cell is an item or application reference.
//!
//! A declaration names its item where the sentence says so ("in item 7",
//! "(Item 7)"); one recorded inside another minute concerns that minute's
//! agenda item.

use super::items::application_ref;
use crate::document::Document;
use crate::names::{
    collapse, is_honorific, looks_like_name, same_person, sentences, split_name_list, ListedName,
};
use moot_domain::Declaration;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static ACTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.+?)\s+(?:(?:had\s+)?(?:declared|declares|disclosed|registered)\b[^.]{0,80}?\binterests?\b|(?:made|gave|makes)\b[^.]{0,40}?\bdeclarations?\b)")
        .expect("valid regex")
});
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:interests?\s+(?:was|were)\s+declared|declarations?\s+of\s+interests?\s+(?:was|were)\s+(?:made|received|declared))\s+by\s+(.+?)(?:\s+(?:in|on|for|as|regarding)\b|[.;]|$)")
        .expect("valid regex")
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:agenda\s+)?items?\s+(?:no\.?\s*)?([A-Z]{0,2}\d{1,3}[a-z]{0,4}(?:\.\d{1,2})?)\b",
    )
    .expect("valid regex")
});
static PARAGRAPH_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-•]\s*)?(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-z]{1,3}\))\s+")
        .expect("valid regex")
});
/// A label or lead-in opening a list of declarations: "Declaration of
/// interest:", "Interests were declared as follows:", "The Council NOTED
/// the following declarations of interest:-".
static LIST_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:[^.:]*(?:declar\w*|interests?)[^.:]*|datgan\s+diddordeb)\s*:-?\s*(?P<rest>.*)$",
    )
    .expect("valid regex")
});
/// Where a list row's cells meet: a spaced dash, a dot leader, a tab, a
/// slash between spaces, a colon.
static CELL_SEPARATOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s[-–—]\s|…+|\.{3,}|	|\s/\s|:\s").expect("valid regex"));
/// Most words after a title in a name.
const MAX_NAME_WORDS: usize = 4;
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bno\s+(?:\w+\s+)?(?:declarations?|interests?)\b").expect("valid regex")
});

/// Reads the declarations in `body`. `default_item` is the agenda item a
/// declaration concerns when its sentence names none; `listed` is true
/// when the whole body is a declarations minute, whose rows are
/// declarations.
pub fn read(
    doc: &Document,
    body: Range<usize>,
    default_item: Option<&str>,
    listed: bool,
) -> Vec<Declaration> {
    let mut out: Vec<Declaration> = Vec::new();
    let mut in_list = listed;
    for i in body.clone() {
        let text = doc.text(i);
        if text.is_empty() {
            continue;
        }
        if let Some(found) = table_row(doc, i, body.end) {
            out.push(found);
            continue;
        }
        let lower = text.to_lowercase();
        let mentions = lower.contains("interest") || lower.contains("declar");
        let lead = LIST_LEAD.captures(text).filter(|_| mentions);
        if let Some(lead) = &lead {
            in_list = true;
            // "Declaration of interest: Cllr A Reid – Planning": the label
            // and the first row on one line.
            let rest = lead.name("rest").map_or("", |m| m.as_str());
            if let Some(name) = row_declarer(rest).filter(|_| !declares(text)) {
                out.push(Declaration {
                    name,
                    item: item_in(rest).or_else(|| default_item.map(str::to_owned)),
                    text: collapse(rest),
                    lines: doc.source_of(i..i + 1),
                });
            }
            if !declares(text) {
                continue;
            }
        }
        let text = PARAGRAPH_NUMBER.replace(text, "");
        let mut named = false;
        if mentions {
            for sentence in sentences(&text) {
                if NEGATIVE.is_match(sentence) {
                    continue;
                }
                let item = item_in(sentence).or_else(|| default_item.map(str::to_owned));
                for declarer in declarers(sentence) {
                    named = true;
                    let own_item = declarer.notes.iter().find_map(|n| item_in(n));
                    out.push(Declaration {
                        name: declarer.name,
                        item: own_item.or_else(|| item.clone()),
                        text: collapse(sentence),
                        lines: doc.source_of(i..i + 1),
                    });
                }
            }
        }
        if named || !in_list {
            continue;
        }
        match row_declarer(&text) {
            Some(name) => out.push(Declaration {
                name,
                item: item_in(&text)
                    .or_else(|| application_ref(&text).map(str::to_owned))
                    .or_else(|| default_item.map(str::to_owned)),
                text: collapse(&text),
                lines: doc.source_of(i..i + 1),
            }),
            // A heading or a resolution ends a list printed in the opening;
            // a declarations minute is a list to its end.
            None if !listed && !text.starts_with(char::is_lowercase) => in_list = false,
            None => {}
        }
    }
    dedupe(out)
}

/// True when a sentence of `text` itself says who declared.
fn declares(text: &str) -> bool {
    sentences(text).iter().any(|s| !declarers(s).is_empty())
}

/// Drops a declaration printed twice (a bilingual page prints every block
/// in both languages): same person, same item.
fn dedupe(found: Vec<Declaration>) -> Vec<Declaration> {
    let mut out: Vec<Declaration> = Vec::with_capacity(found.len());
    for d in found {
        let twin = out
            .iter()
            .any(|o| same_person(&o.name, &d.name) && (o.item == d.item || d.item.is_none()));
        if !twin {
            out.push(d);
        }
    }
    out
}

/// The declarer a list row names: the first titled name in it ("Item 4b –
/// Mr A Reid (Financial)", "In the debate on item 6 Councillor A Reid
/// said ..."), or its first cell when that cell is a name.
fn row_declarer(row: &str) -> Option<String> {
    if NEGATIVE.is_match(row) {
        return None;
    }
    if let Some(name) = titled_name(row) {
        return Some(name);
    }
    let mut cells = CELL_SEPARATOR.split(row);
    let first = cells.next()?.trim();
    // A first cell alone is not a row: a heading's second line, a phrase.
    cells.next()?;
    let (name, _) = first.split_once(" (").unwrap_or((first, ""));
    let name = name.trim().trim_end_matches(['.', ',']);
    (looks_like_name(name) && name.split_whitespace().count() >= 2).then(|| collapse(name))
}

/// The first name printed after a title in `text`: the title and up to
/// four capitalised words or initials after it ("Cllr. Ann B Reid").
fn titled_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let start = words.iter().position(|w| is_honorific(w))?;
    let rest: Vec<&str> = words[start + 1..]
        .iter()
        .take(MAX_NAME_WORDS)
        .take_while(|w| {
            w.starts_with(char::is_uppercase) && !w.contains(|c: char| c.is_ascii_digit())
        })
        .copied()
        .collect();
    // A name ends at a cell: "Reid–Planning", "Reid……Finance", "Reid,".
    let mut name = vec![words[start]];
    for w in rest {
        let cut = w
            .find(['–', '—', '…', ',', ';', ':', '(', '/'])
            .unwrap_or(w.len());
        let head = w[..cut].trim_end_matches('.');
        if !head.is_empty() {
            name.push(if cut < w.len() { head } else { w });
        }
        if cut < w.len() || head.is_empty() {
            break;
        }
    }
    let name = name.join(" ");
    let name = name.trim_end_matches(['.', ',']);
    (name.split_whitespace().count() >= 2 && looks_like_name(name) && !is_possessive(name))
        .then(|| collapse(name))
}

/// "Councillor Reid's": a name in the possessive is a mention, not a
/// declarer.
fn is_possessive(name: &str) -> bool {
    name.ends_with("'s") || name.ends_with("’s")
}

/// A flattened table row: a name alone on its line, then a cell line
/// opening with "/" that holds an item or application reference.
fn table_row(doc: &Document, i: usize, end: usize) -> Option<Declaration> {
    let name = doc.text(i);
    if name.starts_with('/') || !looks_like_name(name) {
        return None;
    }
    let next = doc.next_non_blank(i + 1, end.min(i + 3))?;
    let cell = doc.text(next);
    if !cell.starts_with('/') {
        return None;
    }
    let item = item_in(cell).or_else(|| application_ref(cell).map(str::to_owned))?;
    Some(Declaration {
        name: collapse(name),
        item: Some(item),
        text: collapse(&format!("{name} {cell}")),
        lines: doc.source_of(i..next + 1),
    })
}

/// The agenda item a text names: "item 7", "Item A4", "agenda item 5".
fn item_in(text: &str) -> Option<String> {
    ITEM.captures(text)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str().to_owned())
}

/// The people a sentence says declared an interest, each with the notes
/// printed after the name ("(item 5)").
fn declarers(sentence: &str) -> Vec<ListedName> {
    let subject = ACTIVE
        .captures(sentence)
        .and_then(|c| c.get(1))
        .or_else(|| PASSIVE.captures(sentence).and_then(|c| c.get(1)))
        .map(|m| m.as_str());
    let Some(subject) = subject else {
        return Vec::new();
    };
    let named = |text: &str| {
        let names = split_name_list(text);
        (!names.is_empty()
            && names
                .iter()
                .all(|n| looks_like_name(&n.name) && !is_possessive(&n.name)))
        .then_some(names)
    };
    // "Councillors A, B and C declared ..." is a list; "In relation to
    // item 5, Councillor Smith declared ..." keeps the last name.
    named(subject)
        .or_else(|| named(subject.rsplit(", ").next().unwrap_or(subject)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(sentence: &str) -> Vec<String> {
        declarers(sentence).into_iter().map(|d| d.name).collect()
    }

    #[test]
    fn declaration_wordings_name_the_declarer() {
        assert_eq!(
            names("Mr Kirby declared an interest as a Member of the Panel."),
            ["Mr Kirby"]
        );
        assert_eq!(
            names("Mr S J G Koowaree made a declaration of interest as his grandson was in care."),
            ["Mr S J G Koowaree"]
        );
        assert_eq!(
            names("Councillor Jones declared a disclosable pecuniary interest in item 7 as a landlord."),
            ["Councillor Jones"]
        );
        assert_eq!(
            names("Councillors Smith and Brown declared other significant interests in Item 4."),
            ["Councillor Smith", "Councillor Brown"]
        );
        assert_eq!(
            names("An interest was declared by Dr Patel in item 5."),
            ["Dr Patel"]
        );
    }

    #[test]
    fn a_list_of_declarers_keeps_every_name() {
        assert_eq!(
            names("Councillors A Lowe, Marsh, and Neve declared a personal interest in item 9."),
            ["Councillor A Lowe", "Councillor Marsh", "Councillor Neve"]
        );
        assert!(
            names("Councillor Reid’s declaration was amended to declare an interest.").is_empty()
        );
    }

    #[test]
    fn declaration_with_words_between_verb_and_interest() {
        assert_eq!(
            names("Councillor Smith declared, in relation to item 7, a personal interest."),
            ["Councillor Smith"]
        );
    }

    #[test]
    fn each_declarer_keeps_the_item_printed_after_their_name() {
        let found = declarers(
            "Declarations of interest were made by Councillor Ames (item 5) and Councillor Bell (item 7).",
        );
        let items: Vec<Option<String>> = found
            .iter()
            .map(|d| d.notes.iter().find_map(|n| item_in(n)))
            .collect();
        assert_eq!(items, [Some("5".to_owned()), Some("7".to_owned())]);
    }

    #[test]
    fn prose_that_is_not_a_declaration_names_nobody() {
        assert!(names("The Board declared its interest in the scheme.").is_empty());
        assert!(names("Members made a number of points about interest rates.").is_empty());
        assert!(names("Mr X made comments about the interest rate.").is_empty());
    }

    #[test]
    fn list_rows_name_their_declarer() {
        for (row, name) in [
            ("Item 3a – Mr K Farrow (Financial)", "Mr K Farrow"),
            ("Cllr Pat Ross……………Landlord (beach hut).", "Cllr Pat Ross"),
            (
                "Councillor Ola Quinn - Agenda Item 7 because she owns a mooring.",
                "Councillor Ola Quinn",
            ),
            (
                "During the debate on Agenda Item 7 Councillor Pat Ross said so.",
                "Councillor Pat Ross",
            ),
            ("K.L. Moss – Personal", "K.L. Moss"),
        ] {
            assert_eq!(row_declarer(row).as_deref(), Some(name), "{row}");
        }
        for row in [
            "There were no declarations of interest.",
            "The report was noted.",
            "Objections to the Harbour Order because it affects her street",
            "The record of Councillor Reid’s declaration was amended.",
        ] {
            assert_eq!(row_declarer(row), None, "{row}");
        }
    }
}
