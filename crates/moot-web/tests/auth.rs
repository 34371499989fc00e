//! Accounts over real HTTP: signing in and out, the session cookie's
//! attributes, CSRF refusals, the sign-in rate limit (surviving a
//! restart), open redirects refused, every write route refusing the
//! anonymous and the under-privileged, audit entries written by the admin
//! pages, and exempt business shown to a signed-in member only.

mod common;

use common::signed_in::{
    add_accounts, cookie_value, field_value, get_as, post, set_cookie, sign_in, try_sign_in,
    visit_login, Browser, PASSWORD,
};
use common::{
    assert_matches_schema, json, planted_site, request, serve_dir, Response, Site, SECRET,
};
use moot_store::{AuditLog, Role};
use moot_store_sqlite::SqliteStore;

/// Every route that changes something, as (method, path); a form on a
/// signed-in page posting anywhere else fails
/// `every_form_posts_to_a_listed_write_route`.
const WRITE_ROUTES: [(&str, &str, Role); 19] = [
    ("POST", "/admin/accounts", Role::Admin),
    ("POST", "/admin/accounts/{id}/role", Role::Admin),
    ("POST", "/admin/accounts/{id}/disable", Role::Admin),
    ("POST", "/clerk/bodies", Role::Clerk),
    ("POST", "/clerk/bodies/{id}/members", Role::Clerk),
    ("POST", "/clerk/bodies/{id}/meetings", Role::Clerk),
    ("POST", "/clerk/meetings/{id}/items", Role::Clerk),
    ("POST", "/clerk/items/{id}/papers", Role::Clerk),
    ("POST", "/clerk/meetings/{id}/publish", Role::Clerk),
    ("POST", "/clerk/meetings/{id}/attendance", Role::Clerk),
    ("POST", "/clerk/meetings/{id}/declarations", Role::Clerk),
    ("POST", "/clerk/meetings/{id}/minutes", Role::Clerk),
    ("POST", "/clerk/meetings/{id}/actions", Role::Clerk),
    ("POST", "/clerk/meetings/{id}/minutes/publish", Role::Clerk),
    ("POST", "/clerk/meetings/{id}/minutes/confirm", Role::Clerk),
    ("POST", "/clerk/minutes/{id}", Role::Clerk),
    ("POST", "/clerk/minutes/{id}/correct", Role::Clerk),
    ("POST", "/clerk/minutes/{id}/decision", Role::Clerk),
    ("POST", "/clerk/actions/{id}/close", Role::Clerk),
];

/// Pages and twins for signed-in accounts, with the least role each
/// needs.
const SIGNED_IN_PAGES: [(&str, Role); 10] = [
    ("/clerk", Role::Clerk),
    ("/api/clerk", Role::Clerk),
    ("/account", Role::Member),
    ("/api/account", Role::Member),
    ("/admin/accounts", Role::Admin),
    ("/api/admin/accounts", Role::Admin),
    ("/admin/audit", Role::Admin),
    ("/api/admin/audit", Role::Admin),
    ("/clerk/meetings/2/minutes", Role::Clerk),
    ("/api/clerk/meetings/2/minutes", Role::Clerk),
];

/// The planted site with a clerk's meetings (the one recorded is
/// meeting 2) and one account of each role, named after it.
fn site() -> Site {
    let site = planted_site();
    common::clerk_http::plant(&site);
    add_accounts(&site);
    site
}

