//! Synthetic packs made from the corpus packs: pack `i` is corpus pack
//! `i % 4` with its council's place name, its people's surnames, its
//! meetings' dates, its decision numbers, its minute numbers, its money
//! figures and some words varied, deterministically from a seed. What to
//! vary is found through the importer's own reading of the pack (the
//! organisation, the names printed in membership and minutes, the
//! meeting dates, the decision numbers, the minute items), never keyed on
//! the corpus.
//!
//! Variants of one corpus pack come in cohorts of [`WEEKS_PER_PLACE`]:
//! one invented council per cohort (so the same people recur across its
//! meetings, as in life), its meetings a week apart, so every pack has a
//! distinct body and date and distinct bytes.

use moot_domain::{Date, Pack};
use moot_people::PersonName;
use regex::{Captures, Regex};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Meetings of one invented council made from one corpus pack.
pub const WEEKS_PER_PLACE: usize = 100;

/// Syllables invented place names and surnames are made of.
const ONSETS: [&str; 24] = [
    "Ab", "Bar", "Cor", "Dal", "Em", "Fen", "Gar", "Hol", "Ing", "Jar", "Kem", "Lor", "Mor", "Nor",
    "Ol", "Pem", "Quil", "Rad", "Sel", "Tam", "Ul", "Ver", "Wyn", "Yar",
];
const CODAS: [&str; 15] = [
    "bury", "ton", "well", "ley", "wood", "ham", "ford", "field", "by", "son", "more", "gate",
    "ridge", "worth", "dale",
];

/// Words a variant may swap for the other of their pair.
const WORD_PAIRS: [(&str, &str); 8] = [
    ("important", "significant"),
    ("improve", "enhance"),
    ("increase", "rise"),
    ("reduce", "lower"),
    ("support", "assist"),
    ("ensure", "make sure"),
    ("additional", "extra"),
    ("currently", "at present"),
];

/// A small deterministic generator (splitmix64).
pub struct Rng(u64);

impl Rng {
    /// A generator for `parts` (a seed and what it is for).
    pub fn new(parts: &[u64]) -> Rng {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for part in parts {
            rng.0 ^= *part;
            rng.next();
        }
        rng
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `bound` (which must not be 0).
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound
    }
}

/// An invented name: the `n`th of the syllable pairs, with a third
/// syllable once the pairs are used up, so distinct `n` give distinct
/// names.
fn invented(n: usize) -> String {
    let pairs = ONSETS.len() * CODAS.len();
    let mut name = format!(
        "{}{}",
        ONSETS[n % ONSETS.len()],
        CODAS[(n / ONSETS.len()) % CODAS.len()]
    );
    if n >= pairs {
        name.push_str(&invented(n / pairs - 1).to_lowercase());
    }
    name
}

/// What one corpus pack prints that its variants change.
struct Base {
    stem: String,
    text: String,
    /// The first word of the council's name.
    place: Option<String>,
    /// Surnames printed in membership and minutes.
    surnames: Vec<String>,
    dates: Vec<Date>,
    decisions: Vec<(String, u32)>,
    /// (0-based line, minute number as printed) of each numbered minute.
    minute_lines: Vec<(usize, u32)>,
    /// Every literal a variant replaces, in one pattern.
    pattern: Regex,
}

/// Makes synthetic packs from the corpus packs.
pub struct Generator {
    bases: Vec<Base>,
    seed: u64,
    money: Regex,
}

impl Generator {
    /// A generator over the corpus packs (in `../shared/corpus`).
    pub fn from_corpus(seed: u64) -> Generator {
        let bases = moot_testdata::corpus_files()
            .iter()
            .map(|path| base(path))
            .collect();
        Generator {
            bases,
            seed,
            money: Regex::new(r"£(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?").expect("the money pattern"),
        }
    }

    /// How many corpus packs the packs are made from.
    pub fn bases(&self) -> usize {
        self.bases.len()
    }

