//! The page cache over HTTP: a hot public page is served from the cache
//! (`x-moot-cache: hit`) until the database changes, an import made by
//! another connection (as `moot import` is) shows on the next request,
//! and what a signed-in member sees never reaches the public, nor the
//! public's copy a member.

mod common;

use common::signed_in::{add_accounts, get_as, sign_in};
use common::{corpus_packs, fetch, import, planted_site, serve, Response, SECRET};
use moot_store::Role;

fn from_cache(response: &Response) -> bool {
    response.head.contains("x-moot-cache: hit")
}

#[test]
fn a_public_page_is_served_from_the_cache_until_an_import_changes_it() {
    let site = serve(&corpus_packs(&["kent-hwb-2013-09-18.txt"]));
    let first = fetch(&site, "/api/bodies");
    assert_eq!(first.status, 200);
    assert!(!from_cache(&first));
    let again = fetch(&site, "/api/bodies");
    assert!(from_cache(&again), "{}", again.head);
    assert_eq!(again.body, first.body);

    import(
        site.dir.path(),
        &corpus_packs(&["kent-cscah-2015-07-22.txt"]),
    );
    let after = fetch(&site, "/api/bodies");
    assert!(!from_cache(&after), "a page from before the import");
    assert_ne!(after.body, first.body, "the new pack's body is listed");
    assert!(from_cache(&fetch(&site, "/api/bodies")));
}

#[test]
fn pages_differ_by_query_and_are_kept_apart() {
    let site = serve(&corpus_packs(&["kent-hwb-2013-09-18.txt"]));
    let bodies = fetch(&site, "/bodies");
    let decisions = fetch(&site, "/decisions");
    assert_ne!(bodies.body, decisions.body);
    assert_eq!(fetch(&site, "/bodies").body, bodies.body);
    assert_eq!(fetch(&site, "/decisions").body, decisions.body);
    let other_query = fetch(&site, "/decisions?body=1");
    assert!(!from_cache(&other_query));
}

#[test]
fn search_answers_come_from_the_index_every_time() {
    let site = serve(&corpus_packs(&["kent-hwb-2013-09-18.txt"]));
    for target in ["/search?q=health", "/api/search?q=health"] {
        assert_eq!(fetch(&site, target).status, 200);
        assert!(!from_cache(&fetch(&site, target)), "{target}");
    }
}

#[test]
fn a_signed_in_page_is_never_served_from_the_anonymous_cache() {
    let site = planted_site();
    add_accounts(&site);
    let member = sign_in(&site, Role::Member);
    for target in ["/meetings/1", "/api/meetings/1", "/documents/1"] {
        // The public's copy, then kept.
        let public = fetch(&site, target);
        assert!(!public.body.contains(SECRET), "{target}");
        assert!(from_cache(&fetch(&site, target)), "{target} is kept");
        // A member gets their own page, never the kept one.
        let signed_in = get_as(&site, &member, target);
        assert!(!from_cache(&signed_in), "{target}");
        assert!(signed_in.body.contains(SECRET), "{target}");
        // And the member's page is never kept for the public.
        let public_again = fetch(&site, target);
        assert!(!public_again.body.contains(SECRET), "{target}");
    }
}

#[test]
fn a_members_page_seen_first_is_not_kept_for_the_public() {
    let site = planted_site();
    add_accounts(&site);
    let member = sign_in(&site, Role::Member);
    let signed_in = get_as(&site, &member, "/meetings/1");
    assert!(signed_in.body.contains(SECRET));
    let public = fetch(&site, "/meetings/1");
    assert!(!from_cache(&public));
    assert!(!public.body.contains(SECRET));
}
