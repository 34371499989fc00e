//! The `moot-pack/1` JSON record (see `../shared/pack-format.md`).
//!
//! The domain model is not the JSON: this crate owns the mapping, so the
//! model can grow without changing what users diff and score, and the
//! format can be versioned on its own. Every entry carries `"lines":
//! [first, last]`, the source lines it came from.
//!
//! ```
//! let pack = moot_domain::Pack::default();
//! let json = moot_format::pack_json("empty.txt", &pack, &[]);
//! assert!(json.starts_with("{\"format\":\"moot-pack/1\""));
//! ```

use moot_domain as d;
use serde::Serialize;

/// The format name written in every record.
pub const FORMAT: &str = "moot-pack/1";

/// One pack as a compact `moot-pack/1` JSON string.
pub fn pack_json(source: &str, pack: &d::Pack, diagnostics: &[d::Diagnostic]) -> String {
    serde_json::to_string(&PackRecord::new(source, pack, diagnostics))
        .expect("pack records hold only strings, numbers and lists")
}

/// One pack as indented `moot-pack/1` JSON.
pub fn pack_json_pretty(source: &str, pack: &d::Pack, diagnostics: &[d::Diagnostic]) -> String {
    serde_json::to_string_pretty(&PackRecord::new(source, pack, diagnostics))
        .expect("pack records hold only strings, numbers and lists")
}

/// Findings as JSON, for `moot extract --check --json`.
pub fn findings_json(source: &str, findings: &[d::Finding]) -> String {
    let record = FindingsRecord {
        source,
        findings: findings.iter().map(FindingRecord::from).collect(),
    };
    serde_json::to_string_pretty(&record).expect("findings hold only strings and numbers")
}

type LinePair = [u32; 2];

fn lines(l: d::Lines) -> LinePair {
    [l.first, l.last]
}

#[derive(Serialize)]
struct PackRecord<'a> {
    format: &'static str,
    source: &'a str,
    meeting: MeetingRecord<'a>,
    membership: Vec<MemberRecord<'a>>,
    agenda: Vec<AgendaRecord<'a>>,
    minutes: Vec<MinutesRecord<'a>>,
    reports: Vec<ReportRecord<'a>>,
    decisions: Vec<&'a str>,
    decision_lines: Vec<LinePair>,
    indicators: Vec<IndicatorRecord<'a>>,
    indicator_details: Vec<DetailRecord<'a>>,
    diagnostics: Vec<DiagnosticRecord<'a>>,
}

impl<'a> PackRecord<'a> {
    fn new(source: &'a str, pack: &'a d::Pack, diagnostics: &'a [d::Diagnostic]) -> Self {
        PackRecord {
            format: FORMAT,
            source,
            meeting: MeetingRecord::from(&pack.meeting),
            membership: pack.membership.iter().map(MemberRecord::from).collect(),
            agenda: pack.agenda.iter().map(AgendaRecord::from).collect(),
            minutes: pack.minutes.iter().map(MinutesRecord::from).collect(),
            reports: pack.reports.iter().map(ReportRecord::from).collect(),
            decisions: pack.decisions.iter().map(|d| d.number.as_str()).collect(),
            decision_lines: pack.decisions.iter().map(|d| lines(d.lines)).collect(),
            indicators: pack.indicators.iter().map(IndicatorRecord::from).collect(),
            indicator_details: pack
                .indicator_details
                .iter()
                .map(DetailRecord::from)
                .collect(),
            diagnostics: diagnostics.iter().map(DiagnosticRecord::from).collect(),
        }
    }
}

#[derive(Serialize)]
struct MeetingRecord<'a> {
    organisation: Option<&'a str>,
    body: Option<&'a str>,
    date: Option<String>,
    time: Option<String>,
    venue: Option<&'a str>,
    contact: Option<&'a str>,
    lines: Option<LinePair>,
}

impl<'a> From<&'a d::Meeting> for MeetingRecord<'a> {
    fn from(m: &'a d::Meeting) -> Self {
        MeetingRecord {
            organisation: m.organisation.as_deref(),
            body: m.body.as_deref(),
            date: m.date.map(|d| d.to_string()),
            time: m.time.map(|t| t.to_string()),
            venue: m.venue.as_deref(),
            contact: m.contact.as_deref(),
            lines: m.lines.map(lines),
        }
    }
}

