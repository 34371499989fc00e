//! Counts of a search's matches by kind, body, council and year, read from
//! the index's fast fields with tantivy's terms aggregation, in the same
//! pass over the matches as the ranking, and no stored document is read.

use moot_store::{BodyId, SearchKind};
use serde_json::{json, Value};
use tantivy::aggregation::agg_req::Aggregations;
use tantivy::aggregation::agg_result::AggregationResults;
use tantivy::aggregation::{AggContextParams, AggregationCollector, AggregationLimitsGuard};
use tantivy::tokenizer::TokenizerManager;

/// At most this many bodies, councils or years are counted (the largest).
const MAX_BUCKETS: u32 = 100;

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
}

/// A collector of the counts, to run beside the one that ranks, so that
/// counting and ranking share one pass over the matches.
pub fn collector() -> Result<AggregationCollector, crate::SearchError> {
    let terms = |field: &str| json!({ "terms": { "field": field, "size": MAX_BUCKETS } });
    let request: Aggregations = serde_json::from_value(json!({
        "kind": terms("kind"),
        "body": terms("body_key"),
        "council": terms("council"),
        "year": terms("year"),
    }))
    .map_err(|e| tantivy::TantivyError::InvalidArgument(e.to_string()))?;
    let context = AggContextParams::new(
        AggregationLimitsGuard::default(),
        TokenizerManager::default(),
    );
    Ok(AggregationCollector::from_aggs(request, context))
}

/// The counts [`collector`] gathered.
pub fn read(results: AggregationResults) -> Result<Facets, crate::SearchError> {
    let value = serde_json::to_value(results)
        .map_err(|e| tantivy::TantivyError::InternalError(e.to_string()))?;
    let mut years: Vec<(i32, usize)> = buckets(&value, "year")
        .filter_map(|(key, n)| Some((i32::try_from(key.as_f64()? as i64).ok()?, n)))
        .collect();
    years.sort_by_key(|&(year, _)| std::cmp::Reverse(year));
    Ok(Facets {
        kinds: buckets(&value, "kind")
            .filter_map(|(key, n)| Some((SearchKind::parse(key.as_str()?)?, n)))
            .collect(),
        bodies: buckets(&value, "body")
            .filter_map(|(key, n)| {
                let (id, name) = key.as_str()?.split_once(':')?;
                Some((BodyId(id.parse().ok()?), name.to_owned(), n))
            })
            .collect(),
        councils: buckets(&value, "council")
            .filter_map(|(key, n)| Some((key.as_str()?.to_owned(), n)))
            .collect(),
        years,
    })
}

/// The (key, count) pairs of one terms aggregation's result.
fn buckets<'v>(value: &'v Value, name: &str) -> impl Iterator<Item = (&'v Value, usize)> + 'v {
    value[name]["buckets"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|bucket| {
            let count = usize::try_from(bucket["doc_count"].as_u64()?).ok()?;
            Some((&bucket["key"], count))
        })
}
