//! The OpenAPI document tells the truth: every page reachable from the
//! home page has a JSON twin under `/api/` that the document describes, and
//! each twin's answer validates against the documented schema.

mod common;

use common::{assert_matches_schema, corpus_site, get, json, Site};

/// The internal links of an HTML page (`href="/..."`), without fragments,
/// entity-decoded as far as addresses need.
fn internal_links(page: &str) -> Vec<String> {
    page.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|href| href.starts_with('/'))
        .map(|href| href.split('#').next().unwrap_or(href).replace("&amp;", "&"))
        .collect()
}

/// Every page reachable from the home page by internal links (HTML pages
/// only: downloads and feeds are left out), at most `limit` of them.
fn crawl(site: &Site, limit: usize) -> Vec<String> {
    let mut seen = vec!["/".to_owned()];
    let mut next = 0;
    while next < seen.len() && seen.len() < limit {
        let (status, page) = get(site, &seen[next]);
        assert_eq!(status, 200, "{} is linked but answers {status}", seen[next]);
        for link in internal_links(&page) {
            let download = [".csv", ".ics", ".atom", ".json"]
                .iter()
                .any(|ext| link.split('?').next().unwrap_or("").ends_with(ext));
            if !download && !link.starts_with("/api") && !seen.contains(&link) {
                seen.push(link);
            }
        }
        next += 1;
    }
    seen
}

/// Whether the path of `target` (no query) fits the OpenAPI path
/// `template`, whose `{name}` segments match any one segment.
fn fits(template: &str, target: &str) -> bool {
    let path = target.split('?').next().unwrap_or(target);
    let (want, have): (Vec<_>, Vec<_>) = (template.split('/').collect(), path.split('/').collect());
    want.len() == have.len()
        && want
            .iter()
            .zip(&have)
            .all(|(w, h)| (w.starts_with('{') && w.ends_with('}')) || w == h)
}

#[test]
fn every_page_has_a_documented_json_twin_that_matches_its_schema() {
    let site = corpus_site();
    let doc = json(&site, "/api/openapi.json");
    assert_eq!(doc["openapi"], "3.1.0");
    let templates: Vec<String> = doc["paths"].as_object().unwrap().keys().cloned().collect();
    let mut reached = std::collections::HashSet::new();
    for page in crawl(&site, 400) {
        let twin = if page == "/" {
            "/api/".to_owned()
        } else {
            format!("/api{page}")
        };
        let template = templates
            .iter()
            .find(|t| fits(t, &twin))
            .unwrap_or_else(|| panic!("{page} has no documented twin {twin}"));
        assert_matches_schema(&doc, template, &twin, &json(&site, &twin));
        reached.insert(template.clone());
    }
    // Answers no link leads to: a search with hits.
    let search = "/api/search?q=health&kind=report&kind=minute";
    assert_matches_schema(&doc, "/api/search", search, &json(&site, search));
    // Twins for signed-in accounts only are checked signed in, in auth.rs.
    let public = |t: &&String| doc["paths"][t.as_str()]["get"]["security"].is_null();
    for template in templates
        .iter()
        .filter(|t| !reached.contains(*t))
        .filter(public)
    {
        assert!(
            !template.contains('{'),
            "no page links to anything under {template}"
        );
        assert_matches_schema(&doc, template, template, &json(&site, template));
    }
}
