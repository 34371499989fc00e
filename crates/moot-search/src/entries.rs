//! What goes into the index: every public record, and every passage of the
//! public text of the documents they were read from, each passage tied to
//! the record it belongs to.
//!
//! A passage belongs to the narrowest record whose lines hold it whole: a
//! minute (its lines), a report (from its header to the next report or
//! minute), an agenda item. Text no such record holds (a cover, an agenda's
//! descriptions, an appendix before any report) belongs to the document's
//! meeting, or to the document itself when it names no meeting. The store
//! decides what is public: records come from [`Store::searchable`] and text
//! from [`DocumentRecord::public_lines`], so nothing exempt is an entry.
//! A pack superseded by a re-issued one gives no passages: the later pack
//! holds its text as it now stands.

use crate::passages::passages;
use crate::schema::Entry;
use moot_domain::Lines;
use moot_store::{
    DocumentId, DocumentRecord, SearchKind, SearchRecord, SearchTarget, Store, StoreError,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The entries for `records` (whole groups, as the store handed them out)
/// and for the passages of their documents, and of `documents` (which may
/// have no record at all), whose record's group is among them or is the
/// document's own. `emit` is called once per entry, so a rebuild never
/// holds every passage at once.
pub fn entries(
    store: &(impl Store + ?Sized),
    records: &[SearchRecord],
    documents: &[DocumentId],
    emit: &mut impl FnMut(Entry) -> Result<(), crate::SearchError>,
) -> Result<(), crate::SearchError> {
    let mut targets: BTreeSet<SearchTarget> = records.iter().map(|r| r.target).collect();
    targets.extend(documents.iter().map(|&d| SearchTarget::Document(d)));
    let mut by_document: BTreeMap<DocumentId, Vec<&SearchRecord>> =
        documents.iter().map(|&d| (d, Vec::new())).collect();
    for record in records {
        if let Some(document) = record.document {
            by_document.entry(document).or_default().push(record);
        }
    }
    let meetings: HashMap<SearchTarget, &SearchRecord> = records
        .iter()
        .filter(|r| r.kind == SearchKind::Meeting)
        .map(|r| (r.target, r))
        .collect();
    let mut files = BTreeMap::new();
    for (&id, owned) in &by_document {
        let document = match store.document(id) {
            Ok(document) => document,
            Err(StoreError::NotFound { .. }) => continue,
            Err(other) => return Err(other.into()),
        };
        files.insert(id, document.file_name.clone());
        if document.superseded_by.is_some() {
            // The pack that replaced it holds its text as it now stands.
            continue;
        }
        for passage in document_passages(&document, owned, &meetings) {
            if targets.contains(&passage.record.target) {
                emit(passage)?;
            }
        }
    }
    for record in records {
        let file = record.document.and_then(|d| files.get(&d).cloned());
        emit(Entry {
            record: record.clone(),
            passage: false,
            file,
        })?;
    }
    Ok(())
}

/// The passages of `document`, each with its record: one of `owned` (the
/// document's records), else the document's meeting among `meetings`,
/// else the document.
fn document_passages(
    document: &DocumentRecord,
    owned: &[&SearchRecord],
    meetings: &HashMap<SearchTarget, &SearchRecord>,
) -> Vec<Entry> {
    let extents = extents(owned);
    let mut starts: Vec<u32> = extents
        .iter()
        .filter(|(_, r)| matches!(r.kind, SearchKind::Minute | SearchKind::Report))
        .map(|(lines, _)| lines.first)
        .collect();
    starts.sort_unstable();
    let meeting = document
        .meeting
        .as_ref()
        .and_then(|m| meetings.get(&SearchTarget::Meeting(m.id)).copied());
    passages(&document.public_lines(), &starts)
        .into_iter()
        .map(|passage| {
            let owner = narrowest(&extents, passage.lines).or(meeting);
            let mut record = owner.cloned().unwrap_or_else(|| document_record(document));
            record.text = passage.text;
            record.lines = Some(passage.lines);
            record.document = Some(document.id);
            Entry {
                record,
                passage: true,
                file: Some(document.file_name.clone()),
            }
        })
        .collect()
}

/// The lines each record that can hold passages spans: a report runs from
/// its header to the line before the next report or minute opens.
fn extents<'r>(owned: &[&'r SearchRecord]) -> Vec<(Lines, &'r SearchRecord)> {
    let holders: Vec<(Lines, &SearchRecord)> = owned
        .iter()
        .filter(|r| {
            matches!(
                r.kind,
                SearchKind::Minute | SearchKind::Report | SearchKind::AgendaItem
            )
        })
        .filter_map(|r| Some((r.lines?, *r)))
        .collect();
    holders
        .iter()
        .map(|&(lines, record)| {
            if record.kind != SearchKind::Report {
                return (lines, record);
            }
            let next = holders
                .iter()
                .filter(|(other, r)| {
                    matches!(r.kind, SearchKind::Minute | SearchKind::Report)
                        && other.first > lines.last
                })
                .map(|(other, _)| other.first - 1)
                .min()
                .unwrap_or(u32::MAX);
            (Lines::span(lines.first, next.max(lines.last)), record)
        })
        .collect()
}

/// The record of the narrowest extent holding `lines` whole.
fn narrowest<'r>(extents: &[(Lines, &'r SearchRecord)], lines: Lines) -> Option<&'r SearchRecord> {
    extents
        .iter()
        .filter(|(extent, _)| extent.first <= lines.first && lines.last <= extent.last)
        .min_by_key(|(extent, _)| extent.last - extent.first)
        .map(|(_, record)| *record)
}

/// The record for the text of a document no meeting claims.
fn document_record(document: &DocumentRecord) -> SearchRecord {
    SearchRecord {
        kind: SearchKind::Document,
        id: document.id.0,
        target: SearchTarget::Document(document.id),
        title: document.file_name.clone(),
        text: String::new(),
        bodies: Vec::new(),
        date: None,
        document: Some(document.id),
        lines: None,
        council: None,
    }
}
