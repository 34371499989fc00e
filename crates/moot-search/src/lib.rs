//! Moot's full-text search: a tantivy index derived from the store.
//!
//! **The database is the truth.** The index holds only what
//! [`Store::searchable`] hands out (so never exempt business), and every
//! commit records the store's [`Revision`] it reflects. A missing, stale
//! or older-schema index is rebuilt from the store ([`SearchIndex::refresh`],
//! `moot reindex`); after an import, [`SearchIndex::add_document`] replaces
//! only the groups of records the new document touched (a meeting's page,
//! a person's), whole, so records that became exempt leave with their
//! group.
//!
//! This crate knows no SQL and no HTML: it reads through the `Store` trait
//! and gives snippets as text with marked ranges.
//!
//! ```no_run
//! use moot_search::{SearchIndex, SearchQuery};
//! let store = moot_store_sqlite::SqliteStore::open("moot.db".as_ref())?;
//! let index = SearchIndex::open(&moot_search::index_path("moot.db".as_ref()))?;
//! index.refresh(&store)?;
//! let results = index.search(&SearchQuery::new("public health"))?;
//! for group in &results.groups {
//!     println!("{}: {}", group.kind.as_str(), group.total);
//! }
//! # Ok::<(), moot_search::SearchError>(())
//! ```

mod entries;
mod facets;
mod passages;
mod query;
mod schema;
mod snippet;
mod suggest;

pub use facets::Facets;
pub use passages::{passages, Passage};
pub use query::{MAX_PIECES, RERANKED};
pub use schema::Entry;
pub use snippet::{Snippet, SNIPPET_CHARS};

use moot_domain::Date;
use moot_store::{
    BodyId, DocumentId, Revision, SearchKind, SearchRecord, SearchTarget, Store, StoreError,
};
use schema::{date_key, Fields, SCHEMA_VERSION};
use std::collections::{BTreeSet, HashMap};
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};
use tantivy::collector::TopDocs;
use tantivy::directory::error::LockError;
use tantivy::directory::MmapDirectory;
use tantivy::index::SegmentId;
use tantivy::query::{BooleanQuery, EnableScoring, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    DocAddress, DocSet, Index, IndexReader, IndexWriter, Order, ReloadPolicy, Searcher,
    SegmentMeta, TantivyDocument, TantivyError, Term,
};

/// The memory one index writer may use before it flushes.
const WRITER_MEMORY: usize = 50_000_000;

/// How long a writer waits for another process's writer to finish.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// An index with more segments than this has its smallest merged when an
/// update finishes ([`SearchIndex::finish`]) or the site opens it, so the
/// largest are not rewritten after every run.
pub const MAX_SEGMENTS: usize = 8;

/// How many ranked candidates a search reads at most, before removing
/// repeats, to fill its page and its groups.
const MAX_CANDIDATES: usize = 1_000;

/// Matches are counted one by one up to this many; beyond it a search says
/// "more than" this many ([`SearchResults::capped`]).
pub const COUNT_LIMIT: usize = 10_000;

/// When more than [`COUNT_LIMIT`] match, the counts by kind, body, council
/// and year are those of this many best matches.
pub const FACET_SAMPLE: usize = 400;

/// Where the index of the database at `db` lives by default: a directory
/// beside it, `moot.db` → `moot.db.search`.
pub fn index_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".search");
    db.with_file_name(name)
}

/// Why the index could not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Tantivy failed (IO, a damaged index, a writer lock held too long).
    #[error("search index: {0}")]
    Index(#[from] TantivyError),
    /// The store failed while the index was read from it.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The directory holds files that are not a search index; it is left
    /// alone rather than emptied.
    #[error("{} is not a search index (it holds other files)", .0.display())]
    NotAnIndex(PathBuf),
    /// The directory could not be made or cleared.
    #[error("search index {}: {source}", .path.display())]
    Io {
        /// The index directory.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// What [`SearchIndex::refresh`] or [`SearchIndex::add_document`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refresh {
    /// The index already reflected the store.
    Current,
    /// Only the new document's groups were replaced.
    Updated,
    /// The index was rebuilt from every record.
    Rebuilt,
}

/// The order of the ranked list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Best match first.
    #[default]
    Relevance,
    /// Latest meeting first (undated records last).
    Newest,
}

