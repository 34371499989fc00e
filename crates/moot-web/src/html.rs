//! The page layout and the small pieces every page shares: UK dates,
//! links to records. Plain semantic HTML in the spirit of the GOV.UK
//! Design System: a skip link, labelled landmarks, one `h1`, visible focus,
//! text and links with at least 4.5:1 contrast, no JavaScript.

use maud::{html, Markup, PreEscaped, DOCTYPE};
use moot_domain::Date;
use moot_store::{MeetingSummary, Role};
use std::sync::Arc;

tokio::task_local! {
    /// The site's name for the request being answered
    /// ([`Settings::site_name`](crate::Settings::site_name)), set by the
    /// request gate.
    pub(crate) static SITE: SiteName;
}

/// The site's name: the council's, from `--site-name`, or Moot's.
#[derive(Debug, Clone)]
pub struct SiteName(Option<Arc<str>>);

impl SiteName {
    /// The name the settings give.
    pub fn of(settings: &crate::Settings) -> SiteName {
        SiteName(settings.site_name.as_deref().map(Arc::from))
    }

    /// The name pages print: the council's, else "Moot".
    pub fn text(&self) -> &str {
        self.0.as_deref().unwrap_or("Moot")
    }

    /// Whether a council named the site.
    pub fn is_councils(&self) -> bool {
        self.0.is_some()
    }
}

/// The site's name for the request being answered ("Moot" outside one).
pub fn site_name() -> SiteName {
    SITE.try_with(Clone::clone).unwrap_or(SiteName(None))
}

