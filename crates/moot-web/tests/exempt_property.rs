//! A property test of the one exempt rule: packs generated with exempt
//! business placed in every way the rule must catch (an exempt item's
//! description, a decision number printed only there, a report whose
//! subject nearly matches an exempt item's title, minutes under each
//! family of exempt heading with and without "(Item N)", their meeting's
//! agenda stored before, after or never), imported through the real
//! importer into a real SQLite file and served; an anonymous crawl of
//! every answer must hold none of the strings planted in that business.

mod common;

use common::leak::crawl;
use common::serve;
use proptest::prelude::*;

/// How the minutes mark where exempt business starts.
const HEADINGS: [&str; 8] = [
    "EXEMPT ITEMS",
    "Part 2",
    "PART II - NOT FOR PUBLICATION",
    "Restricted",
    "Not for publication",
    "Confidential Business",
    "EXCLUSION OF THE PRESS AND PUBLIC",
    "RESOLVED that, under Section 100A(4) of the Local Government Act 1972, the press and public be excluded from the meeting for the following business.",
];

/// How the report's subject relates to the exempt item's title.
const SUBJECTS: [&str; 4] = [
    "{title}",
    "Proposed {title} to {secret} Homes",
    "{upper} - {secret}",
    "Update on the {title} ({secret})",
];

/// One generated case.
#[derive(Debug, Clone)]
struct Case {
    /// Distinct planted words, each made of letters only (the last is the
    /// exempt item's place name).
    secrets: Vec<String>,
    /// Which heading opens the exempt minutes.
    heading: usize,
    /// Whether the first exempt minute cites "(Item 6)".
    with_ref: bool,
    /// How the report's subject is worded.
    subject: usize,
    /// The decision number printed in the exempt item's description.
    decision: u32,
    /// 0: the agenda's pack, then the minutes'; 1: the other way round;
    /// 2: only the minutes' pack (the agenda never stored).
    order: u8,
}

fn case() -> impl Strategy<Value = Case> {
    (
        proptest::collection::hash_set("[a-z]{7}", 8),
        0..HEADINGS.len(),
        any::<bool>(),
        0..SUBJECTS.len(),
        1000u32..9999,
        0u8..3,
    )
        .prop_map(
            |(secrets, heading, with_ref, subject, decision, order)| Case {
                secrets: secrets.into_iter().map(|s| format!("Qzx{s}")).collect(),
                heading,
                with_ref,
                subject,
                decision,
                order,
            },
        )
}

/// The pack issued for the meeting of 13 January 2026: its agenda (with
/// the exempt item and its description) and the report for that item.
fn agenda_pack(case: &Case) -> String {
    let s = &case.secrets;
    let title = format!("Sale of {} Depot", s[7]);
    let subject = SUBJECTS[case.subject]
        .replace("{title}", &title)
        .replace("{upper}", &title.to_uppercase())
        .replace("{secret}", &s[1]);
    format!(
        "ASHWORTH BOROUGH COUNCIL\n\nPLANNING AND REGENERATION COMMITTEE\n\n\
         Tuesday, 13th January, 2026\n\n10.00 am\n\nCouncil Chamber, Ashworth Town Hall\n\n\n\n\
         AGENDA\n\nUNRESTRICTED ITEMS\n\n\
         1. Apologies and Substitutes\n\nTo receive apologies for absence.\n\n\
         2. Declarations of Interest\n\nTo receive any declarations of interest.\n\n\
         3. Minutes of the meeting held on 11 November 2025 (Pages 3 - 6)\n\nTo agree the minutes.\n\n\
         4. Town Centre Cycle Parking Strategy (Pages 7 - 10)\n\nTo receive a report on cycle parking.\n\n\
         5. Exclusion of the Press and Public\n\nTo resolve that the press and public be excluded for the following item.\n\n\
         EXEMPT ITEMS\n\n\
         6. {title} (Pages 11 - 14)\n\n\
         To consider the sale of {s0} Farm to Hallam Developments for £4,440,000.\n\n\
         Exempt information under paragraph 3 of Schedule 12A to the Local Government Act 1972. Proposed decision 26/0{d}.\n\n\
         Lucy Brennan\nDemocratic Services Officer\n\nMonday, 5 January 2026\n\n\n\n\
         By:\tCouncillor Peter Lindqvist, Cabinet Member for Regeneration\n\n\
         To:\tPlanning and Regeneration Committee – 13 January 2026\n\n\
         Decision No:\t26/0{d2}\n\n\
         Subject:\t{subject}\n\n\
         Classification:\tUnrestricted\n\n\
         Summary: The depot is surplus to requirements.\n",
        s0 = s[0],
        d = case.decision,
        d2 = case.decision + 1,
    )
}

