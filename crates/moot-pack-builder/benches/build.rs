//! Building a large pack: 40 items and about 300 pages, half the papers
//! typeset from text and half uploaded PDFs (of 4 to 8 pages each). Prints
//! the time per pack (criterion), then the pack's pages and size.
//!
//! `cargo bench -p moot-pack-builder`

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::Criterion;
use lopdf::Document;
use moot_domain::{Date, Time};
use moot_pack_builder::{build, Contact, Edition, Item, Meeting, Member, Paper, Section};

fn large_meeting() -> Meeting {
    let items = (1..=40)
        .map(|n| Item {
            number: n.to_string(),
            title: format!("Report {n} on the commissioning of services for adults and children"),
            description: Some("To consider the report and agree its recommendations.".into()),
            papers: vec![if n % 2 == 0 {
                uploaded(&format!("Appendix {n}"), 4 + n % 5)
            } else {
                typeset(&format!("Report {n}"), 5 + n % 5)
            }],
            exemption: None,
        })
        .collect();
    Meeting {
        council: "Loamshire County Council".into(),
        body: "Cabinet".into(),
        date: Date::new(2026, 12, 2).expect("a real day"),
        time: Time::new(10, 0),
        venue: "Council Chamber, County Hall".into(),
        contact: Contact {
            name: "Democratic Services".into(),
            phone: Some("01632 960 000".into()),
            email: None,
        },
        membership: (1..=12)
            .map(|n| Member {
                name: format!("Councillor Member {n}"),
                role: (n == 1).then(|| "Chairman".into()),
                party: Some("Independent".into()),
                voting: true,
            })
            .collect(),
        sections: vec![Section {
            heading: "Part 1".into(),
            items,
        }],
    }
}

/// A text paper of about `pages` pages.
fn typeset(title: &str, pages: usize) -> Paper {
    let paragraph = "The report sets out the position on each service, the spending \
        against the budget for the year to date, the risks the officers see and the \
        steps proposed to meet them, with the views of the partners consulted. ";
    Paper::Text {
        title: title.into(),
        paragraphs: (0..pages * 12).map(|_| paragraph.repeat(2)).collect(),
    }
}

/// An uploaded PDF of `pages` pages, made as the tests make theirs.
fn uploaded(title: &str, pages: usize) -> Paper {
    Paper::Pdf {
        title: title.into(),
        bytes: common::pdf_of_pages(title, pages),
    }
}

fn bench(c: &mut Criterion) {
    let meeting = large_meeting();
    let pack = build(&meeting, Edition::Members).expect("the pack builds");
    let pages = Document::load_mem(&pack.pdf)
        .expect("the pack reads back")
        .get_pages()
        .len();
    println!(
        "pack: {} items, {pages} pages, {:.2} MB ({} bytes)",
        pack.items.len(),
        pack.pdf.len() as f64 / 1e6,
        pack.pdf.len()
    );
    let mut group = c.benchmark_group("pack");
    group.sample_size(10);
    group.bench_function(format!("build {pages} pages"), |b| {
        b.iter(|| build(&meeting, Edition::Members).expect("the pack builds"))
    });
    group.finish();
}

fn main() {
    let mut criterion = Criterion::default().configure_from_args();
    bench(&mut criterion);
    criterion.final_summary();
}
