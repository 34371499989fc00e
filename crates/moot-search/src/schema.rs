//! The index schema, declared once with its field handles, and the two
//! directions between a [`SearchRecord`] and a tantivy document.
//!
//! Titles and texts go through tantivy's `en_stem` analyser (lower case,
//! English stemming) with positions, so "reports" finds "report" and
//! quoted phrases match word for word. Dates are kept as `YYYYMMDD`
//! numbers, whose order is the calendar's, so a date range is a numeric
//! range.

use moot_domain::{Date, Lines};
use moot_store::{BodyId, DocumentId, MeetingId, PersonId, SearchKind, SearchRecord, SearchTarget};
use tantivy::schema::Value;
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED, STRING,
};
use tantivy::{TantivyDocument, Term};

/// Bumped whenever the schema or what goes into it changes; an index of
/// another version is rebuilt from the database.
pub const SCHEMA_VERSION: u32 = 2;

/// One entry of the index: a record with its own text, or a passage of a
/// document's text tied to the record it belongs to (then `record.text` is
/// the passage and `record.lines` its lines).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The record, or the passage's record with the passage's text and lines.
    pub record: SearchRecord,
    /// Whether this is a passage of a document's text.
    pub passage: bool,
    /// The name of the file the lines are in, as imported.
    pub file: Option<String>,
}