/// The pack issued for the meeting of 10 March 2026, carrying the minutes
/// of 13 January 2026 with its exempt business.
fn minutes_pack(case: &Case) -> String {
    let s = &case.secrets;
    let reference = if case.with_ref { " (Item 6)" } else { "" };
    format!(
        "ASHWORTH BOROUGH COUNCIL\n\nPLANNING AND REGENERATION COMMITTEE\n\n\
         Tuesday, 10th March, 2026\n\n10.00 am\n\nCouncil Chamber, Ashworth Town Hall\n\n\n\n\
         AGENDA\n\n\
         1. Apologies and Substitutes\n\nTo receive apologies for absence.\n\n\
         2. Local Plan Review Timetable (Pages 7 - 10)\n\nTo note the timetable.\n\n\
         Lucy Brennan\nDemocratic Services Officer\n\nMonday, 2 March 2026\n\n\n\n\
         ASHWORTH BOROUGH COUNCIL\n\nPLANNING AND REGENERATION COMMITTEE\n\n\
         MINUTES of a meeting of the Planning and Regeneration Committee held in the Council Chamber, Ashworth Town Hall on Tuesday, 13 January 2026.\n\n\
         PRESENT: Councillor Peter Lindqvist (Chair), Councillor Ann Hale, Councillor Robert Ngata and Councillor Sunita Rao\n\n\
         17. Apologies and Substitutes (Item 1)\n\nThere were no apologies.\n\n\
         18. Town Centre Cycle Parking Strategy (Item 4)\n\nRESOLVED that the cycle parking strategy be endorsed.\n\n\
         {heading}\n\n\
         19. Disposal at {s2} Yard{reference}\n\n\
         Councillor Sunita Rao declared an interest in this item as a director of {s3} Limited.\n\n\
         RESOLVED that the yard be sold for {s4} pounds.\n\n\
         20. Claim by {s5} Partners\n\nRESOLVED that the claim by {s6} be settled.\n\n\
         The meeting closed at 11.45 am.\n",
        heading = HEADINGS[case.heading],
        s2 = s[2],
        s3 = s[3],
        s4 = s[4],
        s5 = s[5],
        s6 = s[6],
    )
}

fn packs(case: &Case) -> Vec<(String, String, moot_domain::Pack)> {
    let agenda = ("agenda.txt".to_owned(), agenda_pack(case));
    let minutes = ("minutes.txt".to_owned(), minutes_pack(case));
    let texts = match case.order {
        0 => vec![agenda, minutes],
        1 => vec![minutes, agenda],
        _ => vec![minutes],
    };
    texts
        .into_iter()
        .map(|(name, text)| {
            let pack = moot_import::extract_text(&text).pack;
            (name, text, pack)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn no_public_answer_holds_a_planted_string(case in case()) {
        let site = serve(&packs(&case));
        let seeds = [
            "/",
            "/api/",
            "/decisions",
            "/decisions.csv",
            "/api/decisions",
            "/feeds/minutes.atom",
            "/api/search?q=depot+sale",
            "/api/search?q=decision",
            "/search?q=farm+developments",
            "/api/search?q=yard+disposal",
            "/api/search?q=claim+partners",
            "/api/search?q=interest+director",
            "/decisions?status=taken",
            "/api/decisions?status=proposed",
        ];
        // Every item page of every meeting, exempt ones included.
        let items: Vec<String> = (1..=3)
            .flat_map(|m| (1..=8).flat_map(move |n| ["a", "m"].map(|k| format!("/api/items/{m}-{k}{n}"))))
            .collect();
        let seeds: Vec<&str> = seeds.iter().copied().chain(items.iter().map(String::as_str)).collect();
        let answers = crawl(&site, &seeds, None, 600);
        prop_assert!(answers.len() > 10, "the crawl reached only {}", answers.len());
        let mut planted = case.secrets.clone();
        planted.push(format!("26/0{}", case.decision));
        planted.push(format!("26/0{}", case.decision + 1));
        for answer in &answers {
            let text = answer.text.to_lowercase();
            for secret in &planted {
                prop_assert!(
                    !text.contains(&secret.to_lowercase()),
                    "{} ({}) shows {}",
                    answer.target,
                    answer.status,
                    secret
                );
            }
        }
    }
}
