//! The index schema, declared once with its field handles, and the two
//! directions between a [`SearchRecord`] and a tantivy document.
//!
//! Titles and texts go through tantivy's `en_stem` analyser (lower case,
//! English stemming) with positions, so "reports" finds "report" and
//! quoted phrases match word for word. Dates are kept as `YYYYMMDD`
//! numbers, whose order is the calendar's, so a date range is a numeric
//! range.

use moot_domain::Date;
use moot_store::{BodyId, DocumentId, MeetingId, PersonId, SearchKind, SearchRecord, SearchTarget};
use tantivy::schema::Value;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, INDEXED, STORED, STRING,
};
use tantivy::{TantivyDocument, Term};

/// Bumped whenever the schema or what goes into it changes; an index of
/// another version is rebuilt from the database.
pub const SCHEMA_VERSION: u32 = 1;

/// The schema's field handles.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The record's kind ([`SearchKind::as_str`]), untokenised.
    pub kind: Field,
    /// The record's row id.
    pub id: Field,
    /// The page that shows it (`meeting:5`, `person:3`), untokenised: the
    /// group replaced whole when the page's records change.
    pub target: Field,
    /// The title, stemmed with positions.
    pub title: Field,
    /// The text, stemmed with positions.
    pub text: Field,
    /// Every body's id (a person may have several).
    pub body: Field,
    /// Every body's name, in the same order.
    pub body_name: Field,
    /// The meeting day as `YYYYMMDD`.
    pub date: Field,
    /// The source document's id.
    pub document: Field,
}

impl Fields {
    /// The schema and its handles.
    pub fn schema() -> (Schema, Fields) {
        let mut builder = Schema::builder();
        let stemmed = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("en_stem")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields {
            kind: builder.add_text_field("kind", STRING | STORED),
            id: builder.add_i64_field("id", STORED),
            target: builder.add_text_field("target", STRING | STORED),
            title: builder.add_text_field("title", stemmed.clone()),
            text: builder.add_text_field("text", stemmed),
            body: builder.add_i64_field("body", INDEXED | STORED),
            body_name: builder.add_text_field("body_name", STORED),
            date: builder.add_i64_field("date", INDEXED | STORED),
            document: builder.add_i64_field("document", STORED),
        };
        (builder.build(), fields)
    }

    /// The document indexing `record`.
    pub fn document(&self, record: &SearchRecord) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_text(self.kind, record.kind.as_str());
        doc.add_i64(self.id, record.id);
        doc.add_text(self.target, target_key(record.target));
        doc.add_text(self.title, &record.title);
        doc.add_text(self.text, &record.text);
        for (body, name) in &record.bodies {
            doc.add_i64(self.body, body.0);
            doc.add_text(self.body_name, name);
        }
        if let Some(date) = record.date {
            doc.add_i64(self.date, date_key(date));
        }
        if let Some(document) = record.document {
            doc.add_i64(self.document, document.0);
        }
        doc
    }

    /// The term naming a page's group of records.
    pub fn target_term(&self, target: SearchTarget) -> Term {
        Term::from_field_text(self.target, &target_key(target))
    }

    /// Reads a stored document back; `None` if it is not one this schema
    /// wrote.
    pub fn record(&self, doc: &TantivyDocument) -> Option<SearchRecord> {
        let ids = doc
            .get_all(self.body)
            .filter_map(|v| v.as_i64())
            .map(BodyId);
        let names = doc
            .get_all(self.body_name)
            .filter_map(|v| v.as_str().map(str::to_owned));
        Some(SearchRecord {
            kind: SearchKind::parse(&text(doc, self.kind)?)?,
            id: int(doc, self.id)?,
            target: parse_target(&text(doc, self.target)?)?,
            title: text(doc, self.title).unwrap_or_default(),
            text: text(doc, self.text).unwrap_or_default(),
            bodies: ids.zip(names).collect(),
            date: int(doc, self.date).and_then(from_date_key),
            document: int(doc, self.document).map(DocumentId),
        })
    }
}

fn text(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)?.as_str().map(str::to_owned)
}

fn int(doc: &TantivyDocument, field: Field) -> Option<i64> {
    doc.get_first(field)?.as_i64()
}

fn target_key(target: SearchTarget) -> String {
    match target {
        SearchTarget::Meeting(id) => format!("meeting:{}", id.0),
        SearchTarget::Person(id) => format!("person:{}", id.0),
    }
}

fn parse_target(key: &str) -> Option<SearchTarget> {
    let (kind, id) = key.split_once(':')?;
    let id: i64 = id.parse().ok()?;
    match kind {
        "meeting" => Some(SearchTarget::Meeting(MeetingId(id))),
        "person" => Some(SearchTarget::Person(PersonId(id))),
        _ => None,
    }
}

/// A date as the `YYYYMMDD` number the index keeps.
pub fn date_key(date: Date) -> i64 {
    i64::from(date.year()) * 10_000 + i64::from(date.month()) * 100 + i64::from(date.day())
}

fn from_date_key(key: i64) -> Option<Date> {
    let part = |n: i64| u8::try_from(n).ok();
    Date::new(
        u16::try_from(key / 10_000).ok()?,
        part(key / 100 % 100)?,
        part(key % 100)?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_reads_back_as_indexed() {
        let (_, fields) = Fields::schema();
        let record = SearchRecord {
            kind: SearchKind::Resolution,
            id: 7,
            target: SearchTarget::Meeting(MeetingId(3)),
            title: "Budget".into(),
            text: "The budget be agreed.".into(),
            bodies: vec![(BodyId(2), "Cabinet".into())],
            date: Date::new(2013, 9, 18),
            document: Some(DocumentId(1)),
        };
        assert_eq!(fields.record(&fields.document(&record)), Some(record));
    }

    #[test]
    fn date_keys_keep_calendar_order() {
        let early = Date::new(2013, 12, 31).unwrap();
        let late = Date::new(2014, 1, 1).unwrap();
        assert!(date_key(early) < date_key(late));
        assert_eq!(from_date_key(date_key(late)), Some(late));
        assert_eq!(from_date_key(20130230), None);
    }
}
