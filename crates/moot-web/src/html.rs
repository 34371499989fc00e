//! The page layout and the small pieces every page shares: UK dates,
//! links to records. Plain semantic HTML in the spirit of the GOV.UK
//! Design System: a skip link, labelled landmarks, one `h1`, visible focus,
//! text and links with at least 4.5:1 contrast, no JavaScript.

use maud::{html, Markup, PreEscaped, DOCTYPE};
use moot_domain::Date;
use moot_store::{MeetingSummary, Role};

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
";

/// A whole page: skip link, site header with labelled navigation, the
/// page's `main`, and the footer.
pub fn page(title: &str, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en-GB" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – Moot" }
                link rel="alternate" type="application/atom+xml" title="New minutes and decisions" href=(crate::routes::feeds::ATOM_PATH);
                style { (PreEscaped(STYLE)) }
            }
            body {
                a class="skip" href="#main-content" { "Skip to main content" }
                header {
                    nav aria-label="Main" {
                        ul {
                            li { a href="/" { "Moot" } }
                            li { a href="/bodies" { "Committees and boards" } }
                            li { a href="/decisions" { "Decisions" } }
                            li { a href="/search" { "Search" } }
                        }
                    }
                    (account_nav())
                }
                main id="main-content" tabindex="-1" { (main) }
                footer {
                    p { "Records read from published agenda packs. Every page is also available as JSON under "
                        code { "/api/" } "." }
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
pub fn scroll_table(label: &str, table: Markup) -> Markup {
    html! {
        div class="table-scroll" role="region" aria-label=(label) tabindex="0" { (table) }
    }
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
    fn uk_dates_name_the_weekday_and_month() {
        let date = Date::new(2013, 9, 18).unwrap();
        assert_eq!(uk_date(date), "Wednesday 18 September 2013");
        let date = Date::new(2015, 7, 22).unwrap();
        assert_eq!(uk_date(date), "Wednesday 22 July 2015");
    }
}