    /// Pack `index`: its file name and text.
    pub fn pack(&self, index: usize) -> (String, String) {
        let base = &self.bases[index % self.bases.len()];
        let variant = index / self.bases.len();
        let cohort = variant / WEEKS_PER_PLACE;
        let week = variant % WEEKS_PER_PLACE;
        let place_number = cohort * self.bases.len() + index % self.bases.len();
        let mut rng = Rng::new(&[self.seed, index as u64]);
        let mut map: BTreeMap<String, String> = BTreeMap::new();
        if let Some(place) = &base.place {
            let invented = invented(place_number + (self.seed as usize % 97) * 7);
            map.insert(place.to_uppercase(), invented.to_uppercase());
            map.insert(place.clone(), invented);
        }
        for surname in &base.surnames {
            let mut pick = Rng::new(&[self.seed, place_number as u64, key(surname)]);
            let invented = invented(pick.below(ONSETS.len() as u64 * CODAS.len() as u64) as usize);
            map.insert(surname.to_uppercase(), invented.to_uppercase());
            map.insert(surname.clone(), invented);
        }
        let shift = 7 * week as i64;
        for date in &base.dates {
            let Some(moved) = Date::from_days_since_epoch(date.days_since_epoch() + shift) else {
                continue;
            };
            for (from, to) in printings(*date).into_iter().zip(printings(moved)) {
                map.insert(from, to);
            }
        }
        let decision_offset = rng.below(50_000) as u32;
        for (number, serial) in &base.decisions {
            let (year, _) = number.split_once('/').unwrap_or_default();
            let serial = (serial + decision_offset) % 100_000;
            map.insert(number.clone(), format!("{year}/{serial:05}"));
        }
        for (from, to) in WORD_PAIRS {
            if rng.below(2) == 1 {
                map.insert(from.to_owned(), to.to_owned());
            }
        }
        let minute_offset = 10 * rng.below(30) as u32;
        let text = minute_numbers(&base.text, &base.minute_lines, minute_offset);
        let text = base.pattern.replace_all(&text, |c: &Captures| {
            map.get(&c[0]).cloned().unwrap_or_else(|| c[0].to_owned())
        });
        let factor = 0.8 + rng.below(45) as f64 / 100.0;
        let text = self
            .money
            .replace_all(&text, |c: &Captures| money(c, factor));
        let name = format!("{index:05}-{}.txt", base.stem);
        (name, text.into_owned())
    }

    /// Writes packs `range` into `dir` (created if need be); returns the
    /// files written.
    pub fn write(
        &self,
        range: std::ops::Range<usize>,
        dir: &Path,
    ) -> std::io::Result<Vec<PathBuf>> {
        std::fs::create_dir_all(dir)?;
        range
            .map(|index| {
                let (name, text) = self.pack(index);
                let path = dir.join(name);
                std::fs::write(&path, text)?;
                Ok(path)
            })
            .collect()
    }
}

/// The facts a variant changes, as the importer reads them from `path`.
fn base(path: &Path) -> Base {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let pack = moot_import::extract_text(&text).pack;
    let place = pack
        .meeting
        .organisation
        .as_deref()
        .and_then(|o| o.split_whitespace().next())
        .filter(|w| w.len() > 2 && w.chars().all(char::is_alphabetic))
        .map(str::to_owned);
    let surnames = surnames(&pack);
    let mut dates: Vec<Date> = pack.meeting.date.into_iter().collect();
    dates.extend(pack.minutes.iter().filter_map(|m| m.date));
    dates.sort_by_key(|d| d.days_since_epoch());
    dates.dedup();
    let decisions: Vec<(String, u32)> = pack
        .decisions
        .iter()
        .filter_map(|d| {
            let (_, serial) = d.number.split_once('/')?;
            Some((d.number.clone(), serial.parse().ok()?))
        })
        .collect();
    let minute_lines = pack
        .minutes
        .iter()
        .flat_map(|m| &m.items)
        .filter_map(|item| {
            let number = item
                .number
                .as_deref()?
                .trim_matches(|c: char| !c.is_ascii_digit());
            Some((
                item.lines.first.checked_sub(1)? as usize,
                number.parse().ok()?,
            ))
        })
        .collect();
    let mut literals: Vec<String> = Vec::new();
    if let Some(place) = &place {
        literals.extend([place.clone(), place.to_uppercase()]);
    }
    for surname in &surnames {
        literals.extend([surname.clone(), surname.to_uppercase()]);
    }
    for date in &dates {
        literals.extend(printings(*date));
    }
    literals.extend(decisions.iter().map(|(n, _)| n.clone()));
    literals.extend(WORD_PAIRS.iter().map(|(from, _)| (*from).to_owned()));
    // Longest first, so a date wins over the day number inside it.
    literals.sort_by_key(|l| std::cmp::Reverse(l.len()));
    literals.dedup();
    let alternation: Vec<String> = literals.iter().map(|l| regex::escape(l)).collect();
    let pattern = Regex::new(&format!(r"\b(?:{})\b", alternation.join("|")))
        .expect("an alternation of escaped literals");
    Base {
        stem: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        text,
        place,
        surnames,
        dates,
        decisions,
        minute_lines,
        pattern,
    }
}

