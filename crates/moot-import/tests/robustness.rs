//! The importer never panics and never points outside its input.
//!
//! Property tests feed `extract_text` and `extract` random text, text built
//! from the words and marks packs are made of, and excerpts of the real
//! corpus packs damaged at random (bytes flipped, spans deleted, lines
//! swapped or repeated). Whatever comes in, extraction returns, and every
//! record's `lines` (as written in the `moot-pack/1` JSON, and in the
//! findings) is a range inside the input's lines.
//!
//! `PROPTEST_CASES=5000 cargo test -p moot-import --test robustness` runs a
//! longer search; `fuzz/` has the same check as a cargo-fuzz target.

use proptest::prelude::*;
use serde_json::Value;
use std::sync::LazyLock;

/// Lines 1..=N of the input, as the importer numbers them.
fn line_count(text: &str) -> u64 {
    text.split('\n').count() as u64
}

/// Every `[first, last]` under a `lines` or `decision_lines` key, anywhere
/// in a record.
fn line_ranges(value: &Value, out: &mut Vec<(u64, u64)>) {
    match value {
        Value::Object(fields) => {
            for (key, field) in fields {
                if key == "lines" || key == "decision_lines" {
                    collect_pairs(field, out);
                } else {
                    line_ranges(field, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| line_ranges(item, out)),
        _ => {}
    }
}

fn collect_pairs(value: &Value, out: &mut Vec<(u64, u64)>) {
    match value.as_array().map(Vec::as_slice) {
        Some([Value::Number(first), Value::Number(last)]) => {
            out.push((first.as_u64().unwrap_or(0), last.as_u64().unwrap_or(0)));
        }
        Some(items) => items.iter().for_each(|item| collect_pairs(item, out)),
        None => {}
    }
}

/// Extracts `text` and checks every line range the records carry.
fn check_lines_within(text: &str) -> Result<(), TestCaseError> {
    let extraction = moot_import::extract_text(text);
    let count = line_count(text);
    let pack = moot_format::pack_json("input.txt", &extraction.pack, &extraction.diagnostics);
    let findings = moot_format::findings_json("input.txt", &extraction.findings);
    let mut ranges = Vec::new();
    for json in [pack, findings] {
        let value: Value = serde_json::from_str(&json).expect("the format writes valid JSON");
        line_ranges(&value, &mut ranges);
    }
    for (first, last) in ranges {
        prop_assert!(
            1 <= first && first <= last && last <= count,
            "lines [{first}, {last}] outside 1..={count}"
        );
    }
    Ok(())
}

/// An excerpt of each corpus pack: cover and agenda, and a stretch from
/// the middle (minutes, reports, tables).
static EXCERPTS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut excerpts = Vec::new();
    for path in moot_testdata::corpus_files() {
        let text = std::fs::read_to_string(path).expect("pack");
        let lines: Vec<&str> = text.lines().collect();
        let middle = lines.len() / 2;
        excerpts.push(lines[..lines.len().min(400)].join("\n"));
        excerpts.push(lines[middle..lines.len().min(middle + 400)].join("\n"));
    }
    excerpts
});

/// Words, labels and marks that packs are made of, so random text reaches
/// the parsers' deeper states.
const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "\t",
    " ",
    "- ",
    "• ",
    "**",
    "*",
    "<u>",
    "(Item 4)",
    "(Pages 1 - 8)",
    "PRESENT:",
    "Apologies",
    "Apologies for absence were received from ",
    "RESOLVED that",
    "MINUTES of a meeting of the ",
    "Board held on ",
    "Wednesday, 18 September 2013",
    "at 6.30 pm",
    "10.00 am",
    "AGENDA",
    "Item No",
    "1.",
    "12.",
    "(1)",
    "(a)",
    "By:",
    "To:",
    "Subject:",
    "Classification:",
    "Decision No:",
    "13/00045",
    "Mr J Smith",
    "Cllr Mrs A Jones",
    "(Chairman)",
    "(Substitute for Mr B Brown)",
    "Ask for:",
    "Telephone:",
    "RED",
    "AMBER",
    "GREEN",
    "Target",
    "Polarity",
    "EXEMPT ITEMS",
    "UNRESTRICTED ITEMS",
    "Αα",
    "ß",
    "–",
    "’",
    "\r\n",
    "\u{c}",
    "Agenda Item",
    "Meeting of",
    "Venue:",
    "Contact:",
    "Committee",
    "1.19 - ",
    "(26) ",
    "iv. ",
    "Minute 151:",
    "C 08/042 ",
    "HWB23/12 ",
    "PENDERFYNWYD",
    "Council had resolved to",
    "Declarations of interest:",
    "Item 4bi – ",
    "……",
    " / ",
    "/ 05/02243/F /",
    "M.A. Brunt",
    "\n\n\n\n",
    // Minutes on their own: headings, labels and list forms.
    "Council Minutes",
    "Date:",
    "Time:",
    "Place:",
    "At a meeting of the ",
    " held at County Hall on ",
    "MINUTES OF THE PROCEEDINGS OF THE MEETING OF THE ",
    "Yn bresennol:",
    "Sederunt",
    "In the Chair : Mayor (Councillor P Rowe)",
    "Members Present : Aldermen – ",
    "Councillors – ",
    "MEMBERS",
    "Ashby, R. Bolt, T.",
    "K Dunmore L Fenwick",
    "Anna Bell (Leader)-North Ward",
    "PAnne Boyd",
    "P: Present",
    "A: Apologies for absence submitted",
    "Apologies for Absence / Substitute Members",
    "†",
    "who was substituted for by",
    "(substitute)",
    "Room 3 - 10.00 - 10.35 am",
    "Town Council - 14-03-2019",
];

