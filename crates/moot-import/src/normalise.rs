//! Repairs the damage PDF-to-text conversion leaves, line by line, so the
//! part parsers can look for structure instead of debris.
//!
//! What it mends, in order:
//! - line endings (CRLF, CR) and form feeds (page breaks become blank lines);
//! - headings glued to what precedes them by bold markup
//!   (`UNRESTRICTED ITEMS**17. Chairman's Welcome**` becomes two lines);
//! - markdown and HTML markup (`**`, `*`, `<u>`, `## `, `[text](#)`);
//! - Greek and Cyrillic letters that OCR put in place of Latin look-alikes,
//!   inside words that are otherwise Latin and inside tab-separated tables;
//! - page debris ("Page 13" alone on a line, "This page is intentionally left
//!   blank");
//! - page references wrapped over two lines ("(Pages 19 -" then "26)");
//! - prose hard-wrapped at a fixed width ([`crate::rewrap`]).
//!
//! It never drops a source line's number: every logical line knows where it
//! came from.

use crate::document::{Document, Line};
use moot_domain::Lines;
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Normalises a pack's text into a [`Document`].
pub fn normalise(text: &str) -> Document {
    let mut lines = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
        // Glued headings need bold markup; most lines have none.
        if raw.len() > RUN_IN_LINE {
            // A document flattened to a line or two: its attendance labels
            // each start a line again.
            for piece in split_run_in_labels(raw) {
                lines.push(Line {
                    text: clean_line(piece),
                    source: Lines::one(number),
                });
            }
            continue;
        }
        if !raw.contains("**") {
            lines.push(Line {
                text: clean_line(raw),
                source: Lines::one(number),
            });
            continue;
        }
        for piece in split_glued_headings(raw) {
            lines.push(Line {
                text: clean_line(piece),
                source: Lines::one(number),
            });
        }
    }
    join_wrapped_page_references(&mut lines);
    crate::rewrap::join_wrapped_prose(&mut lines);
    Document { lines }
}

/// Characters beyond which a line is taken as a flattened run of lines.
const RUN_IN_LINE: usize = 600;

/// Cuts a flattened line before each attendance label ("Present:",
/// "Apologies:", "Also Present:", "In Attendance:", "Sederunt:"), so that
/// the lists after them read as they would on their own lines.
fn split_run_in_labels(raw: &str) -> Vec<&str> {
    static LABEL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\s(?:(?:Members|Also|Officers|Councillors)\s+)?(?:Present|PRESENT|Apologies|APOLOGIES|In [Aa]ttendance|IN ATTENDANCE|Sederunt|SEDERUNT)(?:\s+for\s+[Aa]bsence)?\s*:")
            .expect("valid regex")
    });
    let mut pieces = Vec::new();
    let mut start = 0;
    // Before the first attendance label is the front matter: its membership
    // and agenda headings start lines too.
    let front_end = LABEL.find(raw).map_or(raw.len(), |m| m.start());
    for cut in front_cuts(&raw[..front_end]) {
        if cut > start {
            pieces.push(&raw[start..cut]);
            start = cut;
        }
    }
    for m in LABEL.find_iter(raw) {
        let cut = m.start() + 1;
        if cut <= start {
            continue;
        }
        // The heading in capitals just before the label ("… COMMITTEE 1
        // APRIL 2019 PRESENT:") opens the minutes: it gets its own line.
        let heading = caps_run_start(&raw[start..cut]) + start;
        if heading > start && heading < cut {
            pieces.push(&raw[start..heading]);
            start = heading;
        }
        pieces.push(&raw[start..cut]);
        start = cut;
    }
    pieces.push(&raw[start..]);
    pieces
}

/// Where the front matter of a flattened line is cut: before a membership
/// heading ("Membership" followed by a name, which also gets a line of its
/// own), before a list led by a plural title ("Councillors Cox (Chairman),
/// …") that no label's colon introduces, and before the agenda heading in
/// capitals.
fn front_cuts(front: &str) -> Vec<usize> {
    static CUT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\s(?:(Membership|MEMBERSHIP)\s+\p{Lu}|(?:Councillors|Cllrs)\.?\s+\p{Lu}|AGENDA\s)",
        )
        .expect("valid regex")
    });
    let mut cuts = Vec::new();
    for c in CUT.captures_iter(front) {
        let Some(m) = c.get(0) else { continue };
        let at = m.start() + 1;
        if front[..m.start()].trim_end().ends_with(':') {
            continue;
        }
        cuts.push(at);
        if let Some(heading) = c.get(1) {
            cuts.push(heading.end());
        }
    }
    if let Some(agenda) = front.find(" AGENDA ") {
        cuts.extend(agenda_item_cuts(front, agenda + 1));
    }
    cuts.sort_unstable();
    cuts
}

