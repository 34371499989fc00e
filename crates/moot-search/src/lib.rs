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

mod query;
mod schema;
mod snippet;

pub use query::MAX_PIECES;
pub use snippet::{Snippet, SNIPPET_CHARS};

use moot_domain::Date;
use moot_store::{
    BodyId, DocumentId, Revision, SearchKind, SearchRecord, SearchTarget, Store, StoreError,
};
use schema::{date_key, Fields, SCHEMA_VERSION};
use std::collections::BTreeSet;
use std::ops::Bound;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::error::LockError;
use tantivy::directory::MmapDirectory;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::snippet::SnippetGenerator;
use tantivy::{
    Index, IndexReader, IndexWriter, ReloadPolicy, Searcher, TantivyDocument, TantivyError, Term,
};

/// The memory one index writer may use before it flushes.
const WRITER_MEMORY: usize = 50_000_000;

/// How long a writer waits for another process's writer to finish.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// How much more a title match counts than a text match.
const TITLE_BOOST: f32 = 2.0;

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

/// A search: the words typed and the filters chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchQuery {
    /// What was typed (see the `query` module for what it understands).
    pub text: String,
    /// Only records of this body.
    pub body: Option<BodyId>,
    /// Only records dated on or after this day.
    pub from: Option<Date>,
    /// Only records dated on or before this day.
    pub to: Option<Date>,
    /// Only these kinds (all when empty).
    pub kinds: Vec<SearchKind>,
    /// At most this many hits per kind.
    pub per_kind: usize,
}

impl SearchQuery {
    /// A search for `text` over every kind, ten hits per kind.
    pub fn new(text: &str) -> SearchQuery {
        SearchQuery {
            text: text.to_owned(),
            body: None,
            from: None,
            to: None,
            kinds: Vec::new(),
            per_kind: 10,
        }
    }
}

/// One record found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The record as indexed.
    pub record: SearchRecord,
    /// A quotation of its text, matching words marked.
    pub snippet: Snippet,
    /// How well it matched (higher is better; comparable within a search).
    pub score: f32,
}

/// The hits of one kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// The kind.
    pub kind: SearchKind,
    /// How many records of this kind match in all.
    pub total: usize,
    /// The best of them, best first.
    pub hits: Vec<Hit>,
}

/// Everything a search found, one group per kind with matches, the group
/// with the best hit first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchResults {
    /// The groups.
    pub groups: Vec<Group>,
}

impl SearchResults {
    /// How many records matched, over every kind.
    pub fn total(&self) -> usize {
        self.groups.iter().map(|g| g.total).sum()
    }
}