/// The schema's field handles.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The record's kind ([`SearchKind::as_str`]), untokenised, a fast
    /// field for counts.
    pub kind: Field,
    /// The record's row id.
    pub id: Field,
    /// The page that shows it (`meeting:5`, `person:3`), untokenised: the
    /// group replaced whole when the page's records change.
    pub target: Field,
    /// A record's title, stemmed with positions.
    pub title: Field,
    /// A passage's record's title (a report's subject, a minute's title),
    /// stemmed with positions: it says what the passage is about, but
    /// counts less than a record's own title.
    pub heading: Field,
    /// The title shown for a passage of a meeting's or document's text
    /// that no record holds, stored only: the meeting's name says nothing
    /// about the passage, so it is not searched.
    pub label: Field,
    /// The text, stemmed with positions.
    pub text: Field,
    /// Title and text as plain lower-case words, unstemmed: the index's own
    /// words, for "did you mean".
    pub words: Field,
    /// 1 for a passage, 0 for a record.
    pub passage: Field,
    /// Every body's id (a person may have several).
    pub body: Field,
    /// Every body as `id:name`, untokenised, a fast field for counts.
    pub body_key: Field,
    /// The council's name, untokenised, a fast field for counts and filters.
    pub council: Field,
    /// The meeting day as `YYYYMMDD`, a fast field for sorting by date.
    pub date: Field,
    /// The meeting's year, a fast field for counts.
    pub year: Field,
    /// The source document's id.
    pub document: Field,
    /// The source file's name.
    pub file: Field,
    /// The first and last source line.
    pub first: Field,
    /// See `first`.
    pub last: Field,
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
        let plain = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("default")
                .set_index_option(IndexRecordOption::Basic),
        );
        let fields = Fields {
            kind: builder.add_text_field("kind", STRING | STORED | FAST),
            id: builder.add_i64_field("id", STORED),
            target: builder.add_text_field("target", STRING | STORED),
            title: builder.add_text_field("title", stemmed.clone()),
            heading: builder.add_text_field("heading", stemmed.clone()),
            label: builder.add_text_field("label", STORED),
            text: builder.add_text_field("text", stemmed),
            words: builder.add_text_field("words", plain),
            passage: builder.add_u64_field("passage", INDEXED | STORED | FAST),
            body: builder.add_i64_field("body", INDEXED | STORED),
            body_key: builder.add_text_field("body_key", STRING | STORED | FAST),
            council: builder.add_text_field("council", STRING | STORED | FAST),
            date: builder.add_i64_field("date", INDEXED | STORED | FAST),
            year: builder.add_i64_field("year", FAST),
            document: builder.add_i64_field("document", STORED),
            file: builder.add_text_field("file", STORED),
            first: builder.add_u64_field("first", STORED),
            last: builder.add_u64_field("last", STORED),
        };
        (builder.build(), fields)
    }

    /// The document indexing `entry`.
    pub fn document(&self, entry: &Entry) -> TantivyDocument {
        let record = &entry.record;
        let mut doc = TantivyDocument::new();
        doc.add_text(self.kind, record.kind.as_str());
        doc.add_i64(self.id, record.id);
        doc.add_text(self.target, target_key(record.target));
        doc.add_text(self.title_field(entry), &record.title);
        doc.add_text(self.text, &record.text);
        doc.add_text(self.words, &record.title);
        doc.add_text(self.words, &record.text);
        doc.add_u64(self.passage, u64::from(entry.passage));
        for (body, name) in &record.bodies {
            doc.add_i64(self.body, body.0);
            doc.add_text(self.body_key, format!("{}:{name}", body.0));
        }
        if let Some(council) = &record.council {
            doc.add_text(self.council, council);
        }
        if let Some(date) = record.date {
            doc.add_i64(self.date, date_key(date));
            doc.add_i64(self.year, i64::from(date.year()));
        }
        if let Some(document) = record.document {
            doc.add_i64(self.document, document.0);
        }
        if let Some(file) = &entry.file {
            doc.add_text(self.file, file);
        }
        if let Some(lines) = record.lines {
            doc.add_u64(self.first, u64::from(lines.first));
            doc.add_u64(self.last, u64::from(lines.last));
        }
        doc
    }

    /// Where `entry`'s title goes: a record's in `title`, a passage's
    /// record's in `heading`, and a meeting's or document's name over a
    /// passage in `label`.
    fn title_field(&self, entry: &Entry) -> Field {
        match (entry.passage, entry.record.kind) {
            (false, _) => self.title,
            (true, SearchKind::Meeting | SearchKind::Document) => self.label,
            (true, _) => self.heading,
        }
    }

    /// The term naming a page's group of records.
    pub fn target_term(&self, target: SearchTarget) -> Term {
        Term::from_field_text(self.target, &target_key(target))
    }

    /// Reads a stored document back; `None` if it is not one this schema
    /// wrote.
    pub fn entry(&self, doc: &TantivyDocument) -> Option<Entry> {
        let ids = doc
            .get_all(self.body)
            .filter_map(|v| v.as_i64())
            .map(BodyId);
        let names = doc.get_all(self.body_key).filter_map(|v| {
            let key = v.as_str()?;
            key.split_once(':').map(|(_, name)| name.to_owned())
        });
        let line = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_u64())
                .and_then(|n| u32::try_from(n).ok())
        };
        let lines = match (line(self.first), line(self.last)) {
            (Some(first), Some(last)) => Some(Lines::span(first, last)),
            _ => None,
        };
        let record = SearchRecord {
            kind: SearchKind::parse(&text(doc, self.kind)?)?,
            id: int(doc, self.id)?,
            target: parse_target(&text(doc, self.target)?)?,
            title: [self.title, self.heading, self.label]
                .into_iter()
                .find_map(|field| text(doc, field))
                .unwrap_or_default(),
            text: text(doc, self.text).unwrap_or_default(),
            bodies: ids.zip(names).collect(),
            date: int(doc, self.date).and_then(from_date_key),
            document: int(doc, self.document).map(DocumentId),
            lines,
            council: text(doc, self.council),
        };
        Some(Entry {
            record,
            passage: doc.get_first(self.passage).and_then(|v| v.as_u64()) == Some(1),
            file: text(doc, self.file),
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
        SearchTarget::Document(id) => format!("document:{}", id.0),
    }
}

fn parse_target(key: &str) -> Option<SearchTarget> {
    let (kind, id) = key.split_once(':')?;
    let id: i64 = id.parse().ok()?;
    match kind {
        "meeting" => Some(SearchTarget::Meeting(MeetingId(id))),
        "person" => Some(SearchTarget::Person(PersonId(id))),
        "document" => Some(SearchTarget::Document(DocumentId(id))),
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
            lines: Some(Lines::span(40, 44)),
            council: Some("Kent County Council".into()),
        };
        let entry = Entry {
            record,
            passage: true,
            file: Some("kent.txt".into()),
        };
        assert_eq!(fields.entry(&fields.document(&entry)), Some(entry));
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
