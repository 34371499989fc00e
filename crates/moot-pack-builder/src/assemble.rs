//! The pack written as one PDF: typeset pages and uploaded pages in
//! order, each numbered "Page N" in its footer.
//!
//! Written with `lopdf`, the library that also reads the uploads, so their
//! objects move into the pack without a second parse. Text uses the two
//! standard fonts (nothing embedded); streams are compressed at the end.

use crate::metrics::{encode, Face};
use crate::typeset::{Run, Sheet, PAGE_HEIGHT, PAGE_WIDTH};
use crate::upload::Upload;
use crate::Exemption;
use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// A run of consecutive pages of the pack.
pub(crate) enum Part {
    /// Pages typeset by the builder.
    Sheets {
        sheets: Vec<Sheet>,
        banner: Option<Exemption>,
    },
    /// An uploaded PDF paper's pages.
    Upload {
        upload: Box<Upload>,
        banner: Option<Exemption>,
    },
}

impl Part {
    /// How many pages it takes.
    pub(crate) fn pages(&self) -> usize {
        match self {
            Part::Sheets { sheets, .. } => sheets.len(),
            Part::Upload { upload, .. } => upload.media_boxes.len(),
        }
    }
}

const FOOTER_SIZE: f32 = 9.0;
const BANNER_SIZE: f32 = 11.0;
const REASON_SIZE: f32 = 8.0;

/// Writes the parts, in order, as one PDF titled `title`.
pub(crate) fn write(parts: Vec<Part>, title: &str) -> Result<Vec<u8>, lopdf::Error> {
    let mut pdf = Document::with_version("1.7");
    let tree = pdf.new_object_id();
    let fonts = Fonts::add(&mut pdf);
    let mut kids: Vec<Object> = Vec::new();
    for part in parts {
        let (pages, banner): (Vec<Page>, _) = match part {
            Part::Sheets { sheets, banner } => {
                (sheets.into_iter().map(Page::Sheet).collect(), banner)
            }
            Part::Upload { upload, banner } => {
                let media = upload.media_boxes.clone();
                let forms = upload.into_pack(&mut pdf);
                (
                    forms
                        .into_iter()
                        .zip(media)
                        .map(|(f, m)| Page::Form(f, m))
                        .collect(),
                    banner,
                )
            }
        };
        for page in pages {
            let number = kids.len() + 1;
            let id = page.write(&mut pdf, &fonts, tree, number, banner)?;
            kids.push(id.into());
        }
    }
    let count = kids.len() as i64;
    pdf.objects.insert(
        tree,
        dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }.into(),
    );
    let catalog = pdf.add_object(dictionary! { "Type" => "Catalog", "Pages" => tree });
    let info = pdf.add_object(dictionary! {
        "Title" => Object::String(encode(title), StringFormat::Literal),
        "Producer" => "Moot",
    });
    pdf.trailer.set("Root", catalog);
    pdf.trailer.set("Info", info);
    pdf.prune_objects();
    pdf.compress();
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)?;
    Ok(bytes)
}

/// The two standard fonts, added once and shared by every page.
struct Fonts {
    regular: ObjectId,
    bold: ObjectId,
}

impl Fonts {
    fn add(pdf: &mut Document) -> Fonts {
        let mut font = |face: Face| {
            pdf.add_object(dictionary! {
                "Type" => "Font",
                "Subtype" => "Type1",
                "BaseFont" => face.base_font(),
                "Encoding" => "WinAnsiEncoding",
            })
        };
        Fonts {
            regular: font(Face::Regular),
            bold: font(Face::Bold),
        }
    }

    fn resources(&self) -> Dictionary {
        dictionary! { "Font" => dictionary! { "F1" => self.regular, "F2" => self.bold } }
    }
}

/// One page before it is written.
enum Page {
    Sheet(Sheet),
    /// An uploaded page, drawn from its form XObject, with its media box.
    Form(ObjectId, [f32; 4]),
}

impl Page {
    fn write(
        self,
        pdf: &mut Document,
        fonts: &Fonts,
        tree: ObjectId,
        number: usize,
        banner: Option<Exemption>,
    ) -> Result<ObjectId, lopdf::Error> {
        let mut resources = fonts.resources();
        let (media, mut operations) = match self {
            Page::Sheet(runs) => (
                [0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT],
                runs.iter().flat_map(show).collect(),
            ),
            Page::Form(form, media) => {
                resources.set("XObject", dictionary! { "Paper" => form });
                (media, draw_form())
            }
        };
        let overlay = overlay(media, number, banner);
        operations.extend(overlay.iter().flat_map(show));
        let content = Content { operations }.encode()?;
        let contents = pdf.add_object(Stream::new(Dictionary::new(), content));
        Ok(pdf.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => tree,
            "MediaBox" => media.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>(),
            "Resources" => resources,
            "Contents" => contents,
        }))
    }
}

fn draw_form() -> Vec<Operation> {
    vec![
        Operation::new("q", vec![]),
        Operation::new("Do", vec!["Paper".into()]),
        Operation::new("Q", vec![]),
    ]
}

/// What the pack prints over every page: "Page N" at the foot, and for an
/// exempt paper "NOT FOR PUBLICATION" and the paragraph at the head.
fn overlay(media: [f32; 4], number: usize, banner: Option<Exemption>) -> Vec<Run> {
    let [x0, y0, x1, y1] = media;
    let centred = |face: Face, size: f32, y: f32, text: &str| {
        let text = encode(text);
        let x = x0 + (x1 - x0 - face.width(&text, size)) / 2.0;
        Run {
            face,
            size,
            x,
            y,
            text,
        }
    };
    let mut runs = vec![centred(
        Face::Regular,
        FOOTER_SIZE,
        y0 + 28.0,
        &format!("Page {number}"),
    )];
    if let Some(exemption) = banner {
        runs.push(centred(
            Face::Bold,
            BANNER_SIZE,
            y1 - 24.0,
            "NOT FOR PUBLICATION",
        ));
        let reason = format!("By virtue of {}", exemption.paragraph_reference());
        runs.push(centred(Face::Regular, REASON_SIZE, y1 - 36.0, &reason));
    }
    runs
}

/// A run as text operators.
fn show(run: &Run) -> Vec<Operation> {
    let font = match run.face {
        Face::Regular => "F1",
        Face::Bold => "F2",
    };
    vec![
        Operation::new("BT", vec![]),
        Operation::new("Tf", vec![font.into(), run.size.into()]),
        Operation::new("Td", vec![run.x.into(), run.y.into()]),
        Operation::new(
            "Tj",
            vec![Object::String(run.text.clone(), StringFormat::Literal)],
        ),
        Operation::new("ET", vec![]),
    ]
}