/// Where the items of an agenda run into one line start ("1. Welcome 2.
/// Minutes 3 - 6 3. Apologies"): before each number that follows the one
/// before it, from 1. The last item ends after its page range, or else at
/// the end of its first sentence, where the text after the agenda begins.
fn agenda_item_cuts(front: &str, from: usize) -> Vec<usize> {
    static NUMBER: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\s(\d{1,3})\.\s+[\p{Lu}\p{N}]").expect("valid regex"));
    static LAST_END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\s\d{1,4}\s*[-–]\s*\d{1,4})(?:\s|$)|(\.)\s+\p{Lu}").expect("valid regex")
    });
    let mut cuts = Vec::new();
    let mut expected = 1;
    let mut at = from;
    while let Some(c) = front.get(at..).and_then(|rest| NUMBER.captures(rest)) {
        let (Some(whole), Some(number)) = (c.get(0), c.get(1)) else {
            break;
        };
        if number.as_str().parse::<u32>().ok() == Some(expected) {
            cuts.push(at + whole.start() + 1);
            expected += 1;
        }
        at += number.end();
    }
    if let Some(&last) = cuts.last() {
        let item = front.get(last..).unwrap_or("");
        // Past the item's own number.
        let skip = item.find(char::is_whitespace).unwrap_or(item.len());
        let end = item
            .get(skip..)
            .and_then(|rest| LAST_END.captures(rest))
            .and_then(|c| c.get(1).or_else(|| c.get(2)));
        if let Some(end) = end {
            cuts.push(last + skip + end.end());
        }
    }
    cuts
}

/// Where the run of words in capitals (and numbers) that ends `text`
/// begins, at its first word of letters; `text.len()` when it does not end
/// in such a run of at least three words.
fn caps_run_start(text: &str) -> usize {
    let mut start = text.len();
    let mut words = 0;
    for word in text.split_whitespace().rev() {
        let capitals =
            word.chars().any(char::is_alphabetic) && !word.chars().any(char::is_lowercase);
        let number = word.chars().all(|c| c.is_ascii_digit() || ",.".contains(c));
        if !capitals && !number {
            break;
        }
        words += 1;
        if capitals {
            start = word.as_ptr() as usize - text.as_ptr() as usize;
        }
    }
    if words >= 3 {
        start
    } else {
        text.len()
    }
}

/// Splits a line where bold markup opens straight after other text: PDF
/// converters glue a heading to the end of the line before it that way.
fn split_glued_headings(raw: &str) -> Vec<&str> {
    static GLUE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"[\p{L}\p{N})]\*\*[\p{Lu}\p{N}(]").expect("valid regex"));
    let mut pieces = Vec::new();
    let mut start = 0;
    for m in GLUE.find_iter(raw) {
        // Keep a bold span that is closed later on the same line together
        // with what precedes it when it is merely emphasis inside a sentence.
        let cut = m.start() + m.as_str().chars().next().map_or(1, char::len_utf8);
        let before = &raw[start..cut];
        if is_glued_heading_prefix(before) {
            pieces.push(before);
            start = cut;
        }
    }
    pieces.push(&raw[start..]);
    pieces
}

/// Text before a glued heading is itself heading-like: upper-case words
/// ("UNRESTRICTED ITEMS", "KENT COUNTY COUNCIL") or the close of a bold span.
fn is_glued_heading_prefix(before: &str) -> bool {
    let letters: Vec<char> = before.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    before.trim_end().ends_with("**") || (!letters.is_empty() && upper * 10 >= letters.len() * 9)
}

/// Bytes a repair needs: line-end and page-break debris or a no-break
/// space's trailing byte, markup openers, anything outside ASCII.
const CONTROL: u8 = 1;
const MARKUP: u8 = 2;
const NON_ASCII: u8 = 4;

/// Which repairs a line may need, from one pass over its bytes.
fn needs(raw: &str) -> u8 {
    raw.bytes().fold(0, |acc, b| {
        acc | match b {
            b'\r' | 0x0c => CONTROL,
            b'<' | b'[' | b'#' | b'*' => MARKUP,
            0xa0 => CONTROL | NON_ASCII,
            0x80.. => NON_ASCII,
            _ => 0,
        }
    })
}

