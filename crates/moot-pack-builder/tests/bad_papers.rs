//! Uploaded papers that cannot be used: each is refused with an error
//! naming the item and the paper and saying what is wrong, never a panic.

mod common;

use common::{item, meeting, pdf_of_pages};
use moot_pack_builder::{build, Edition, Meeting, PackError, Paper, PaperProblem, Section};
use proptest::prelude::*;

/// The invented meeting with one more item carrying `bytes` as a PDF.
fn with_upload(bytes: Vec<u8>) -> Meeting {
    let mut meeting = meeting();
    meeting.sections.push(Section {
        heading: "Part 3".into(),
        items: vec![item(
            "6",
            "Budget monitoring",
            vec![Paper::Pdf {
                title: "Budget appendix".into(),
                bytes,
            }],
        )],
    });
    meeting
}

fn problem_with(bytes: Vec<u8>) -> PaperProblem {
    match build(&with_upload(bytes), Edition::Members) {
        Err(error @ PackError::Paper { .. }) => {
            let message = error.to_string();
            assert!(
                message.starts_with("item 6, paper \"Budget appendix\": "),
                "{message}"
            );
            let PackError::Paper { problem, .. } = error else {
                unreachable!()
            };
            problem
        }
        Err(other) => panic!("expected the paper to be refused, got {other}"),
        Ok(pack) => panic!("expected the paper to be refused, got {:?}", pack.items),
    }
}

#[test]
fn an_empty_file_is_refused_as_empty() {
    assert_eq!(problem_with(Vec::new()), PaperProblem::Empty);
}

#[test]
fn a_file_that_is_not_a_pdf_is_refused() {
    assert_eq!(
        problem_with(b"Dear Clerk, please find attached".to_vec()),
        PaperProblem::NotPdf
    );
}

#[test]
fn a_truncated_pdf_is_refused_as_damaged() {
    let whole = pdf_of_pages("Budget", 2);
    for keep in [whole.len() / 3, whole.len() / 2, 20] {
        let problem = problem_with(whole[..keep].to_vec());
        assert!(
            matches!(problem, PaperProblem::Damaged(_)),
            "{keep}: {problem:?}"
        );
    }
}

#[test]
fn a_pdf_with_a_corrupt_content_stream_is_refused_as_damaged() {
    let mut document = lopdf::Document::load_mem(&pdf_of_pages("Budget", 2)).unwrap();
    let page = document.page_iter().next().unwrap();
    let content = document.get_page_contents(page)[0];
    let stream = document
        .get_object_mut(content)
        .unwrap()
        .as_stream_mut()
        .unwrap();
    stream.set_content(b"\x78\x9c garbage that is not deflate".to_vec());
    stream.dict.set("Filter", "FlateDecode");
    let problem = problem_with(save(&mut document));
    assert!(
        matches!(&problem, PaperProblem::Damaged(reason) if reason.starts_with("page 1: ")),
        "{problem:?}"
    );
}

#[test]
fn an_encrypted_pdf_is_refused_as_encrypted() {
    use lopdf::encryption::{EncryptionState, EncryptionVersion, Permissions};
    let mut document = lopdf::Document::load_mem(&pdf_of_pages("Budget", 1)).unwrap();
    document.trailer.set(
        "ID",
        vec![
            lopdf::Object::string_literal("0123456789abcdef"),
            lopdf::Object::string_literal("0123456789abcdef"),
        ],
    );
    let version = EncryptionVersion::V2 {
        document: &document,
        owner_password: "owner",
        user_password: "secret",
        key_length: 128,
        permissions: Permissions::all(),
    };
    let state = EncryptionState::try_from(version).unwrap();
    document.encrypt(&state).unwrap();
    let problem = problem_with(save(&mut document));
    assert_eq!(problem, PaperProblem::Encrypted);
    assert!(problem.to_string().contains("password"));
}

#[test]
fn a_pdf_without_pages_is_refused() {
    let mut document = lopdf::Document::load_mem(&pdf_of_pages("Budget", 2)).unwrap();
    document.delete_pages(&[1, 2]);
    assert_eq!(problem_with(save(&mut document)), PaperProblem::NoPages);
}

#[test]
fn a_good_upload_beside_the_bad_ones_builds() {
    let pack = build(&with_upload(pdf_of_pages("Budget", 2)), Edition::Members).unwrap();
    assert_eq!(
        pack.items.last().and_then(|i| i.pages).map(|(a, b)| b - a),
        Some(1)
    );
}

fn save(document: &mut lopdf::Document) -> Vec<u8> {
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).unwrap();
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(256)
    ))]

    /// Damaged uploads (bytes overwritten, cut, or spliced) give a pack or
    /// a paper error, never a panic.
    #[test]
    fn mutated_pdf_bytes_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..24),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = upload();
        for (at, byte) in edits {
            let i = at.index(bytes.len());
            bytes[i] = byte;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        match build(&single_paper(bytes), Edition::Members) {
            Ok(pack) => prop_assert!(pack.pdf.starts_with(b"%PDF-")),
            Err(PackError::Paper { item, .. }) => prop_assert_eq!(item, "1"),
            Err(other) => prop_assert!(false, "unexpected error {other}"),
        }
    }
}

/// A small upload, made once: uncompressed so that mutations hit the
/// page tree, fonts and content operators as well as the structure.
fn upload() -> Vec<u8> {
    static BYTES: std::sync::LazyLock<Vec<u8>> = std::sync::LazyLock::new(|| {
        let mut document = lopdf::Document::load_mem(&pdf_of_pages("Mutated", 2)).unwrap();
        document.decompress();
        save(&mut document)
    });
    BYTES.clone()
}

fn single_paper(bytes: Vec<u8>) -> Meeting {
    let mut meeting = with_upload(bytes);
    meeting.membership.clear();
    meeting.sections.retain(|s| s.heading == "Part 3");
    meeting.sections[0].items[0].number = "1".into();
    meeting
}