/// A search: the words typed and the filters chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// What was typed (see the `query` module for what it understands).
    pub text: String,
    /// Only records of this body.
    pub body: Option<BodyId>,
    /// Only records of this council (its name as stored).
    pub council: Option<String>,
    /// Only records dated on or after this day.
    pub from: Option<Date>,
    /// Only records dated on or before this day.
    pub to: Option<Date>,
    /// Only these kinds (all when empty).
    pub kinds: Vec<SearchKind>,
    /// The order of the ranked list.
    pub sort: Sort,
    /// Which page of the ranked list (0 is the first).
    pub page: usize,
    /// Hits per page of the ranked list.
    pub per_page: usize,
    /// At most this many records per kind in the groups.
    pub per_kind: usize,
}

impl SearchQuery {
    /// A search for `text` over every kind: the first page of twenty, ten
    /// records per kind.
    pub fn new(text: &str) -> SearchQuery {
        SearchQuery {
            text: text.to_owned(),
            body: None,
            council: None,
            from: None,
            to: None,
            kinds: Vec::new(),
            sort: Sort::Relevance,
            page: 0,
            per_page: 20,
            per_kind: 10,
        }
    }
}

/// One record or passage found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The record; for a passage, its record with the passage's text and
    /// lines.
    pub record: SearchRecord,
    /// Whether the hit is a passage of a document's text.
    pub passage: bool,
    /// The name of the file its lines are in, as imported.
    pub file: Option<String>,
    /// A quotation of its text, matching words marked.
    pub snippet: Snippet,
    /// How well it matched (higher is better; comparable within a search).
    pub score: f32,
}

/// The records of one kind found.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The kind.
    pub kind: SearchKind,
    /// How many entries (records and passages) of this kind match in all.
    pub total: usize,
    /// The best records, each once (by its best passage), best first.
    pub hits: Vec<Hit>,
}

/// Everything a search found.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    /// This page of the one ranked list across kinds, no text twice (a hit
    /// whose lines another, better hit already shows is left out).
    pub ranked: Vec<Hit>,
    /// How many entries (records and passages) match in all, or
    /// [`COUNT_LIMIT`] when more match (then `capped`).
    pub total: usize,
    /// Whether more than [`COUNT_LIMIT`] match: `total` is a lower bound
    /// and the counts are of the best matches ([`Facets::sample`]).
    pub capped: bool,
    /// Whether there is a page after this one.
    pub more: bool,
    /// The ranked records grouped by kind, the group with the best hit
    /// first.
    pub groups: Vec<Group>,
    /// Counts of the matches by kind, body, council and year.
    pub facets: Facets,
    /// The words typed with each word the index does not hold replaced by
    /// its nearest word that it does, when there is one.
    pub suggestion: Option<String>,
}

impl SearchResults {
    /// How many entries matched, over every kind.
    pub fn total(&self) -> usize {
        self.total
    }
}