fn clean_line(raw: &str) -> String {
    let needs = needs(raw);
    let mut text = if needs & CONTROL != 0 {
        Cow::Owned(raw.replace(['\r', '\u{0c}'], "").replace('\u{a0}', " "))
    } else {
        Cow::Borrowed(raw)
    };
    if text.trim_start().contains("   ") {
        text = Cow::Owned(tabs_for_column_gaps(&text));
    }
    if needs & MARKUP != 0 {
        text = strip_markup(text);
    }
    if needs & NON_ASCII != 0 {
        text = replace_look_alikes(text);
    }
    if is_page_debris(&text) {
        return String::new();
    }
    match text {
        Cow::Owned(mut owned) => {
            owned.truncate(owned.trim_end().len());
            owned
        }
        Cow::Borrowed(text) => text.trim_end().to_owned(),
    }
}

/// Tables flattened with spaces rather than tabs ("4    Minutes    3 - 8"):
/// a gap of three or more spaces inside a line is a column gap, so it
/// becomes a tab as other converters print it. Two spaces are left alone,
/// since typists put them after full stops.
fn tabs_for_column_gaps(text: &str) -> String {
    let body = text.trim_start();
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..text.len() - body.len()]);
    let mut spaces = 0;
    for c in body.chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        match spaces {
            0 => {}
            1 | 2 => out.extend(std::iter::repeat_n(' ', spaces)),
            _ => out.push('\t'),
        }
        spaces = 0;
        out.push(c);
    }
    out
}

/// Each pattern runs only on lines holding the character it needs.
fn strip_markup(text: Cow<'_, str>) -> Cow<'_, str> {
    static HTML: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)</?(?:u|i|b|em|strong|sup|sub|br|span|p|font)\b[^>]*>").expect("valid")
    });
    static LINK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\[([^\]]+)\]\([^)]*\)").expect("valid regex"));
    static HEADING: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*#{1,6}\s+").expect("valid regex"));
    static ITALIC_OPEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(^|[\s(])\*([^\s*])").expect("valid regex"));
    static ITALIC_CLOSE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"([^\s*])\*([\s),.;:]|$)").expect("valid regex"));
    let mut text = text;
    if text.contains('<') {
        text = Cow::Owned(HTML.replace_all(&text, " ").into_owned());
    }
    if text.contains("](") {
        text = Cow::Owned(LINK.replace_all(&text, "$1").into_owned());
    }
    if text.trim_start().starts_with('#') {
        text = Cow::Owned(HEADING.replace(&text, "").into_owned());
    }
    if !text.contains('*') {
        return text;
    }
    let text = text.replace("**", "");
    let text = ITALIC_OPEN.replace_all(&text, "$1$2");
    let text = ITALIC_CLOSE.replace_all(&text, "$1$2");
    Cow::Owned(text.into_owned())
}

/// The Latin letter an OCR look-alike stands for.
fn latin_for(c: char) -> Option<char> {
    Some(match c {
        'Α' | 'А' | 'Δ' | 'Λ' => 'A',
        'Β' | 'В' => 'B',
        'Ε' | 'Е' => 'E',
        'Ζ' => 'Z',
        'Η' | 'Н' => 'H',
        'Ι' | 'І' => 'I',
        'Κ' | 'К' => 'K',
        'Μ' | 'М' => 'M',
        'Ν' => 'N',
        'Ο' | 'О' => 'O',
        'Ρ' | 'Р' => 'P',
        'Τ' | 'Т' => 'T',
        'Υ' | 'У' => 'Y',
        'Χ' | 'Х' => 'X',
        'а' => 'a',
        'е' => 'e',
        'о' | 'ο' => 'o',
        'р' => 'p',
        'с' => 'c',
        'у' => 'y',
        'х' => 'x',
        'С' => 'C',
        _ => return None,
    })
}

/// Replaces look-alike letters in tab-separated table lines, and in words
/// that mix them with Latin letters. Genuine Greek or Cyrillic prose, which
/// has no Latin letters in its words and no tabs, is left alone.
fn replace_look_alikes(text: Cow<'_, str>) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| !c.is_ascii() && latin_for(c).is_some())
    {
        return text;
    }
    let in_table = text.contains('\t');
    let mut out = String::with_capacity(text.len());
    for word in text.split_inclusive(|c: char| c.is_whitespace()) {
        let has_latin = word.chars().any(|c| c.is_ascii_alphabetic());
        let foreign = word
            .chars()
            .filter(|c| c.is_alphabetic() && !c.is_ascii_alphabetic() && latin_for(*c).is_none())
            .count();
        if (in_table || has_latin) && foreign == 0 {
            out.extend(word.chars().map(|c| latin_for(c).unwrap_or(c)));
        } else {
            out.push_str(word);
        }
    }
    Cow::Owned(out)
}

