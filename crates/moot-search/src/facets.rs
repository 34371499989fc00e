//! Counts of a search's matches by kind, body, council and year.
//!
//! Counting walks the matches without scoring them, adding one to a slot
//! per term ordinal of each fast field; terms are looked up once per
//! segment, at the end, and no stored document is read. A search of
//! common words over thousands of packs matches most of the index, and
//! walking it all would cost more than ranking it, so the walk stops at a
//! limit (as Elasticsearch stops counting hits at 10,000): beyond it the
//! total is "more than the limit" and the counts are those of the best
//! matches ([`sample`]), each a lower bound, and say so.

use std::collections::HashMap;

use moot_store::{BodyId, SearchKind};
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{EnableScoring, Query};
use tantivy::{DocAddress, DocId, DocSet, Searcher, SegmentOrdinal, SegmentReader, TERMINATED};

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
    /// `None` when these count every match; `Some(n)` when more matched
    /// than were counted and these count the first `n` in the order shown,
    /// so each is a lower bound.
    pub sample: Option<usize>,
}

impl Facets {
    /// How many matches were counted: every entry has one kind.
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
            sample: None,
        }
    }
}

/// The counts by key, largest first (ties by key), at most [`MAX_BUCKETS`].
fn largest(counts: HashMap<String, usize>) -> impl Iterator<Item = (String, usize)> {
    let mut counts: Vec<(String, usize)> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.into_iter().take(MAX_BUCKETS)
}

/// Counts the matches of `query` when there are at most `limit`; `None`
/// when there are more.
pub fn count(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
) -> tantivy::Result<Option<Facets>> {
    let weight = query.weight(EnableScoring::disabled_from_searcher(searcher))?;
    let mut seen = 0;
    let mut tallies = Vec::with_capacity(searcher.segment_readers().len());
    for reader in searcher.segment_readers() {
        let mut counter = SegmentCounter::new(reader)?;
        let mut matches = weight.scorer(reader, 1.0)?;
        let alive = reader.alive_bitset();
        let mut doc = matches.doc();
        while doc != TERMINATED {
            if alive.is_none_or(|a| a.is_alive(doc)) {
                seen += 1;
                if seen > limit {
                    return Ok(None);
                }
                counter.collect(doc);
            }
            doc = matches.advance();
        }
        tallies.push(counter.harvest());
    }
    Ok(Some(merge(tallies, None)))
}

/// Counts `best`, the first matches in the order shown, as a sample of
/// more matches than were counted.
pub fn sample(searcher: &Searcher, best: &[DocAddress]) -> tantivy::Result<Facets> {
    let mut by_segment: HashMap<SegmentOrdinal, Vec<DocId>> = HashMap::new();
    for address in best {
        by_segment
            .entry(address.segment_ord)
            .or_default()
            .push(address.doc_id);
    }
    let mut tallies = Vec::with_capacity(by_segment.len());
    for (segment, docs) in by_segment {
        let mut counter = SegmentCounter::new(searcher.segment_reader(segment))?;
        for doc in docs {
            counter.collect(doc);
        }
        tallies.push(counter.harvest());
    }
    Ok(merge(tallies, Some(best.len())))
}

fn merge(tallies: Vec<Tally>, sample: Option<usize>) -> Facets {
    let mut all = Tally::default();
    for tally in tallies {
        all.add(tally);
    }
    Facets {
        sample,
        ..Facets::from_tally(all)
    }
}

/// What one segment, or all of them, counted: by term of each of
/// [`TERM_FIELDS`], and by year.
#[derive(Debug, Default)]
struct Tally {
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

/// One segment's counting: a slot per term ordinal of each term field.
struct SegmentCounter {
    columns: Vec<(Option<StrColumn>, Vec<usize>)>,
    year: Column<i64>,
    years: HashMap<i64, usize>,
}

impl SegmentCounter {
    fn new(reader: &SegmentReader) -> tantivy::Result<SegmentCounter> {
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

    fn collect(&mut self, doc: DocId) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Fields;
    use tantivy::collector::TopDocs;
    use tantivy::query::AllQuery;
    use tantivy::{Index, TantivyDocument};

    /// An index of `n` entries: minutes of body 1 in 2024, then reports of
    /// body 2 in 2025.
    fn searcher(minutes: usize, reports: usize) -> Searcher {
        let (schema, fields) = Fields::schema();
        let index = Index::create_in_ram(schema);
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let rows = (0..minutes)
            .map(|_| ("minute", "1:Board", 2024))
            .chain((0..reports).map(|_| ("report", "2:Cabinet", 2025)));
        for (kind, body, year) in rows {
            let mut doc = TantivyDocument::default();
            doc.add_text(fields.kind, kind);
            doc.add_text(fields.body_key, body);
            doc.add_text(fields.council, "Ashworth");
            doc.add_i64(fields.year, year);
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        index.reader().unwrap().searcher()
    }

    #[test]
    fn every_match_is_counted_up_to_the_limit() {
        let searcher = searcher(3, 2);
        let facets = count(&searcher, &AllQuery, 5).unwrap().unwrap();
        assert_eq!(facets.total(), 5);
        assert_eq!(facets.sample, None);
        assert_eq!(facets.kind(SearchKind::Minute), 3);
        assert_eq!(facets.kind(SearchKind::Report), 2);
        assert_eq!(
            facets.bodies,
            vec![
                (BodyId(1), "Board".to_owned(), 3),
                (BodyId(2), "Cabinet".to_owned(), 2)
            ]
        );
        assert_eq!(facets.councils, vec![("Ashworth".to_owned(), 5)]);
        assert_eq!(facets.years, vec![(2025, 2), (2024, 3)]);
    }

    #[test]
    fn more_matches_than_the_limit_are_not_counted() {
        assert_eq!(count(&searcher(3, 2), &AllQuery, 4).unwrap(), None);
    }

    #[test]
    fn a_sample_counts_the_matches_given_and_says_so() {
        let searcher = searcher(3, 2);
        let top = searcher
            .search(&AllQuery, &TopDocs::with_limit(4).order_by_score())
            .unwrap();
        let best: Vec<DocAddress> = top.into_iter().map(|(_, address)| address).collect();
        let facets = sample(&searcher, &best).unwrap();
        assert_eq!(facets.sample, Some(4));
        assert_eq!(facets.total(), 4);
    }
}