/// An open search index: one long-lived reader, a searcher per search,
/// and one writer per process, kept while updates run and released by
/// [`SearchIndex::finish`].
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    writer: Mutex<Option<IndexWriter>>,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (empty, reflecting no
    /// revision) when missing. An index of another schema version is
    /// emptied first; a directory holding anything else is refused.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let (schema, fields) = Fields::schema();
        let index = match open_dir(dir, &schema) {
            Ok(index) if version_of(&index)?.is_none_or(|v| v == SCHEMA_VERSION) => index,
            Ok(_) | Err(SearchError::Index(TantivyError::SchemaError(_))) => {
                clear(dir)?;
                open_dir(dir, &schema)?
            }
            Err(other) => return Err(other),
        };
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .try_into()?;
        Ok(SearchIndex {
            index,
            reader,
            fields,
            writer: Mutex::new(None),
        })
    }

    /// The store revision the index reflects (`None` for a new index).
    pub fn revision(&self) -> Result<Option<Revision>, SearchError> {
        Ok(payload(&self.index)?.and_then(|(_, revision)| revision))
    }

    /// How many segments the index has (searches read each one).
    pub fn segments(&self) -> Result<usize, SearchError> {
        Ok(self.index.searchable_segment_ids()?.len())
    }

    /// Rebuilds the index unless it already reflects `store`.
    pub fn refresh(&self, store: &(impl Store + ?Sized)) -> Result<Refresh, SearchError> {
        if self.revision()? == Some(store.revision()?) {
            return Ok(Refresh::Current);
        }
        self.rebuild(store)?;
        Ok(Refresh::Rebuilt)
    }

    /// Empties the index and adds every searchable record of `store` and
    /// the passages of their documents; returns how many entries were
    /// indexed.
    pub fn rebuild(&self, store: &(impl Store + ?Sized)) -> Result<usize, SearchError> {
        // The revision is read first: if the store moves on meanwhile, the
        // index says it is older than it is and is rebuilt again later,
        // never the other way round.
        let revision = store.revision()?;
        let records = store.searchable(None)?;
        let documents: Vec<DocumentId> = (1..=revision.last_document).map(DocumentId).collect();
        let mut writer = self.writer()?;
        let writer = writer.as_mut().expect("writer() fills the slot");
        writer.delete_all_documents()?;
        let count = self.add(writer, store, &records, &documents)?;
        self.commit(writer, revision)?;
        Ok(count)
    }

    /// Brings the index up to date after `document` was imported, given
    /// the store's revision just before the import: the document's groups
    /// are replaced when the index reflected `before`, and the whole index
    /// is rebuilt when it did not. The writer is kept for the next update
    /// until [`SearchIndex::finish`].
    pub fn add_document(
        &self,
        store: &(impl Store + ?Sized),
        document: DocumentId,
        before: Revision,
    ) -> Result<Refresh, SearchError> {
        if self.revision()? != Some(before) {
            self.rebuild(store)?;
            return Ok(Refresh::Rebuilt);
        }
        let revision = store.revision()?;
        let records = store.searchable(Some(document))?;
        let mut writer = self.writer()?;
        let writer = writer.as_mut().expect("writer() fills the slot");
        let mut targets: BTreeSet<SearchTarget> = records.iter().map(|r| r.target).collect();
        targets.insert(SearchTarget::Document(document));
        for target in targets {
            writer.delete_term(self.fields.target_term(target));
        }
        self.add(writer, store, &records, &[document])?;
        self.commit(writer, revision)?;
        Ok(Refresh::Updated)
    }

    /// Finishes a run of updates: waits for merges under way, merges the
    /// smallest segments of a fragmented index into one, and releases the
    /// writer (and its lock, for other processes).
    pub fn finish(&self) -> Result<(), SearchError> {
        let mut slot = self.lock_writer();
        if slot.is_none() && self.segments()? <= MAX_SEGMENTS {
            return Ok(());
        }
        if slot.is_none() {
            *slot = Some(self.acquire()?);
        }
        // Background merges first, so the sizes below are the settled ones.
        slot.take().expect("filled above").wait_merging_threads()?;
        let mut writer = self.acquire()?;
        let smallest = smallest_segments(&self.index.searchable_segment_metas()?);
        if smallest.len() > 1 {
            writer.merge(&smallest).wait()?;
        }
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    /// Adds the entries of `records`; returns how many.
    fn add(
        &self,
        writer: &IndexWriter,
        store: &(impl Store + ?Sized),
        records: &[SearchRecord],
        documents: &[DocumentId],
    ) -> Result<usize, SearchError> {
        let mut count = 0;
        entries::entries(store, records, documents, &mut |entry| {
            writer.add_document(self.fields.document(&entry))?;
            count += 1;
            Ok(())
        })?;
        Ok(count)
    }

    /// Commits with `revision` as the payload, then makes this handle's
    /// searches see the commit.
    fn commit(&self, writer: &mut IndexWriter, revision: Revision) -> Result<(), SearchError> {
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&format!("moot-search/{SCHEMA_VERSION} {revision}"));
        commit.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    fn lock_writer(&self) -> MutexGuard<'_, Option<IndexWriter>> {
        self.writer
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// This process's writer, opened when it has none.
    fn writer(&self) -> Result<MutexGuard<'_, Option<IndexWriter>>, SearchError> {
        let mut slot = self.lock_writer();
        if slot.is_none() {
            *slot = Some(self.acquire()?);
        }
        Ok(slot)
    }

    /// A writer, waiting for a writer in another process to finish.
    fn acquire(&self) -> Result<IndexWriter, SearchError> {
        let started = Instant::now();
        loop {
            match self.index.writer_with_num_threads(1, WRITER_MEMORY) {
                Err(TantivyError::LockFailure(LockError::LockBusy, _))
                    if started.elapsed() < LOCK_WAIT =>
                {
                    std::thread::sleep(Duration::from_millis(50));
                }
                other => return Ok(other?),
            }
        }
    }

    /// Searches the index: one ranked page, the records grouped by kind,
    /// the counts, and a suggestion for words it does not hold.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        let searcher = self.reader.searcher();
        let pieces = query::pieces(&query.text);
        let suggestion = suggest::suggestion(&searcher, self.fields.words, &pieces);
        let extra = suggestion
            .as_ref()
            .map(|s| s.replaced.clone())
            .unwrap_or_default();
        let mut builder = query::Builder {
            fields: &self.fields,
            analyser: self.index.tokenizer_for_field(self.fields.text)?,
        };
        let Some(query::Ranked {
            query: words,
            leaves,
        }) = builder.build(&pieces, &extra)
        else {
            return Ok(SearchResults::default());
        };
        let filters = self.filters(query);
        let filtered = with_filters(words.box_clone(), &filters);
        let recall = match builder.recall(&pieces, &extra) {
            // A flat union stays flat when nothing filters it.
            Some(recall) if filters.is_empty() => recall,
            Some(recall) => with_filters(recall, &filters),
            None => filtered.box_clone(),
        };
        let wanted = (query.page + 1) * query.per_page.max(1);
        let limit = (wanted * 2 + 20).min(MAX_CANDIDATES.max(wanted + 1));
        let counted = facets::count(&searcher, &*filtered, COUNT_LIMIT)?;
        let capped = counted.is_none();
        let ranked_for = if capped {
            limit.max(FACET_SAMPLE)
        } else {
            limit
        };
        let mut candidates = match query.sort {
            Sort::Relevance => {
                let found = top_by_score(&searcher, &*recall, ranked_for.max(RERANKED))?;
                rerank(&searcher, &leaves, found)?
            }
            Sort::Newest => newest(&searcher, &*filtered, ranked_for)?,
        };
        candidates.truncate(ranked_for);
        let (facets, total) = match counted {
            Some(facets) => {
                let total = facets.total();
                (facets, total)
            }
            None => {
                let best: Vec<DocAddress> = candidates.iter().map(|&(_, a)| a).collect();
                (facets::sample(&searcher, &best)?, COUNT_LIMIT)
            }
        };
        candidates.truncate(limit);
        let hits = self.hits(&searcher, &candidates)?;
        let groups = groups(&hits, query.per_kind.max(1));
        let distinct = distinct(hits);
        let start = query.page * query.per_page.max(1);
        let more = distinct.len() > wanted;
        let ranked: Vec<Hit> = distinct
            .into_iter()
            .skip(start)
            .take(query.per_page.max(1))
            .collect();
        let mut groups = groups;
        for group in &mut groups {
            group.total = facets.kind(group.kind).max(group.hits.len());
        }
        // Snippets only for the hits shown: quoting costs a pass over the
        // text.
        let mut ranked = ranked;
        let mut snippets = SnippetGenerator::create(&searcher, &*words, self.fields.text)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let shown = ranked
            .iter_mut()
            .chain(groups.iter_mut().flat_map(|g| g.hits.iter_mut()));
        for hit in shown {
            hit.snippet = snippet_of(&snippets, &hit.record.text);
        }
        Ok(SearchResults {
            ranked,
            total,
            capped,
            more,
            groups,
            facets,
            suggestion: suggestion.map(|s| s.text),
        })
    }

    /// The stored entries of `candidates` as hits (their snippets still
    /// to be made).
    fn hits(
        &self,
        searcher: &Searcher,
        candidates: &[(f32, DocAddress)],
    ) -> Result<Vec<Hit>, SearchError> {
        let mut hits = Vec::with_capacity(candidates.len());
        for &(score, address) in candidates {
            let doc: TantivyDocument = searcher.doc(address)?;
            let Some(entry) = self.fields.entry(&doc) else {
                continue;
            };
            hits.push(Hit {
                snippet: Snippet::default(),
                record: entry.record,
                passage: entry.passage,
                file: entry.file,
                score,
            });
        }
        Ok(hits)
    }

    /// The body, council, date and kind filters as queries every hit must
    /// match.
    fn filters(&self, query: &SearchQuery) -> Vec<Box<dyn Query>> {
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(body) = query.body {
            let term = Term::from_field_i64(self.fields.body, body.0);
            filters.push(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
        }
        if let Some(council) = &query.council {
            let term = Term::from_field_text(self.fields.council, council);
            filters.push(Box::new(TermQuery::new(term, IndexRecordOption::Basic)));
        }
        if query.from.is_some() || query.to.is_some() {
            let bound = |date: Option<Date>| match date {
                Some(d) => Bound::Included(Term::from_field_i64(self.fields.date, date_key(d))),
                None => Bound::Unbounded,
            };
            filters.push(Box::new(RangeQuery::new(
                bound(query.from),
                bound(query.to),
            )));
        }
        if !query.kinds.is_empty() {
            let kinds: Vec<(Occur, Box<dyn Query>)> = query
                .kinds
                .iter()
                .map(|kind| {
                    let term = Term::from_field_text(self.fields.kind, kind.as_str());
                    let q: Box<dyn Query> =
                        Box::new(TermQuery::new(term, IndexRecordOption::Basic));
                    (Occur::Should, q)
                })
                .collect();
            filters.push(Box::new(BooleanQuery::new(kinds)));
        }
        filters
    }
}