fn is_page_debris(text: &str) -> bool {
    static DEBRIS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*(?:page\s+\d+(?:\s+of\s+\d+)?|this page (?:is )?intentionally (?:left )?blank\.?|-\s*\d+\s*-)\s*$")
            .expect("valid regex")
    });
    // Every form opens with "page", "this" or a dash.
    let opens = text.trim_start().chars().next();
    matches!(opens, Some('p' | 'P' | 't' | 'T' | '-')) && DEBRIS.is_match(text)
}

/// Joins "(Pages 19 -" with a following "26)" (blank lines between allowed).
fn join_wrapped_page_references(lines: &mut Vec<Line>) {
    static OPEN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\(\s*pages?\s*\d+\s*[-–—]?\s*$").expect("valid regex"));
    static CLOSE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*[-–—]?\s*\d+\s*\)").expect("valid regex"));
    let mut i = 0;
    // An open reference holds "(" and ends with its first page or a dash.
    let may_open = |text: &str| {
        text.contains('(')
            && text
                .trim_end()
                .ends_with(|c: char| c.is_numeric() || matches!(c, '-' | '–' | '—'))
    };
    while i < lines.len() {
        if may_open(&lines[i].text) && OPEN.is_match(&lines[i].text) {
            let next = (i + 1..lines.len().min(i + 4)).find(|&j| !lines[j].is_blank());
            if let Some(j) = next.filter(|&j| CLOSE.is_match(&lines[j].text)) {
                let tail = std::mem::take(&mut lines[j].text);
                let source = lines[i].source.join(lines[j].source);
                let head = &mut lines[i];
                head.text = format!("{} {}", head.text.trim_end(), tail.trim_start());
                head.source = source;
                lines.drain(i + 1..=j);
            }
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(input: &str) -> Vec<String> {
        normalise(input).lines.into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn glued_heading_is_split_from_the_line_before() {
        assert_eq!(
            texts("UNRESTRICTED ITEMS**17. Chairman's Welcome**"),
            ["UNRESTRICTED ITEMS", "17. Chairman's Welcome"]
        );
        assert_eq!(
            texts("KENT COUNTY COUNCIL**HEALTH AND WELLBEING BOARD**"),
            ["KENT COUNTY COUNCIL", "HEALTH AND WELLBEING BOARD"]
        );
    }

    #[test]
    fn bold_inside_a_sentence_is_not_split() {
        assert_eq!(
            texts("Subject: **CAMHS Update**"),
            ["Subject: CAMHS Update"]
        );
        assert_eq!(texts("and the Board**"), ["and the Board"]);
    }

    #[test]
    fn markup_is_removed() {
        assert_eq!(
            texts("<u>Public Meetings</u> *Maggie Blyth* [Appendix A](#)"),
            [" Public Meetings  Maggie Blyth Appendix A"]
        );
        assert_eq!(texts("## ADOPTION"), ["ADOPTION"]);
    }

    #[test]
    fn look_alike_letters_are_replaced_in_tables_and_mixed_words() {
        assert_eq!(texts("4\t%\tН\tYTD\tΑ"), ["4\t%\tH\tYTD\tA"]);
        assert_eq!(texts("ΙΔΤΕST RESULT"), ["IATEST RESULT"]);
        assert_eq!(texts("Ελληνικά κείμενο"), ["Ελληνικά κείμενο"]);
    }

    #[test]
    fn page_debris_becomes_blank() {
        assert_eq!(
            texts("Page 13\nThis page is intentionally left blank"),
            ["", ""]
        );
    }

    #[test]
    fn wrapped_page_reference_is_joined_and_keeps_both_line_numbers() {
        let doc = normalise("4 Minutes (Pages 19 -\n\n26)\n5 Next");
        assert_eq!(doc.lines[0].text, "4 Minutes (Pages 19 - 26)");
        assert_eq!(doc.lines[0].source, Lines::span(1, 3));
        assert_eq!(doc.lines[1].text, "5 Next");
    }

    #[test]
    fn wide_space_gaps_become_column_tabs() {
        assert_eq!(
            texts("4    Minutes of the last meeting     3 - 8"),
            ["4\tMinutes of the last meeting\t3 - 8"]
        );
        assert_eq!(texts("It ended.  Then"), ["It ended.  Then"]);
        assert_eq!(texts("   indented  text"), ["   indented  text"]);
    }

    #[test]
    fn crlf_and_form_feeds_are_removed() {
        assert_eq!(texts("a\r\n\u{0c}b"), ["a", "b"]);
    }
}