#[test]
fn signing_in_sets_a_new_http_only_lax_session_cookie_and_names_the_account() {
    let site = site();
    let response = try_sign_in(&site, "member", PASSWORD, "%2Fbodies");
    assert_eq!(response.status, 303, "{}", response.body);
    assert!(
        response.head.contains("location: /bodies\r\n")
            || response.head.ends_with("location: /bodies")
    );
    let cookie = set_cookie(&response, "moot_session").unwrap();
    for attribute in ["httponly", "samesite=lax", "path=/", "max-age=43200"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    assert!(
        !cookie.contains("secure"),
        "served over plain HTTP: {cookie}"
    );
    assert!(set_cookie(&response, "moot_presession")
        .unwrap()
        .contains("max-age=0"));
    let browser = Browser {
        cookie: cookie_value(cookie),
        csrf: String::new(),
    };
    let home = get_as(&site, &browser, "/");
    assert!(home
        .body
        .contains("Signed in as <a href=\"/account\">The member</a>"));
    assert!(home.head.contains("cache-control: private, no-store"));
    let anonymous = request(&site, "GET", "/", &[], "");
    assert!(anonymous.body.contains("href=\"/login\""));
    assert!(!anonymous.head.contains("no-store"));
}

#[test]
fn wrong_passwords_and_unknown_users_are_refused_alike() {
    let site = site();
    for (username, password) in [("member", "not the password"), ("nobody", PASSWORD)] {
        let response = try_sign_in(&site, username, password, "");
        assert_eq!(response.status, 401, "{username}");
        assert!(response.body.contains("There is a problem"));
        assert!(response
            .body
            .contains("The user name or password is not right"));
        assert!(set_cookie(&response, "moot_session").is_none());
    }
    let empty = try_sign_in(&site, "", "", "");
    assert_eq!(empty.status, 422);
    assert!(
        empty.body.contains("Enter your user name") && empty.body.contains("Enter your password")
    );
    assert!(empty.body.contains("<title>Error: Sign in"));
}

#[test]
fn forms_without_the_right_csrf_token_are_refused_before_anything_happens() {
    let site = site();
    let browser = visit_login(&site);
    let form = format!("username=member&password={}", PASSWORD.replace(' ', "+"));
    let missing = post(&site, &browser, "/login", &form);
    assert_eq!(missing.status, 403);
    assert!(missing.body.contains("did not come from this site"));
    let wrong = post(
        &site,
        &browser,
        "/login",
        &format!("{form}&csrf_token={}", "0".repeat(64)),
    );
    assert_eq!(wrong.status, 403);
    let no_cookie = Browser {
        cookie: String::new(),
        csrf: browser.csrf.clone(),
    };
    let stolen = post(
        &site,
        &no_cookie,
        "/login",
        &format!("{form}&csrf_token={}", browser.csrf),
    );
    assert_eq!(
        stolen.status, 403,
        "a token is good only with its own cookie"
    );

    let admin = sign_in(&site, Role::Admin);
    let logout = post(&site, &admin, "/logout", "");
    assert_eq!(logout.status, 403);
    assert_eq!(
        get_as(&site, &admin, "/api/account").status,
        200,
        "still signed in"
    );
    let api = json_post(&site, &admin, "/admin/accounts/2/disable");
    assert_eq!(api.status, 403, "a script needs the token too");
}

fn json_post(site: &Site, browser: &Browser, target: &str) -> Response {
    request(
        site,
        "POST",
        target,
        &[
            ("Cookie", browser.cookie.as_str()),
            ("Content-Type", "application/json"),
        ],
        "{}",
    )
}

#[test]
fn signing_out_ends_the_session() {
    let site = site();
    let member = sign_in(&site, Role::Member);
    let out = post(
        &site,
        &member,
        "/logout",
        &format!("csrf_token={}", member.csrf),
    );
    assert_eq!(out.status, 303);
    assert!(set_cookie(&out, "moot_session")
        .unwrap()
        .contains("max-age=0"));
    assert_eq!(
        get_as(&site, &member, "/api/account").status,
        401,
        "the old cookie is dead"
    );
}

#[test]
fn five_failures_lock_a_user_name_out_even_across_a_restart() {
    let site = site();
    for _ in 0..5 {
        assert_eq!(
            try_sign_in(&site, "clerk", "wrong password", "").status,
            401
        );
    }
    let limited = try_sign_in(&site, "clerk", PASSWORD, "");
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert!(limited.head.contains("retry-after: "));
    assert!(limited
        .body
        .contains("Too many failed sign-ins. Try again in 15 minutes"));
    let restarted = serve_dir(site.dir);
    assert_eq!(try_sign_in(&restarted, "clerk", PASSWORD, "").status, 429);
    let other = try_sign_in(&restarted, "admin", PASSWORD, "");
    assert_eq!(other.status, 429, "the address is over its limit too");
}

#[test]
fn next_leads_only_to_paths_on_this_site() {
    let site = site();
    for (next, location) in [
        ("%2Fadmin%2Faudit", "/admin/audit"),
        ("https%3A%2F%2Fevil.example%2F", "/"),
        ("%2F%2Fevil.example", "/"),
        ("%2F%5Cevil.example", "/"),
    ] {
        let response = try_sign_in(&site, "admin", PASSWORD, next);
        assert_eq!(response.status, 303);
        assert!(
            response.head.contains(&format!("location: {location}\r"))
                || response.head.ends_with(&format!("location: {location}")),
            "{next}: {}",
            response.head
        );
    }
    let page = request(&site, "GET", "/login?next=%2F%2Fevil.example", &[], "");
    assert_eq!(field_value(&page.body, "next"), "/");
}

#[test]
fn every_write_route_refuses_the_anonymous_and_the_under_privileged() {
    let site = site();
    let anonymous = visit_login(&site);
    let member = sign_in(&site, Role::Member);
    let clerk = sign_in(&site, Role::Clerk);
    let audit = || {
        SqliteStore::open(&site.dir.path().join("moot.db"))
            .unwrap()
            .audit_entries(None, 1000)
            .unwrap()
    };
    let before = audit();
    for (method, path, role) in WRITE_ROUTES {
        let target = path.replace("{id}", "1");
        let headers = |b: &Browser| {
            (
                b.cookie.clone(),
                format!("csrf_token={}&role=admin", b.csrf),
            )
        };
        let (cookie, form) = headers(&anonymous);
        let response = request(
            &site,
            method,
            &target,
            &[
                ("Cookie", &cookie),
                ("Content-Type", "application/x-www-form-urlencoded"),
            ],
            &form,
        );
        assert_eq!(response.status, 303, "{target} anonymous");
        assert!(response.head.contains("location: /login"), "{target}");
        for browser in [&member, &clerk]
            .into_iter()
            .take(if role == Role::Admin { 2 } else { 1 })
        {
            let (cookie, form) = headers(browser);
            let response = request(
                &site,
                method,
                &target,
                &[
                    ("Cookie", &cookie),
                    ("Content-Type", "application/x-www-form-urlencoded"),
                ],
                &form,
            );
            assert_eq!(response.status, 403, "{target}");
        }
    }
    assert_eq!(audit(), before, "nothing was changed");
}

#[test]
fn signed_in_pages_send_the_anonymous_to_sign_in_and_refuse_lesser_roles() {
    let site = site();
    let member = sign_in(&site, Role::Member);
    let admin = sign_in(&site, Role::Admin);
    for (target, role) in SIGNED_IN_PAGES {
        let anonymous = request(&site, "GET", target, &[], "");
        if target.starts_with("/api/") {
            assert_eq!(anonymous.status, 401, "{target}");
            assert!(anonymous.body.contains("\"status\":401"));
        } else {
            assert_eq!(anonymous.status, 303, "{target}");
            let encoded = target.replace('/', "%2f"); // the head is lower-cased
            assert!(
                anonymous
                    .head
                    .contains(&format!("location: /login?next={encoded}")),
                "{}",
                anonymous.head
            );
        }
        let as_member = get_as(&site, &member, target).status;
        assert_eq!(
            as_member,
            if role == Role::Member { 200 } else { 403 },
            "{target}"
        );
        assert_eq!(get_as(&site, &admin, target).status, 200, "{target}");
    }
}

#[test]
fn every_form_posts_to_a_listed_write_route() {
    let site = site();
    let admin = sign_in(&site, Role::Admin);
    for (page, _) in SIGNED_IN_PAGES
        .iter()
        .filter(|(p, _)| !p.starts_with("/api/"))
    {
        let body = get_as(&site, &admin, page).body;
        for form in body.split("<form").skip(1) {
            let tag = form.split('>').next().unwrap();
            if !tag.contains("method=\"post\"") {
                continue;
            }
            let action = tag
                .split("action=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let known = action == "/logout"
                || action == "/login"
                || WRITE_ROUTES.iter().any(|(_, path, _)| fits(path, action));
            assert!(
                known,
                "{page} posts to {action}, which WRITE_ROUTES does not list"
            );
            assert!(
                form.contains("name=\"csrf_token\""),
                "{page}: {action} has no CSRF field"
            );
        }
    }
}

fn fits(template: &str, path: &str) -> bool {
    let (want, have): (Vec<_>, Vec<_>) = (template.split('/').collect(), path.split('/').collect());
    want.len() == have.len()
        && want
            .iter()
            .zip(&have)
            .all(|(w, h)| w == h || (*w == "{id}" && h.parse::<i64>().is_ok()))
}

#[test]
fn admins_add_change_and_disable_accounts_with_audit_entries_and_field_errors() {
    let site = site();
    let admin = sign_in(&site, Role::Admin);
    let bad = post(
        &site,
        &admin,
        "/admin/accounts",
        &format!(
            "csrf_token={}&username=a+b&display_name=&role=chair&person=x&password=short",
            admin.csrf
        ),
    );
    assert_eq!(bad.status, 422);
    for message in [
        "may hold only letters",
        "Enter the name to show",
        "Choose member, clerk or admin",
        "whole number",
        "at least 12 characters",
    ] {
        assert!(bad.body.contains(message), "{message}");
    }
    assert!(bad
        .body
        .contains("aria-describedby=\"username-hint username-error\""));
    let form = format!("csrf_token={}&username=jo&display_name=Jo+Smith&role=member&person=&password=another+long+password", admin.csrf);
    assert_eq!(post(&site, &admin, "/admin/accounts", &form).status, 303);
    let taken = post(&site, &admin, "/admin/accounts", &form);
    assert_eq!(taken.status, 422);
    assert!(taken.body.contains("An account named jo already exists"));

    let accounts = json(&site, "/api/openapi.json");
    let listed = get_as(&site, &admin, "/api/admin/accounts");
    let listed: serde_json::Value = serde_json::from_str(&listed.body).unwrap();
    assert_matches_schema(
        &accounts,
        "/api/admin/accounts",
        "/api/admin/accounts",
        &listed,
    );
    let jo = listed["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["username"] == "jo")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let jo_browser = sign_in_as(&site, "jo", "another long password");
    assert_eq!(get_as(&site, &jo_browser, "/api/account").status, 200);

    let role = post(
        &site,
        &admin,
        &format!("/admin/accounts/{jo}/role"),
        &format!("csrf_token={}&role=clerk", admin.csrf),
    );
    assert_eq!(role.status, 303);
    let disable = post(
        &site,
        &admin,
        &format!("/admin/accounts/{jo}/disable"),
        &format!("csrf_token={}", admin.csrf),
    );
    assert_eq!(disable.status, 303);
    assert_eq!(
        get_as(&site, &jo_browser, "/api/account").status,
        401,
        "a disabled account loses its sessions"
    );
    let me = post(
        &site,
        &admin,
        "/admin/accounts/3/disable",
        &format!("csrf_token={}", admin.csrf),
    );
    assert_eq!(me.status, 403, "an admin cannot disable themselves");

    let target = format!("/api/admin/audit?subject=account%2F{jo}");
    let log: serde_json::Value =
        serde_json::from_str(&get_as(&site, &admin, &target).body).unwrap();
    assert_matches_schema(&accounts, "/api/admin/audit", &target, &log);
    let actions: Vec<&str> = log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["account.disable", "account.role", "account.create"]
    );
    assert!(log["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["actor"] == "admin"));
    assert_eq!(log["entries"][1]["before"]["role"], "member");
    assert_eq!(log["entries"][1]["after"]["role"], "clerk");
    assert!(!log.to_string().contains("another long password"));
    let page = get_as(
        &site,
        &admin,
        &format!("/admin/audit?subject=account%2F{jo}"),
    )
    .body;
    assert!(page.contains("account.disable"));
    assert_eq!(get_as(&site, &admin, "/admin/audit?page=0").status, 400);
    let account: serde_json::Value =
        serde_json::from_str(&get_as(&site, &admin, "/api/account").body).unwrap();
    assert_matches_schema(&accounts, "/api/account", "/api/account", &account);
}

fn sign_in_as(site: &Site, username: &str, password: &str) -> Browser {
    let response = try_sign_in(site, username, password, "");
    assert_eq!(response.status, 303, "{}", response.body);
    Browser {
        cookie: cookie_value(set_cookie(&response, "moot_session").unwrap()),
        csrf: String::new(),
    }
}

#[test]
fn exempt_business_is_shown_to_a_signed_in_member_and_never_to_the_public() {
    let site = site();
    let member = sign_in(&site, Role::Member);
    for target in [
        "/meetings/1",
        "/api/meetings/1",
        "/documents/1",
        "/api/documents/1",
    ] {
        let public = request(&site, "GET", target, &[], "");
        assert_eq!(public.status, 200);
        assert!(
            !public.body.contains(SECRET),
            "{target} shows the public exempt text"
        );
        let signed_in = get_as(&site, &member, target);
        assert!(
            signed_in.body.contains(SECRET),
            "{target} hides exempt text from a member"
        );
        assert!(
            signed_in.head.contains("cache-control: private, no-store"),
            "{target}"
        );
    }
    let meeting: serde_json::Value =
        serde_json::from_str(&get_as(&site, &member, "/api/meetings/1").body).unwrap();
    assert_eq!(meeting["agenda"][1]["title"], "Disposal of Zanzibar Quarry");
    assert_eq!(meeting["agenda"][1]["exempt"], true);
}

#[test]
fn the_sign_in_twin_matches_its_schema() {
    let site = site();
    let doc = json(&site, "/api/openapi.json");
    assert_matches_schema(&doc, "/api/login", "/api/login", &json(&site, "/api/login"));
}

/// A sign-in attempt as `username` whose request says it was forwarded
/// for `forwarded` (an `X-Forwarded-For` value).
fn sign_in_forwarded(site: &Site, username: &str, password: &str, forwarded: &str) -> Response {
    let browser = visit_login(site);
    let form = format!(
        "csrf_token={}&username={username}&password={}&next=",
        browser.csrf,
        password.replace(' ', "+")
    );
    let headers = [
        ("Cookie", browser.cookie.as_str()),
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("X-Forwarded-For", forwarded),
    ];
    request(site, "POST", "/login", &headers, &form)
}

/// Five failures under five user names, each forwarded for `forwarded`.
fn five_failures_forwarded_for(site: &Site, forwarded: &str) {
    for i in 0..5 {
        let failed = sign_in_forwarded(site, &format!("nobody{i}"), "wrong password", forwarded);
        assert_eq!(failed.status, 401, "{}", failed.body);
    }
}

#[test]
fn x_forwarded_for_from_a_peer_that_is_not_a_trusted_proxy_is_ignored() {
    let site = site();
    five_failures_forwarded_for(&site, "198.51.100.1");
    let elsewhere = sign_in_forwarded(&site, "clerk", PASSWORD, "198.51.100.2");
    assert_eq!(elsewhere.status, 429, "the peer itself is over its limit");
}

#[test]
fn behind_a_trusted_proxy_the_forwarded_client_is_counted_not_the_proxy() {
    let site = site();
    let site = common::serve_dir_with(site.dir, |state| {
        state.set_trusted_proxies(moot_web::proxy::TrustedProxy::parse_list("127.0.0.1").unwrap());
    });
    five_failures_forwarded_for(&site, "198.51.100.1");
    let other_client = sign_in_forwarded(&site, "clerk", PASSWORD, "198.51.100.2");
    assert_eq!(other_client.status, 303, "{}", other_client.body);
    let same_client = sign_in_forwarded(&site, "admin", PASSWORD, "198.51.100.1");
    assert_eq!(same_client.status, 429, "{}", same_client.body);
    // The client may write what it likes left of the proxy's entry.
    let forged = sign_in_forwarded(&site, "member", PASSWORD, "198.51.100.2, 198.51.100.1");
    assert_eq!(forged.status, 429, "{}", forged.body);
}