/// The site's stylesheet, inline so a page is one request.
const STYLE: &str = "
body{margin:0;font-family:Arial,Helvetica,sans-serif;font-size:1.1875rem;line-height:1.5;color:#0b0c0c;background:#fff}
.skip{position:absolute;left:-9999px}
.skip:focus{position:static;display:block;padding:.5rem;background:#fd0;color:#0b0c0c}
header,footer{background:#0b0c0c;color:#fff;padding:.75rem 1rem}
header a,footer a{color:#fff}
header nav ul{list-style:none;margin:0;padding:0;display:flex;gap:1.5rem;flex-wrap:wrap}
main{max-width:60rem;margin:0 auto;padding:1rem;overflow-wrap:break-word}
a{color:#1d70b8}
a:visited{color:#4c2c92}
a:focus{outline:3px solid transparent;background:#fd0;color:#0b0c0c;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.5rem .5rem .5rem 0;border-bottom:1px solid #b1b4b6;vertical-align:top}
.meta{color:#505a5f}
.table-scroll{overflow-x:auto}
.table-scroll:focus{outline:3px solid #fd0}
.lines td{white-space:pre-wrap;overflow-wrap:anywhere;font-family:monospace;font-size:1rem}
.lines th,.lines td{padding:0 .75rem 0 0;border:0}
.lines th{white-space:nowrap;color:#505a5f}
.lines tr:target{background:#fff7bf}
.withheld td{font-family:inherit}
.breadcrumbs{list-style:none;margin:0 0 1rem;padding:0;display:flex;flex-wrap:wrap;gap:.25rem;font-size:1rem}
.breadcrumbs li+li::before{content:'›';margin-right:.25rem;color:#505a5f}
.resolution{border-left:5px solid #00703c;padding:0 0 0 .75rem;margin:.75rem 0;font-weight:700}
.resolution li,.resolution p{font-weight:700}
.source{font-size:1rem}
.status{font-weight:700}
code,h1{overflow-wrap:anywhere}
label,legend{display:block;font-weight:700;margin:1rem 0 .25rem}
fieldset{border:0;margin:1rem 0 0;padding:0}
input[type=search]{width:100%;max-width:36rem}
input,select,button{font:inherit;padding:.25rem;border:2px solid #0b0c0c}
input,select,textarea{max-width:100%;box-sizing:border-box}
textarea{font:inherit;width:100%;max-width:40em;padding:.25rem;border:2px solid #0b0c0c}
input:focus,select:focus,textarea:focus,button:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
.check label{display:inline;font-weight:400;margin-left:.5rem}
button{margin-top:1rem;padding:.5rem 1rem;background:#00703c;color:#fff;border-color:#00703c}
mark{background:#fd0;color:#0b0c0c}
.rag{white-space:nowrap}
.rag-icon{vertical-align:-2px}
.counts{list-style:none;padding:0;display:flex;gap:1.5rem;flex-wrap:wrap}
.differs{font-weight:700}
.chart{display:block;width:100%;height:auto;max-width:45rem}
.trend{margin:0 0 1rem}
dl.summary dt{font-weight:700}
dl.summary dd{margin:0 0 .5rem}
header{display:flex;flex-wrap:wrap;justify-content:space-between;gap:.5rem 1.5rem}
header form{display:inline;margin:0}
.link-button{background:none;border:0;color:#fff;text-decoration:underline;padding:0;margin:0;cursor:pointer}
.inline{display:inline-block;margin-right:1rem}
.inline label{font-weight:400;margin-top:0}
button.warning{background:#d4351c;border-color:#d4351c}
input[type=text],input[type=password]{width:100%;max-width:20em}
.hint{color:#505a5f}
.error-summary{border:5px solid #d4351c;padding:0 1rem;margin:1rem 0}
.error-summary a{color:#d4351c;font-weight:700}
.error-message{color:#d4351c;font-weight:700;margin:0}
.field-error{border-left:5px solid #d4351c;padding-left:.75rem}
.visually-hidden{position:absolute;width:1px;height:1px;margin:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
td,th{overflow-wrap:anywhere}
main:has(.table-scroll){max-width:75rem}
.site-name{font-weight:700}
.date-input{display:flex;flex-wrap:wrap;gap:0 1rem}
.date-item label{font-weight:400;margin-top:.25rem}
input.width-2{width:3.5em}
input.width-4{width:5.5em}
.home-search{display:flex;flex-wrap:wrap;gap:0 .5rem;align-items:flex-end}
.home-search button{margin-top:.25rem}
@media (max-width:40em){
h1{font-size:1.6rem;line-height:1.25}
h2{font-size:1.35rem}
header{display:block;font-size:.875rem;padding:.5rem .75rem}
header nav,header nav ul{display:inline}
header nav li{display:inline-block;white-space:nowrap;margin:0 .75rem .25rem 0}
header .long{display:none}
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.stack,table.stack caption,table.stack tbody,table.stack tr,table.stack th,table.stack td{display:block}
table.stack caption{text-align:left}
table.stack tr{border-bottom:2px solid #b1b4b6;padding:.5rem 0}
table.stack th,table.stack td{border:0;padding:.125rem 0}
table.stack td:empty{display:none}
table.stack [data-label]::before{content:attr(data-label);display:block;font-weight:700;color:#505a5f;font-size:1rem}
}
";

/// A whole page: skip link, site header with labelled navigation, the
/// page's `main`, and the footer.
pub fn page(title: &str, main: Markup) -> Markup {
    let site = site_name();
    html! {
        (DOCTYPE)
        html lang="en-GB" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – " (site.text()) }
                link rel="alternate" type="application/atom+xml" title="New minutes and decisions" href=(crate::routes::feeds::ATOM_PATH);
                style { (PreEscaped(STYLE)) }
            }
            body {
                a class="skip" href="#main-content" { "Skip to main content" }
                header {
                    nav aria-label="Main" {
                        ul {
                            li { a class="site-name" href="/" { (site.text()) } }
                            li { a href="/bodies" { "Committees" span class="long" { " and boards" } } }
                            li { a href="/decisions" { "Decisions" } }
                            li { a href="/search" { "Search" } }
                        }
                    }
                    (account_nav())
                }
                main id="main-content" tabindex="-1" { (main) }
                footer {
                    p {
                        @if site.is_councils() { (site.text()) "'s committee records, published with Moot. " }
                        "Each record links to where it came from: the lines of an imported agenda pack, minutes or Modern.gov page, a row of a loaded scorecard file, or the clerk's own record kept here. Every page is also available as JSON under "
                        code { "/api/" } "."
                    }
                }
            }
        }
    }
}

/// The header's account links: who is signed in, their pages and a
/// sign-out button; or a link to sign in.
fn account_nav() -> Markup {
    let visit = crate::session::current();
    html! {
        nav aria-label="Account" {
            ul {
                @if let Some(account) = &visit.account {
                    li { "Signed in as " a href="/account" { (account.display_name) } }
                    @if account.role >= Role::Admin {
                        li { a href="/admin/accounts" { "Accounts" } }
                        li { a href="/admin/audit" { "Audit log" } }
                    }
                    li { form method="post" action="/logout" { (crate::forms::csrf_field()) button type="submit" class="link-button" { "Sign out" } } }
                } @else {
                    li { a href="/login" { "Sign in" } }
                }
            }
        }
    }
}

/// The trail above a page's heading: Home, then each `(name, address)`
/// of `trail`, then the page itself (`current`, not a link). Every record
/// page starts with it, so a reader always knows where they are.
pub fn breadcrumbs(trail: &[(String, String)], current: &str) -> Markup {
    html! {
        nav aria-label="Breadcrumb" {
            ol class="breadcrumbs" {
                li { a href="/" { "Home" } }
                @for (name, href) in trail { li { a href=(href) { (name) } } }
                li aria-current="page" { (current) }
            }
        }
    }
}

/// The breadcrumb trail to a meeting: its body, where known.
pub fn meeting_trail(meeting: &MeetingSummary) -> Vec<(String, String)> {
    meeting
        .body
        .iter()
        .map(|(id, name)| (name.clone(), format!("/bodies/{}", id.0)))
        .collect()
}

/// A data table in a region that scrolls sideways on its own when the
/// screen is narrower than the table, so the page itself never does (WCAG
/// 1.4.10 Reflow). The region is focusable and named, so keyboard users
/// can scroll it too.
///
/// Below 40em wide the table turns into stacked rows, one labelled value a
/// line (the GOV.UK summary list pattern): each cell is given its column's
/// header as `data-label` ([`stack_labels`]), which the stylesheet prints
/// above the value, so no table is wider than the page at 320 pixels.
pub fn scroll_table(label: &str, table: Markup) -> Markup {
    let table = PreEscaped(stack_labels(&table.into_string()));
    html! {
        div class="table-scroll" role="region" aria-label=(label) tabindex="0" { (table) }
    }
}

/// A data table from its cells, in a [`scroll_table`]: the first cell of
/// each row is the row's header; a column no row has a value in is left
/// out (its header with it), so a scorecard without numerators shows no
/// empty "Numerator" column.
pub fn data_table(
    label: &str,
    caption: Markup,
    headers: &[&str],
    rows: &[Vec<Option<Markup>>],
) -> Markup {
    let shown: Vec<bool> = (0..headers.len())
        .map(|c| {
            c == 0
                || rows
                    .iter()
                    .any(|row| row.get(c).is_some_and(Option::is_some))
        })
        .collect();
    let kept: Vec<&str> = headers
        .iter()
        .zip(&shown)
        .filter_map(|(h, show)| show.then_some(*h))
        .collect();
    scroll_table(
        label,
        html! { table {
            caption { (caption) }
            (column_headers(&kept))
            tbody {
                @for row in rows {
                    tr {
                        @for (c, cell) in row.iter().enumerate() {
                            @if c == 0 {
                                th scope="row" { @if let Some(cell) = cell { (cell) } }
                            } @else if shown.get(c).copied().unwrap_or(false) {
                                td { @if let Some(cell) = cell { (cell) } }
                            }
                        }
                    }
                }
            }
        } },
    )
}

/// A rendered table with each body cell labelled by its column header
/// (`data-label`, what the header cell says as text) and the table marked
/// `stack`; a table without a `thead` is returned as it was. Column spans
/// are followed, so a cell after a spanning one gets the right header.
pub fn stack_labels(table: &str) -> String {
    let Some((head_start, head_end)) = table
        .find("<thead>")
        .zip(table.find("</thead>"))
        .filter(|(a, b)| a < b)
    else {
        return table.to_owned();
    };
    let labels: Vec<String> = cells(&table[head_start..head_end])
        .into_iter()
        .flat_map(|cell| std::iter::repeat_n(attribute_text(&cell.text), cell.span))
        .collect();
    let mut out = String::with_capacity(table.len() + table.len() / 4);
    let opening = &table[..head_start];
    let table_tag = opening
        .rfind("<table")
        .map(|at| (at, at + opening[at..].find('>').unwrap_or(0)));
    match table_tag {
        Some((at, end)) => match opening[at..end].find("class=\"") {
            None => {
                out.push_str(&opening[..at + 6]);
                out.push_str(" class=\"stack\"");
                out.push_str(&opening[at + 6..]);
            }
            Some(class) => {
                let class = at + class + 7;
                out.push_str(&opening[..class]);
                out.push_str("stack ");
                out.push_str(&opening[class..]);
            }
        },
        None => out.push_str(opening),
    }
    out.push_str(&table[head_start..head_end]);
    let body = &table[head_end..];
    let mut column = 0;
    let mut rest = body;
    while let Some(at) = next_tag(rest) {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with("<tr") {
            column = 0;
        } else if rest.starts_with("<td") || rest.starts_with("<th") {
            let end = rest.find('>').unwrap_or(rest.len());
            let span = span_of(&rest[..end]);
            if let Some(label) = labels.get(column).filter(|l| !l.is_empty()) {
                out.push_str(&rest[..3]);
                out.push_str(" data-label=\"");
                out.push_str(label);
                out.push('"');
                rest = &rest[3..];
            }
            column += span;
        }
        let step = rest.find('>').map_or(rest.len(), |i| i + 1);
        out.push_str(&rest[..step]);
        rest = &rest[step..];
    }
    out.push_str(rest);
    out
}

/// The start of the next `<tr`, `<td` or `<th` opening tag.
fn next_tag(text: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = text[from..].find('<') {
        let at = from + i;
        let tag = &text[at..];
        let named = |name: &str| {
            tag.starts_with(name) && matches!(tag.as_bytes().get(name.len()), Some(b' ' | b'>'))
        };
        if named("<tr") || named("<td") || named("<th") {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// A header cell: its text and how many columns it spans.
struct Cell {
    text: String,
    span: usize,
}

/// The `th`/`td` cells of a rendered header, in order.
fn cells(head: &str) -> Vec<Cell> {
    let mut found = Vec::new();
    let mut rest = head;
    while let Some(at) = next_tag(rest) {
        rest = &rest[at..];
        let is_cell = !rest.starts_with("<tr");
        let open_end = rest.find('>').map_or(rest.len(), |i| i + 1);
        if is_cell {
            let close = ["</th>", "</td>"]
                .iter()
                .filter_map(|end| rest.find(end))
                .min()
                .unwrap_or(rest.len());
            found.push(Cell {
                text: text_of(&rest[open_end.min(close)..close]),
                span: span_of(&rest[..open_end]),
            });
        }
        rest = &rest[open_end..];
    }
    found
}

/// A cell's `colspan`, 1 when it has none.
fn span_of(open_tag: &str) -> usize {
    open_tag
        .split_once("colspan=\"")
        .and_then(|(_, after)| after.split('"').next())
        .and_then(|n| n.parse().ok())
        .filter(|n| *n >= 1)
        .unwrap_or(1)
}

/// Markup's text: tags dropped, whitespace collapsed (entities kept as
/// they are, escaped, for an attribute).
fn text_of(markup: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escaped text as it may stand in a double-quoted attribute (maud
/// escapes `"` in text as `&quot;` already; `<`/`>` are `&lt;`/`&gt;`).
fn attribute_text(text: &str) -> String {
    text.replace('"', "&quot;")
}

/// A date as UK pages print it: "Wednesday 18 September 2013".
pub fn uk_date(date: Date) -> String {
    date.in_words()
}

/// A date for pages: the UK wording in a `time` element carrying the ISO
/// date for machines.
pub fn date_markup(date: Date) -> Markup {
    html! { time datetime=(date) { (uk_date(date)) } }
}

/// A meeting's name for links and headings: body and date.
pub fn meeting_name(meeting: &MeetingSummary) -> String {
    let body = meeting
        .body
        .as_ref()
        .map_or("Meeting", |(_, name)| name.as_str());
    match meeting.date {
        Some(date) => format!("{body}, {}", uk_date(date)),
        None => format!("{body}, date not known"),
    }
}

/// A table's header row: one column header per name.
pub fn column_headers(names: &[&str]) -> Markup {
    html! {
        thead { tr { @for name in names { th scope="col" { (name) } } } }
    }
}

/// A link to a meeting, named by body and date.
pub fn meeting_link(meeting: &MeetingSummary) -> Markup {
    html! {
        a href={ "/meetings/" (meeting.id.0) } { (meeting_name(meeting)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_body_cell_of_a_table_is_labelled_by_its_column_header() {
        let table = html! { table {
            caption { span class="meta" { "Things" } }
            thead { tr { th scope="col" { "Name" } th scope="col" colspan="2" { "Two " em { "wide" } } th scope="col" { "Tom & \"Jerry\"" } } }
            tbody {
                tr { th scope="row" { "a" } td { "1" } td { "2" } td { "3" } }
                tr { th scope="row" { "b" } td colspan="2" { "12" } td { } }
            }
        } };
        let stacked = stack_labels(&table.into_string());
        assert!(stacked.starts_with("<table class=\"stack\">"), "{stacked}");
        assert!(
            stacked.contains("<th data-label=\"Name\" scope=\"row\">a</th>"),
            "{stacked}"
        );
        assert!(
            stacked
                .contains("<td data-label=\"Two wide\">1</td><td data-label=\"Two wide\">2</td>"),
            "{stacked}"
        );
        assert!(
            stacked.contains("<td data-label=\"Tom &amp; &quot;Jerry&quot;\">3</td>"),
            "{stacked}"
        );
        assert!(
            stacked
                .contains("<td data-label=\"Two wide\" colspan=\"2\">12</td><td data-label=\"Tom"),
            "{stacked}"
        );
        assert!(!stacked.contains("<thead data-label"), "{stacked}");
    }

    #[test]
    fn a_column_empty_in_every_row_is_not_shown() {
        let rows = vec![
            vec![Some(html! { "a" }), None, Some(html! { "1" })],
            vec![Some(html! { "b" }), None, None],
        ];
        let table = data_table("T", html! { "T" }, &["Name", "Empty", "Full"], &rows).into_string();
        assert!(!table.contains("Empty"), "{table}");
        assert!(table.contains("<td data-label=\"Full\">1</td>"), "{table}");
        assert!(table.contains("<td data-label=\"Full\"></td>"), "{table}");
    }

    #[test]
    fn a_table_without_a_header_is_left_alone() {
        let table = html! { table class="lines" { tr { td { "x" } } } }.into_string();
        assert_eq!(stack_labels(&table), table);
    }

    #[test]
    fn uk_dates_name_the_weekday_and_month() {
        let date = Date::new(2013, 9, 18).unwrap();
        assert_eq!(uk_date(date), "Wednesday 18 September 2013");
        let date = Date::new(2015, 7, 22).unwrap();
        assert_eq!(uk_date(date), "Wednesday 22 July 2015");
    }
}