fn pack_like_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..200).prop_map(|p| p.concat())
}

/// One kind of damage done to a pack's bytes.
#[derive(Debug, Clone)]
enum Damage {
    FlipByte { at: usize, mask: u8 },
    DeleteSpan { at: usize, len: usize },
    SwapLines { a: usize, b: usize },
    RepeatLine { at: usize },
}

fn damage() -> impl Strategy<Value = Damage> {
    let at = 0..1_000_000usize;
    prop_oneof![
        (at.clone(), 1..=255u8).prop_map(|(at, mask)| Damage::FlipByte { at, mask }),
        (at.clone(), 1..400usize).prop_map(|(at, len)| Damage::DeleteSpan { at, len }),
        (at.clone(), at.clone()).prop_map(|(a, b)| Damage::SwapLines { a, b }),
        at.prop_map(|at| Damage::RepeatLine { at }),
    ]
}

fn apply(bytes: &mut Vec<u8>, damage: &Damage) {
    if bytes.is_empty() {
        return;
    }
    match *damage {
        Damage::FlipByte { at, mask } => {
            let at = at % bytes.len();
            bytes[at] ^= mask;
        }
        Damage::DeleteSpan { at, len } => {
            let at = at % bytes.len();
            bytes.drain(at..bytes.len().min(at + len));
        }
        Damage::SwapLines { a, b } => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let count = lines.len();
            lines.swap(a % count, b % count);
            *bytes = lines.join(&b'\n');
        }
        Damage::RepeatLine { at } => {
            let mut lines: Vec<Vec<u8>> =
                bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            let at = at % lines.len();
            let line = lines[at].clone();
            lines.insert(at, line);
            *bytes = lines.join(&b'\n');
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics_and_lines_stay_in_range(text in any::<String>()) {
        check_lines_within(&text)?;
    }

    #[test]
    fn pack_like_text_never_panics_and_lines_stay_in_range(text in pack_like_text()) {
        check_lines_within(&text)?;
    }

    #[test]
    fn random_bytes_are_decoded_or_refused_without_panic(
        bytes in prop::collection::vec(any::<u8>(), 0..2000)
    ) {
        if let Ok(text) = moot_import::decode(&bytes) {
            check_lines_within(&text)?;
        }
    }

    #[test]
    fn damaged_corpus_text_never_panics_and_lines_stay_in_range(
        excerpt in prop::sample::select(EXCERPTS.clone()),
        damages in prop::collection::vec(damage(), 1..12),
    ) {
        let mut bytes = excerpt.into_bytes();
        for damage in &damages {
            apply(&mut bytes, damage);
        }
        let _ = moot_import::extract(&bytes);
        check_lines_within(&String::from_utf8_lossy(&bytes))?;
    }
}

#[test]
fn undamaged_excerpts_keep_lines_in_range() {
    for excerpt in EXCERPTS.iter() {
        check_lines_within(excerpt).expect("lines in range");
    }
}

#[test]
fn line_ranges_are_found_at_every_depth() {
    let record: Value = serde_json::from_str(
        r#"{"meeting": {"lines": [1, 3]}, "minutes": [{"items": [{"lines": [7, 9]}]}],
            "decision_lines": [[4, 4], [5, 6]], "findings": [{"lines": [[2, 2]]}]}"#,
    )
    .unwrap();
    let mut ranges = Vec::new();
    line_ranges(&record, &mut ranges);
    ranges.sort_unstable();
    assert_eq!(ranges, [(1, 3), (2, 2), (4, 4), (5, 6), (7, 9)]);
}