/// The segments to merge so that at most [`MAX_SEGMENTS`] remain: the
/// smallest, by documents held, enough of them that their merge leaves
/// `MAX_SEGMENTS`; none when there are no more than that already.
fn smallest_segments(metas: &[SegmentMeta]) -> Vec<SegmentId> {
    if metas.len() <= MAX_SEGMENTS {
        return Vec::new();
    }
    let mut by_size: Vec<&SegmentMeta> = metas.iter().collect();
    by_size.sort_by_key(|meta| meta.num_docs());
    by_size
        .iter()
        .take(metas.len() - MAX_SEGMENTS + 1)
        .map(|meta| meta.id())
        .collect()
}

/// `query` with every one of `filters` required.
fn with_filters(query: Box<dyn Query>, filters: &[Box<dyn Query>]) -> Box<dyn Query> {
    let mut clauses = vec![(Occur::Must, query)];
    clauses.extend(filters.iter().map(|f| (Occur::Must, f.box_clone())));
    Box::new(BooleanQuery::new(clauses))
}

/// The best `limit` matches of `query` by score; tantivy skips the matches
/// that cannot reach the top when `query` is a union of terms.
fn top_by_score(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
) -> Result<Vec<(f32, DocAddress)>, SearchError> {
    let top = TopDocs::with_limit(limit.max(1)).order_by_score();
    Ok(searcher.search(query, &top)?)
}

