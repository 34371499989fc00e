//! Signed-in visits over real HTTP: accounts of each role, a browser's
//! cookies and CSRF token, signing in, and forms posted with them.
#![allow(dead_code)]

use super::{request, Response, Site};
use moot_store::{AccountStore, Actor, NewAccount, Role};
use moot_store_sqlite::SqliteStore;

/// The password of every account [`add_accounts`] makes.
pub const PASSWORD: &str = "a long enough password";

/// Adds one account of each role, named after it, with [`PASSWORD`].
pub fn add_accounts(site: &Site) {
    let mut store = SqliteStore::open(&site.dir.path().join("moot.db")).unwrap();
    let cli = Actor::CommandLine {
        user: "test".into(),
    };
    for role in Role::ALL {
        let new = NewAccount {
            username: role.name(),
            display_name: &format!("The {role}"),
            password: PASSWORD,
            role,
            person: None,
        };
        store.add_account(&cli, &new).unwrap();
    }
}

/// The value of `name="…" value="…"` in a form.
pub fn field_value(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in {page}"))
        + marker.len();
    page[start..].split('"').next().unwrap().to_owned()
}

/// The value of cookie `name` set by `response`.
pub fn set_cookie<'a>(response: &'a Response, name: &str) -> Option<&'a str> {
    response
        .head
        .lines()
        .filter_map(|l| l.strip_prefix("set-cookie: "))
        .find(|c| c.starts_with(&format!("{name}=")))
}

/// The `name=value` part of a `Set-Cookie`.
pub fn cookie_value(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap().to_owned()
}

/// A browser's state: its cookies and the CSRF token of its last form.
pub struct Browser {
    /// The `Cookie` header it sends.
    pub cookie: String,
    /// The CSRF token its forms carry.
    pub csrf: String,
}

/// Opens the sign-in page as a new browser would.
pub fn visit_login(site: &Site) -> Browser {
    let page = request(site, "GET", "/login", &[], "");
    assert_eq!(page.status, 200);
    let presession = set_cookie(&page, "moot_presession").expect("a pre-session cookie");
    Browser {
        cookie: cookie_value(presession),
        csrf: field_value(&page.body, "csrf_token"),
    }
}

/// POSTs the url-encoded `form` to `target` with `browser`'s cookies.
pub fn post(site: &Site, browser: &Browser, target: &str, form: &str) -> Response {
    let headers = [
        ("Cookie", browser.cookie.as_str()),
        ("Content-Type", "application/x-www-form-urlencoded"),
    ];
    request(site, "POST", target, &headers, form)
}

/// GETs `target` with `browser`'s cookies.
pub fn get_as(site: &Site, browser: &Browser, target: &str) -> Response {
    request(
        site,
        "GET",
        target,
        &[("Cookie", browser.cookie.as_str())],
        "",
    )
}

/// Fills in the sign-in form as a new browser would.
pub fn try_sign_in(site: &Site, username: &str, password: &str, next: &str) -> Response {
    let browser = visit_login(site);
    let form = format!(
        "csrf_token={}&username={username}&password={}&next={next}",
        browser.csrf,
        password.replace(' ', "+")
    );
    post(site, &browser, "/login", &form)
}

/// Signs in as `role`'s account; the browser then holds its session and
/// the CSRF token of its pages.
pub fn sign_in(site: &Site, role: Role) -> Browser {
    let response = try_sign_in(site, role.name(), PASSWORD, "%2F");
    assert_eq!(response.status, 303, "{}", response.body);
    let session = set_cookie(&response, "moot_session").expect("a session cookie");
    let mut browser = Browser {
        cookie: cookie_value(session),
        csrf: String::new(),
    };
    let home = get_as(site, &browser, "/");
    browser.csrf = field_value(&home.body, "csrf_token");
    browser
}
