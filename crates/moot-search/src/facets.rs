//! Counts of a search's matches by kind, body, council and year.
//!
//! A collector of its own rather than tantivy's terms aggregation: it needs
//! no scores, so the ranking pass keeps its pruning (it reads only the
//! matches that can still reach the top) and the counting pass walks the
//! matches without scoring them, adding one to a slot per term ordinal of
//! each fast field. Terms are looked up once per segment, at the end, and
//! no stored document is read.

use std::collections::HashMap;

use moot_store::{BodyId, SearchKind};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

/// At most this many bodies, councils or years are listed (the largest).
const MAX_BUCKETS: usize = 100;

/// The untokenised fast fields counted by term, in [`Tally`]'s order.
const TERM_FIELDS: [&str; 3] = ["kind", "body_key", "council"];

/// How many matches there are of each kind, body, council and year, each
/// list largest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    /// By kind of record.
    pub kinds: Vec<(SearchKind, usize)>,
    /// By body.
    pub bodies: Vec<(BodyId, String, usize)>,
    /// By council.
    pub councils: Vec<(String, usize)>,
    /// By year of meeting, latest first.
    pub years: Vec<(i32, usize)>,
}

impl Facets {
    /// How many matches there are: every entry has one kind.
    pub fn total(&self) -> usize {
        self.kinds.iter().map(|(_, n)| n).sum()
    }

    /// The count for `kind`.
    pub fn kind(&self, kind: SearchKind) -> usize {
        self.kinds
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    }

    fn from_tally(tally: Tally) -> Facets {
        let [kinds, bodies, councils] = tally.terms;
        let mut years: Vec<(i32, usize)> = tally
            .years
            .into_iter()
            .filter_map(|(year, n)| Some((i32::try_from(year).ok()?, n)))
            .collect();
        years.sort_by_key(|&(year, _)| std::cmp::Reverse(year));
        Facets {
            kinds: largest(kinds)
                .filter_map(|(key, n)| Some((SearchKind::parse(&key)?, n)))
                .collect(),
            bodies: largest(bodies)
                .filter_map(|(key, n)| {
                    let (id, name) = key.split_once(':')?;
                    Some((BodyId(id.parse().ok()?), name.to_owned(), n))
                })
                .collect(),
            councils: largest(councils).collect(),
            years,
        }
    }
}

/// The counts by key, largest first (ties by key), at most [`MAX_BUCKETS`].
fn largest(counts: HashMap<String, usize>) -> impl Iterator<Item = (String, usize)> {
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.into_iter().take(MAX_BUCKETS)
}

/// Counts every match of a query by kind, body, council and year.
pub struct Counter;

/// What one segment, or all of them, counted: by term of each of
/// [`TERM_FIELDS`], and by year.
#[derive(Debug, Default)]
pub struct Tally {
    terms: [HashMap<String, usize>; 3],
    years: HashMap<i64, usize>,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        for (mine, theirs) in self.terms.iter_mut().zip(other.terms) {
            for (key, n) in theirs {
                *mine.entry(key).or_default() += n;
            }
        }
        for (year, n) in other.years {
            *self.years.entry(year).or_default() += n;
        }
    }
}

impl Collector for Counter {
    type Fruit = Facets;
    type Child = SegmentCounter;

    fn for_segment(
        &self,
        _segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCounter> {
        let fast = reader.fast_fields();
        let mut columns = Vec::with_capacity(TERM_FIELDS.len());
        for field in TERM_FIELDS {
            let column = fast.str(field)?;
            let slots = column.as_ref().map_or(0, |c| c.num_terms());
            columns.push((column, vec![0usize; slots]));
        }
        Ok(SegmentCounter {
            columns,
            year: fast.i64("year")?,
            years: HashMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, tallies: Vec<Tally>) -> tantivy::Result<Facets> {
        let mut all = Tally::default();
        for tally in tallies {
            all.add(tally);
        }
        Ok(Facets::from_tally(all))
    }
}

/// One segment's counting: a slot per term ordinal of each term field.
pub struct SegmentCounter {
    columns: Vec<(Option<StrColumn>, Vec<usize>)>,
    year: Column<i64>,
    years: HashMap<i64, usize>,
}

impl SegmentCollector for SegmentCounter {
    type Fruit = Tally;

    fn collect(&mut self, doc: DocId, _score: Score) {
        for (column, slots) in &mut self.columns {
            let Some(column) = column else { continue };
            for ord in column.term_ords(doc) {
                if let Some(slot) = usize::try_from(ord).ok().and_then(|o| slots.get_mut(o)) {
                    *slot += 1;
                }
            }
        }
        if let Some(year) = self.year.first(doc) {
            *self.years.entry(year).or_default() += 1;
        }
    }

    fn harvest(self) -> Tally {
        let mut tally = Tally {
            years: self.years,
            ..Tally::default()
        };
        for ((column, slots), counts) in self.columns.into_iter().zip(&mut tally.terms) {
            let Some(column) = column else { continue };
            let mut key = String::new();
            for (ord, &n) in slots.iter().enumerate() {
                // A term the dictionary cannot give back is not counted
                // under a wrong name.
                if n > 0 && matches!(column.ord_to_str(ord as u64, &mut key), Ok(true)) {
                    counts.insert(key.clone(), n);
                }
            }
        }
        tally
    }
}