/// The surnames of the people the pack names (membership, attendance,
/// substitutes, declarations), as printed; none that is a month's name.
fn surnames(pack: &Pack) -> Vec<String> {
    let months: Vec<&str> = (1..=12)
        .filter_map(|m| Date::new(2000, m, 1))
        .map(Date::month_name)
        .collect();
    let mut printed: Vec<&str> = pack.membership.iter().map(|m| m.name.as_str()).collect();
    for minutes in &pack.minutes {
        printed.extend(minutes.present.iter().map(String::as_str));
        printed.extend(minutes.apologies.iter().map(String::as_str));
        for s in &minutes.substitutes {
            printed.extend([s.name.as_str(), s.for_member.as_str()]);
        }
        printed.extend(minutes.declarations.iter().map(|d| d.name.as_str()));
    }
    let mut surnames: Vec<String> = printed
        .into_iter()
        .filter_map(PersonName::parse)
        .map(|n| n.surname)
        .filter(|s| {
            s.chars().count() > 2
                && s.starts_with(|c: char| c.is_uppercase())
                && !months.iter().any(|m| m.eq_ignore_ascii_case(s))
        })
        .collect();
    surnames.sort();
    surnames.dedup();
    surnames
}

/// The ways a date is printed, in one order for every date.
fn printings(date: Date) -> Vec<String> {
    let (d, m, y, month) = (date.day(), date.month(), date.year(), date.month_name());
    let suffix = match d {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    vec![
        format!("{d} {month} {y}"),
        format!("{d}{suffix} {month} {y}"),
        format!("{d} {month}, {y}"),
        format!("{d}{suffix} {month}, {y}"),
        format!("{d} {} {y}", month.to_uppercase()),
        format!("{month} {d}, {y}"),
        format!("{d:02}/{m:02}/{y}"),
        format!("{d}/{m}/{y}"),
        format!("{d:02}.{m:02}.{y}"),
    ]
}

/// `text` with each numbered minute's number (on its first line) raised
/// by `offset`, so the minutes stay in sequence.
fn minute_numbers(text: &str, minute_lines: &[(usize, u32)], offset: u32) -> String {
    let at: BTreeMap<usize, u32> = minute_lines.iter().copied().collect();
    let mut out = String::with_capacity(text.len() + 64);
    for (n, line) in text.split_inclusive('\n').enumerate() {
        match at.get(&n) {
            Some(number) => out.push_str(&raise_number(line, *number, offset)),
            None => out.push_str(line),
        }
    }
    out
}

/// `line` with its first `number` standing alone raised by `offset`.
fn raise_number(line: &str, number: u32, offset: u32) -> String {
    let printed = number.to_string();
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(found) = line[from..].find(&printed) {
        let start = from + found;
        let end = start + printed.len();
        let digit_before = start > 0 && bytes[start - 1].is_ascii_digit();
        let digit_after = bytes.get(end).is_some_and(u8::is_ascii_digit);
        if !digit_before && !digit_after {
            return format!("{}{}{}", &line[..start], number + offset, &line[end..]);
        }
        from = end;
    }
    line.to_owned()
}

/// A money figure scaled by `factor`, printed as it was (thousands
/// separators, decimals).
fn money(c: &Captures, factor: f64) -> String {
    let whole: u64 = c[1].replace(',', "").parse().unwrap_or(0);
    let scaled = (whole as f64 * factor).round() as u64;
    let digits = scaled.to_string();
    let printed = if c[1].contains(',') {
        let mut grouped = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        grouped
    } else {
        digits
    };
    format!("£{printed}{}", c.get(2).map_or("", |m| m.as_str()))
}

/// A number standing for `text`, for seeding.
fn key(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x1000_0000_01b3)
    })
}
