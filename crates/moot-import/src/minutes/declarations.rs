//! Declared interests, in the wordings minutes use: "Mr X declared a
//! disclosable pecuniary interest in item 7 as ...", "Mr X made a
//! declaration of interest as ...", "Councillors A and B declared other
//! significant interests", "An interest was declared by Dr Y in Item 5".
//! "There were no declarations of interest" and "None." record nothing.
//!
//! A declaration names its item where the sentence says so ("in item 7",
//! "(Item 7)"); one recorded inside another minute concerns that minute's
//! agenda item.

use crate::document::Document;
use crate::names::{collapse, looks_like_name, sentences, split_name_list};
use moot_domain::Declaration;
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

static ACTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.+?)\s+(?:declared|declares|had declared|disclosed|registered|made|gave)\s+(?:a|an|their|his|her)?\s*(?:[\w\s,-]{0,60}?\s)?(?:interests?|declarations?\s+of\s+(?:\w+\s+)?interests?)\b")
        .expect("valid regex")
});
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\binterests?\s+(?:was|were)\s+declared\s+by\s+(.+?)(?:\s+(?:in|on|for|as|regarding|in relation to)\b|[.;,]|$)")
        .expect("valid regex")
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:agenda\s+)?items?\s+(?:no\.?\s*)?([A-Z]{0,2}\d{1,3}[a-z]?(?:\.\d{1,2})?)\b",
    )
    .expect("valid regex")
});
static PARAGRAPH_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[-•]\s*)?(?:\(?\d{1,3}(?:\.\d{1,3})*[.)]?|\(?[a-z]{1,3}\))\s+")
        .expect("valid regex")
});
static NEGATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bno\s+(?:\w+\s+)?(?:declarations?|interests?)\b").expect("valid regex")
});

/// Reads the declarations in `body`. `default_item` is the agenda item a
/// declaration concerns when its sentence names none.
pub fn read(doc: &Document, body: Range<usize>, default_item: Option<&str>) -> Vec<Declaration> {
    let mut out = Vec::new();
    for i in body {
        let text = doc.text(i);
        if !text.to_lowercase().contains("interest") {
            continue;
        }
        let text = PARAGRAPH_NUMBER.replace(text, "");
        for sentence in sentences(&text) {
            if NEGATIVE.is_match(sentence) {
                continue;
            }
            let item = ITEM
                .captures(sentence)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_owned())
                .or_else(|| default_item.map(str::to_owned));
            for name in declarers(sentence) {
                out.push(Declaration {
                    name,
                    item: item.clone(),
                    text: collapse(sentence),
                    lines: doc.source_of(i..i + 1),
                });
            }
        }
    }
    out
}

/// The people a sentence says declared an interest.
fn declarers(sentence: &str) -> Vec<String> {
    let subject = ACTIVE
        .captures(sentence)
        .and_then(|c| c.get(1))
        .or_else(|| PASSIVE.captures(sentence).and_then(|c| c.get(1)))
        .map(|m| m.as_str());
    let Some(subject) = subject else {
        return Vec::new();
    };
    // "In relation to item 5, Councillor Smith declared ..." keeps the name.
    let subject = subject.rsplit(", ").next().unwrap_or(subject);
    let names: Vec<String> = split_name_list(subject)
        .into_iter()
        .map(|n| n.name)
        .collect();
    if names.iter().all(|n| looks_like_name(n)) {
        names
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declaration_wordings_name_the_declarer() {
        assert_eq!(
            declarers("Mr Kirby declared an interest as a Member of the Panel."),
            ["Mr Kirby"]
        );
        assert_eq!(
            declarers(
                "Mr S J G Koowaree made a declaration of interest as his grandson was in care."
            ),
            ["Mr S J G Koowaree"]
        );
        assert_eq!(
            declarers("Councillor Jones declared a disclosable pecuniary interest in item 7 as a landlord."),
            ["Councillor Jones"]
        );
        assert_eq!(
            declarers(
                "Councillors Smith and Brown declared other significant interests in Item 4."
            ),
            ["Councillor Smith", "Councillor Brown"]
        );
        assert_eq!(
            declarers("An interest was declared by Dr Patel in item 5."),
            ["Dr Patel"]
        );
    }

    #[test]
    fn prose_that_is_not_a_declaration_names_nobody() {
        assert!(declarers("The Board declared its interest in the scheme.").is_empty());
        assert!(declarers("Members made a number of points about interest rates.").is_empty());
    }
}