#[derive(Serialize)]
struct MemberRecord<'a> {
    name: &'a str,
    role: Option<&'a str>,
    party: Option<&'a str>,
    position: Option<&'a str>,
    voting: Option<bool>,
    lines: LinePair,
}

impl<'a> From<&'a d::Member> for MemberRecord<'a> {
    fn from(m: &'a d::Member) -> Self {
        MemberRecord {
            name: &m.name,
            role: m.role.as_deref(),
            party: m.party.as_deref(),
            position: m.position.as_deref(),
            voting: m.voting,
            lines: lines(m.lines),
        }
    }
}

#[derive(Serialize)]
struct AgendaRecord<'a> {
    number: Option<&'a str>,
    title: &'a str,
    pages: Option<[u32; 2]>,
    exempt: bool,
    decision: Option<&'a str>,
    lines: LinePair,
}

impl<'a> From<&'a d::AgendaItem> for AgendaRecord<'a> {
    fn from(a: &'a d::AgendaItem) -> Self {
        AgendaRecord {
            number: a.number.as_deref(),
            title: &a.title,
            pages: a.pages.map(|(first, last)| [first, last]),
            exempt: a.exempt,
            decision: a.decision.as_deref(),
            lines: lines(a.lines),
        }
    }
}

#[derive(Serialize)]
struct MinutesRecord<'a> {
    body: Option<&'a str>,
    date: Option<String>,
    present: Vec<&'a str>,
    substitutes: Vec<SubstitutionRecord<'a>>,
    apologies: Vec<&'a str>,
    declarations: Vec<DeclarationRecord<'a>>,
    items: Vec<MinuteItemRecord<'a>>,
    lines: LinePair,
}

impl<'a> From<&'a d::Minutes> for MinutesRecord<'a> {
    fn from(m: &'a d::Minutes) -> Self {
        MinutesRecord {
            body: m.body.as_deref(),
            date: m.date.map(|d| d.to_string()),
            present: m.present.iter().map(String::as_str).collect(),
            substitutes: m
                .substitutes
                .iter()
                .map(|s| SubstitutionRecord {
                    name: &s.name,
                    for_member: &s.for_member,
                    lines: lines(s.lines),
                })
                .collect(),
            apologies: m.apologies.iter().map(String::as_str).collect(),
            declarations: m
                .declarations
                .iter()
                .map(|dcl| DeclarationRecord {
                    name: &dcl.name,
                    item: dcl.item.as_deref(),
                    text: &dcl.text,
                    lines: lines(dcl.lines),
                })
                .collect(),
            items: m.items.iter().map(MinuteItemRecord::from).collect(),
            lines: lines(m.lines),
        }
    }
}

#[derive(Serialize)]
struct SubstitutionRecord<'a> {
    name: &'a str,
    #[serde(rename = "for")]
    for_member: &'a str,
    lines: LinePair,
}

#[derive(Serialize)]
struct DeclarationRecord<'a> {
    name: &'a str,
    item: Option<&'a str>,
    text: &'a str,
    lines: LinePair,
}

#[derive(Serialize)]
struct MinuteItemRecord<'a> {
    number: Option<&'a str>,
    title: &'a str,
    agenda_ref: Option<&'a str>,
    resolved: bool,
    resolutions: Vec<&'a str>,
    /// Only printed when set, so packs without exempt minutes read as before.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    exempt: bool,
    lines: LinePair,
}

impl<'a> From<&'a d::MinuteItem> for MinuteItemRecord<'a> {
    fn from(i: &'a d::MinuteItem) -> Self {
        MinuteItemRecord {
            number: i.number.as_deref(),
            title: &i.title,
            agenda_ref: i.agenda_ref.as_deref(),
            resolved: i.resolved,
            resolutions: i.resolutions.iter().map(String::as_str).collect(),
            exempt: i.exempt,
            lines: lines(i.lines),
        }
    }
}

#[derive(Serialize)]
struct ReportRecord<'a> {
    subject: &'a str,
    from: Option<&'a str>,
    to: Option<&'a str>,
    classification: Option<&'a str>,
    decision: Option<&'a str>,
    lines: LinePair,
}

