//! Uploaded PDF papers: read, checked, and turned into pages of the pack.
//!
//! A paper is read with `lopdf` and checked before anything is laid out,
//! so a bad upload is refused with the reason rather than giving a pack
//! with blank or broken pages: it must be a PDF, unencrypted, with at
//! least one page, every page's content readable. Each page then goes into
//! the pack whole, as a form XObject drawn on a page of the same size,
//! with the pack's footer drawn over it: the paper's own drawing state,
//! resources and inheritance stay inside the XObject, and no object of the
//! paper is edited. (Links and form fields of the paper are not carried.)

use crate::PaperProblem;
use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use std::io::Read;

/// Default page size (A4) when a page states none.
const A4: [f32; 4] = [0.0, 0.0, 595.0, 842.0];
/// How far up the page tree an inherited attribute is looked for.
const TREE_DEPTH: usize = 32;

/// A checked PDF paper.
pub(crate) struct Upload {
    document: Document,
    /// The media box of each page, in order.
    pub(crate) media_boxes: Vec<[f32; 4]>,
}

/// Reads and checks an uploaded PDF.
pub(crate) fn read(bytes: &[u8]) -> Result<Upload, PaperProblem> {
    if bytes.is_empty() {
        return Err(PaperProblem::Empty);
    }
    if !bytes.starts_with(b"%PDF-") {
        return Err(PaperProblem::NotPdf);
    }
    let document = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) => PaperProblem::Encrypted,
        other => PaperProblem::Damaged(other.to_string()),
    })?;
    if document.is_encrypted() {
        return Err(PaperProblem::Encrypted);
    }
    let pages: Vec<ObjectId> = document.get_pages().into_values().collect();
    if pages.is_empty() {
        return Err(PaperProblem::NoPages);
    }
    let mut media_boxes = Vec::with_capacity(pages.len());
    for (n, &page) in pages.iter().enumerate() {
        let damaged = |what: String| PaperProblem::Damaged(format!("page {}: {what}", n + 1));
        document
            .get_dictionary(page)
            .map_err(|e| damaged(e.to_string()))?;
        let content = content(&document, page).map_err(damaged)?;
        Content::decode(&content).map_err(|e| damaged(format!("unreadable content ({e})")))?;
        media_boxes.push(media_box(&document, page));
    }
    Ok(Upload {
        document,
        media_boxes,
    })
}

impl Upload {
    /// Moves the paper's objects into `pack` and returns one form XObject
    /// per page, in order.
    pub(crate) fn into_pack(mut self, pack: &mut Document) -> Vec<ObjectId> {
        self.document.renumber_objects_with(pack.max_id + 1);
        let pages: Vec<ObjectId> = self.document.get_pages().into_values().collect();
        let forms: Vec<Stream> = pages
            .iter()
            .zip(&self.media_boxes)
            .map(|(&page, media)| form(&self.document, page, *media))
            .collect();
        pack.max_id = pack.max_id.max(self.document.max_id);
        pack.objects.append(&mut self.document.objects);
        forms.into_iter().map(|f| pack.add_object(f)).collect()
    }
}

/// A page as a form XObject: its content, resources and bounding box.
fn form(document: &Document, page: ObjectId, media: [f32; 4]) -> Stream {
    let mut dictionary = Dictionary::new();
    dictionary.set("Type", "XObject");
    dictionary.set("Subtype", "Form");
    dictionary.set(
        "BBox",
        media.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>(),
    );
    if let Some(resources) = inherited(document, page, b"Resources") {
        dictionary.set("Resources", resources.clone());
    }
    // Checked readable in `read`.
    let content = content(document, page).unwrap_or_default();
    Stream::new(dictionary, content)
}

/// The page's content streams, decompressed and joined.
fn content(document: &Document, page: ObjectId) -> Result<Vec<u8>, String> {
    let mut joined = Vec::new();
    for id in document.get_page_contents(page) {
        let stream = document
            .get_object(id)
            .and_then(Object::as_stream)
            .map_err(|e| format!("content stream {} missing ({e})", id.0))?;
        let bytes = decoded(stream)
            .map_err(|e| format!("content stream {} cannot be decompressed ({e})", id.0))?;
        joined.extend_from_slice(&bytes);
        joined.push(b'\n');
    }
    Ok(joined)
}

/// A stream's bytes with its filters undone. Flate, by far the commonest,
/// is undone here strictly, because `lopdf` keeps whatever a damaged
/// stream gives before the damage and says nothing.
fn decoded(stream: &Stream) -> Result<Vec<u8>, String> {
    if stream.dict.get(b"Filter").is_err() {
        return Ok(stream.content.clone());
    }
    let filters = stream.filters().map_err(|e| e.to_string())?;
    let plain_flate =
        filters == [b"FlateDecode".as_slice()] && stream.dict.get(b"DecodeParms").is_err();
    match filters.as_slice() {
        [] => Ok(stream.content.clone()),
        _ if plain_flate => {
            let mut bytes = Vec::new();
            flate2::read::ZlibDecoder::new(stream.content.as_slice())
                .read_to_end(&mut bytes)
                .map_err(|e| e.to_string())?;
            Ok(bytes)
        }
        _ => stream.decompressed_content().map_err(|e| e.to_string()),
    }
}

/// The page's media box, inherited if need be; A4 when missing or
/// malformed.
fn media_box(document: &Document, page: ObjectId) -> [f32; 4] {
    let numbers: Option<Vec<f32>> = inherited(document, page, b"MediaBox")
        .and_then(|o| document.dereference(o).ok())
        .and_then(|(_, o)| o.as_array().ok())
        .map(|values| values.iter().filter_map(number).collect());
    match numbers.as_deref() {
        Some(&[x0, y0, x1, y1]) if x1 > x0 && y1 > y0 => [x0, y0, x1, y1],
        _ => A4,
    }
}

fn number(object: &Object) -> Option<f32> {
    match object {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// A page attribute, from the page or the nearest page-tree node above it
/// that has it.
fn inherited<'a>(document: &'a Document, page: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let mut node = document.get_dictionary(page).ok()?;
    for _ in 0..TREE_DEPTH {
        if let Ok(value) = node.get(key) {
            return Some(value);
        }
        let parent = node.get(b"Parent").and_then(Object::as_reference).ok()?;
        node = document.get_dictionary(parent).ok()?;
    }
    None
}