/// An open search index: one long-lived reader, a searcher per search,
/// and a writer only while an update runs.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    parser: QueryParser,
    fields: Fields,
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
        let mut parser = QueryParser::for_index(&index, vec![fields.title, fields.text]);
        parser.set_conjunction_by_default();
        parser.set_field_boost(fields.title, TITLE_BOOST);
        Ok(SearchIndex {
            index,
            reader,
            parser,
            fields,
        })
    }

    /// The store revision the index reflects (`None` for a new index).
    pub fn revision(&self) -> Result<Option<Revision>, SearchError> {
        Ok(payload(&self.index)?.and_then(|(_, revision)| revision))
    }

    /// Rebuilds the index unless it already reflects `store`.
    pub fn refresh(&self, store: &impl Store) -> Result<Refresh, SearchError> {
        if self.revision()? == Some(store.revision()?) {
            return Ok(Refresh::Current);
        }
        self.rebuild(store)?;
        Ok(Refresh::Rebuilt)
    }

    /// Empties the index and adds every searchable record of `store`;
    /// returns how many were indexed.
    pub fn rebuild(&self, store: &impl Store) -> Result<usize, SearchError> {
        // The revision is read first: if the store moves on meanwhile, the
        // index says it is older than it is and is rebuilt again later,
        // never the other way round.
        let revision = store.revision()?;
        let records = store.searchable(None)?;
        let writer = self.writer()?;
        writer.delete_all_documents()?;
        self.commit(writer, &records, revision)?;
        Ok(records.len())
    }

    /// Brings the index up to date after `document` was imported, given
    /// the store's revision just before the import: the document's groups
    /// are replaced when the index reflected `before`, and the whole index
    /// is rebuilt when it did not.
    pub fn add_document(
        &self,
        store: &impl Store,
        document: DocumentId,
        before: Revision,
    ) -> Result<Refresh, SearchError> {
        if self.revision()? != Some(before) {
            self.rebuild(store)?;
            return Ok(Refresh::Rebuilt);
        }
        let revision = store.revision()?;
        let records = store.searchable(Some(document))?;
        let writer = self.writer()?;
        let targets: BTreeSet<SearchTarget> = records.iter().map(|r| r.target).collect();
        for target in targets {
            writer.delete_term(self.fields.target_term(target));
        }
        self.commit(writer, &records, revision)?;
        Ok(Refresh::Updated)
    }

    /// Adds `records` and commits them with `revision` as the payload, then
    /// makes this handle's searches see the commit.
    fn commit(
        &self,
        mut writer: IndexWriter,
        records: &[SearchRecord],
        revision: Revision,
    ) -> Result<(), SearchError> {
        for record in records {
            writer.add_document(self.fields.document(record))?;
        }
        let mut commit = writer.prepare_commit()?;
        commit.set_payload(&format!("moot-search/{SCHEMA_VERSION} {revision}"));
        commit.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// A writer, waiting for a writer in another process to finish.
    fn writer(&self) -> Result<IndexWriter, SearchError> {
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

    /// Searches the index: one group per kind asked for that has matches.
    pub fn search(&self, query: &SearchQuery) -> Result<SearchResults, SearchError> {
        let Some(words) = query::parse(&self.parser, &query.text) else {
            return Ok(SearchResults::default());
        };
        let searcher = self.reader.searcher();
        let mut snippets = SnippetGenerator::create(&searcher, &*words, self.fields.text)?;
        snippets.set_max_num_chars(SNIPPET_CHARS);
        let filters = self.filters(query);
        let kinds = if query.kinds.is_empty() {
            SearchKind::ALL.to_vec()
        } else {
            query.kinds.clone()
        };
        let mut groups = Vec::new();
        for kind in kinds {
            let mut clauses = vec![
                (Occur::Must, words.box_clone()),
                (Occur::Must, self.kind(kind)),
            ];
            clauses.extend(filters.iter().map(|f| (Occur::Must, f.box_clone())));
            let group = self.group(
                &searcher,
                &snippets,
                kind,
                &BooleanQuery::new(clauses),
                query,
            )?;
            groups.extend(group);
        }
        groups.sort_by(|a, b| best(b).total_cmp(&best(a)));
        Ok(SearchResults { groups })
    }

    /// The hits of one kind, or `None` when it has none.
    fn group(
        &self,
        searcher: &Searcher,
        snippets: &SnippetGenerator,
        kind: SearchKind,
        query: &dyn Query,
        asked: &SearchQuery,
    ) -> Result<Option<Group>, SearchError> {
        let top = TopDocs::with_limit(asked.per_kind.max(1)).order_by_score();
        let (top, total) = searcher.search(query, &(top, Count))?;
        if total == 0 {
            return Ok(None);
        }
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let Some(record) = self.fields.record(&doc) else {
                continue;
            };
            let snippet = snippet_of(snippets, &record.text);
            hits.push(Hit {
                record,
                snippet,
                score,
            });
        }
        Ok(Some(Group { kind, total, hits }))
    }

    fn kind(&self, kind: SearchKind) -> Box<dyn Query> {
        let term = Term::from_field_text(self.fields.kind, kind.as_str());
        Box::new(TermQuery::new(term, IndexRecordOption::Basic))
    }

    /// The body and date filters as queries every hit must match.
    fn filters(&self, query: &SearchQuery) -> Vec<Box<dyn Query>> {
        let mut filters: Vec<Box<dyn Query>> = Vec::new();
        if let Some(body) = query.body {
            let term = Term::from_field_i64(self.fields.body, body.0);
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
        filters
    }
}

fn best(group: &Group) -> f32 {
    group.hits.first().map_or(0.0, |h| h.score)
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