impl<'a> From<&'a d::Report> for ReportRecord<'a> {
    fn from(r: &'a d::Report) -> Self {
        ReportRecord {
            subject: &r.subject,
            from: r.from.as_deref(),
            to: r.to.as_deref(),
            classification: r.classification.as_deref(),
            decision: r.decision.as_deref(),
            lines: lines(r.lines),
        }
    }
}

#[derive(Serialize)]
struct IndicatorRecord<'a> {
    code: Option<&'a str>,
    name: &'a str,
    polarity: Option<&'static str>,
    period: Option<&'a str>,
    value: Option<&'a str>,
    rag: Option<&'static str>,
    target: Option<&'a str>,
    period_end: Option<String>,
    lines: LinePair,
}

impl<'a> From<&'a d::IndicatorRow> for IndicatorRecord<'a> {
    fn from(i: &'a d::IndicatorRow) -> Self {
        IndicatorRecord {
            code: i.code.as_deref(),
            name: &i.name,
            polarity: i.polarity.map(d::Polarity::letter),
            period: i.period.as_deref(),
            value: i.value.as_deref(),
            rag: i.rag.map(d::Rag::name),
            target: i.target.as_deref(),
            period_end: i.period_end.map(|d| d.to_string()),
            lines: lines(i.lines),
        }
    }
}

/// An indicator's detail block; `row` indexes `indicators`.
#[derive(Serialize)]
struct DetailRecord<'a> {
    row: Option<usize>,
    heading: Option<&'a str>,
    trend: Vec<TrendRecord<'a>>,
    commentary: Option<&'a str>,
    target: Option<&'a str>,
    bands: Option<&'a str>,
    polarity: Option<&'static str>,
    period_kind: Option<&'a str>,
    data_source: Option<&'a str>,
    notes_lines: Option<LinePair>,
    lines: LinePair,
}

impl<'a> From<&'a d::IndicatorDetail> for DetailRecord<'a> {
    fn from(x: &'a d::IndicatorDetail) -> Self {
        let notes = &x.notes;
        DetailRecord {
            row: x.row,
            heading: x.heading.as_deref(),
            trend: x.trend.iter().map(TrendRecord::from).collect(),
            commentary: x.commentary.as_deref(),
            target: notes.target.as_deref(),
            bands: notes.bands.as_deref(),
            polarity: notes.polarity.map(d::Polarity::letter),
            period_kind: notes.period_kind.as_deref(),
            data_source: notes.data_source.as_deref(),
            notes_lines: notes.lines.map(lines),
            lines: lines(x.lines),
        }
    }
}

#[derive(Serialize)]
struct TrendRecord<'a> {
    period: &'a str,
    period_end: Option<String>,
    value: Option<&'a str>,
    target: Option<&'a str>,
    rag: Option<&'static str>,
}

impl<'a> From<&'a d::TrendValue> for TrendRecord<'a> {
    fn from(t: &'a d::TrendValue) -> Self {
        TrendRecord {
            period: &t.period,
            period_end: t.period_end.map(|d| d.to_string()),
            value: t.value.as_deref(),
            target: t.target.as_deref(),
            rag: t.rag.map(d::Rag::name),
        }
    }
}

#[derive(Serialize)]
struct DiagnosticRecord<'a> {
    severity: &'static str,
    message: &'a str,
    lines: LinePair,
}

impl<'a> From<&'a d::Diagnostic> for DiagnosticRecord<'a> {
    fn from(x: &'a d::Diagnostic) -> Self {
        DiagnosticRecord {
            severity: match x.severity {
                d::Severity::Note => "note",
                d::Severity::Warning => "warning",
            },
            message: &x.message,
            lines: lines(x.lines),
        }
    }
}

#[derive(Serialize)]
struct FindingsRecord<'a> {
    source: &'a str,
    findings: Vec<FindingRecord<'a>>,
}

#[derive(Serialize)]
struct FindingRecord<'a> {
    kind: &'static str,
    message: &'a str,
    lines: Vec<LinePair>,
}

impl<'a> From<&'a d::Finding> for FindingRecord<'a> {
    fn from(f: &'a d::Finding) -> Self {
        FindingRecord {
            kind: f.kind,
            message: &f.message,
            lines: f.lines.iter().copied().map(lines).collect(),
        }
    }
}