/// The newest `limit` matches of `query`.
fn newest(
    searcher: &Searcher,
    query: &dyn Query,
    limit: usize,
) -> Result<Vec<(f32, DocAddress)>, SearchError> {
    let by_date = TopDocs::with_limit(limit.max(1)).order_by_fast_field::<i64>("date", Order::Desc);
    Ok(searcher
        .search(query, &by_date)?
        .into_iter()
        .map(|(_, address)| (0.0, address))
        .collect())
}

/// `found` scored again as the full query scores, best first: the sum of
/// the scores of the `leaves` each entry matches, each leaf skipping to the
/// entries in order (so a few hundred cost a few hundred skips a leaf,
/// where the full query would score every match around each). An entry
/// no leaf matches is left out.
fn rerank(
    searcher: &Searcher,
    leaves: &[Box<dyn Query>],
    found: Vec<(f32, DocAddress)>,
) -> Result<Vec<(f32, DocAddress)>, SearchError> {
    let mut addresses: Vec<DocAddress> = found.into_iter().map(|(_, a)| a).collect();
    addresses.sort_unstable();
    let mut scores: Vec<Option<f32>> = vec![None; addresses.len()];
    for leaf in leaves {
        let weight = leaf.weight(EnableScoring::enabled_from_searcher(searcher))?;
        let mut segment = None;
        let mut scorer = None;
        for (address, score) in addresses.iter().zip(scores.iter_mut()) {
            if segment != Some(address.segment_ord) {
                segment = Some(address.segment_ord);
                let reader = searcher.segment_reader(address.segment_ord);
                scorer = Some(weight.scorer(reader, 1.0)?);
            }
            let Some(scorer) = scorer.as_mut() else {
                continue;
            };
            if scorer.doc() < address.doc_id {
                scorer.seek(address.doc_id);
            }
            if scorer.doc() == address.doc_id {
                *score = Some(score.unwrap_or(0.0) + scorer.score());
            }
        }
    }
    let mut scored: Vec<(f32, DocAddress)> = addresses
        .into_iter()
        .zip(scores)
        .filter_map(|(address, score)| Some((score?, address)))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    Ok(scored)
}

/// The hits in order without repeats: a hit is left out when a better one
/// from the same document already covers one of its lines, or is the same
/// record with no lines.
fn distinct(hits: Vec<Hit>) -> Vec<Hit> {
    let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
    for hit in hits {
        let repeat = kept
            .iter()
            .any(|k| match (hit.record.lines, k.record.lines) {
                (Some(a), Some(b)) => {
                    hit.record.document == k.record.document && moot_store::overlaps(a, b)
                }
                _ => hit.record.kind == k.record.kind && hit.record.id == k.record.id,
            });
        if !repeat {
            kept.push(hit);
        }
    }
    kept
}

/// The hits grouped by kind, each record once (by its best hit),
/// at most `per_kind` per group, the group with the best hit first.
fn groups(ranked: &[Hit], per_kind: usize) -> Vec<Group> {
    let mut order: Vec<SearchKind> = Vec::new();
    let mut by_kind: HashMap<SearchKind, Vec<Hit>> = HashMap::new();
    for hit in ranked {
        let kind = hit.record.kind;
        let hits = by_kind.entry(kind).or_default();
        if hits.len() >= per_kind || hits.iter().any(|h| h.record.id == hit.record.id) {
            continue;
        }
        if !order.contains(&kind) {
            order.push(kind);
        }
        hits.push(hit.clone());
    }
    order
        .into_iter()
        .map(|kind| {
            let hits = by_kind.remove(&kind).unwrap_or_default();
            Group {
                kind,
                total: hits.len(),
                hits,
            }
        })
        .collect()
}

/// The snippet of `text` around its matches, or its opening when the
/// matches were only in the title.
fn snippet_of(snippets: &SnippetGenerator, text: &str) -> Snippet {
    let found = snippets.snippet(text);
    if found.highlighted().is_empty() {
        Snippet::opening(text)
    } else {
        Snippet::new(found.fragment(), found.highlighted())
    }
}

/// Opens (or creates) the index in `dir`, refusing a directory that holds
/// files but no index.
fn open_dir(dir: &Path, schema: &tantivy::schema::Schema) -> Result<Index, SearchError> {
    std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    let has_files = std::fs::read_dir(dir)
        .map_err(|e| io(dir, e))?
        .next()
        .is_some();
    if has_files && !dir.join("meta.json").exists() {
        return Err(SearchError::NotAnIndex(dir.to_owned()));
    }
    let directory = MmapDirectory::open(dir).map_err(TantivyError::from)?;
    Ok(Index::open_or_create(directory, schema.clone())?)
}

fn io(dir: &Path, source: std::io::Error) -> SearchError {
    SearchError::Io {
        path: dir.to_owned(),
        source,
    }
}

/// Empties an index directory (it holds a tantivy index, checked by
/// [`open_dir`]).
fn clear(dir: &Path) -> Result<(), SearchError> {
    std::fs::remove_dir_all(dir).map_err(|e| io(dir, e))
}

/// The schema version and revision of the last commit, if any.
fn payload(index: &Index) -> Result<Option<(u32, Option<Revision>)>, SearchError> {
    let Some(text) = index.load_metas()?.payload else {
        return Ok(None);
    };
    let parsed = text
        .strip_prefix("moot-search/")
        .and_then(|rest| rest.split_once(' '))
        .and_then(|(version, revision)| Some((version.parse().ok()?, Revision::parse(revision))));
    // A payload this crate did not write is an index of no known version.
    Ok(Some(parsed.unwrap_or((0, None))))
}

fn version_of(index: &Index) -> Result<Option<u32>, SearchError> {
    Ok(payload(index)?.map(|(version, _)| version))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metas(sizes: &[u32]) -> Vec<SegmentMeta> {
        let index = Index::create_in_ram(Fields::schema().0);
        sizes
            .iter()
            .map(|&docs| index.new_segment_meta(SegmentId::generate_random(), docs))
            .collect()
    }

    #[test]
    fn a_few_segments_are_left_alone() {
        assert!(smallest_segments(&metas(&[5; MAX_SEGMENTS])).is_empty());
    }

    #[test]
    fn the_smallest_segments_merge_and_the_largest_stay() {
        let mut sizes = vec![1_000_000, 500_000];
        sizes.extend((1..=10).map(|n| n * 10));
        let metas = metas(&sizes);
        let chosen = smallest_segments(&metas);
        // Twelve segments: five merge into one, leaving eight.
        assert_eq!(chosen.len(), metas.len() - MAX_SEGMENTS + 1);
        let merged: Vec<u32> = metas
            .iter()
            .filter(|m| chosen.contains(&m.id()))
            .map(|m| m.max_doc())
            .collect();
        assert_eq!(merged, vec![10, 20, 30, 40, 50]);
    }
}
