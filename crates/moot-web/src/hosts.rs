//! Which names the site answers to, and the address absolute links are
//! built from.
//!
//! Feeds and calendars need absolute addresses. With `--public-url` they
//! are built from it and the request's `Host` plays no part. Without it
//! they come from the `Host` the request named, so that header is checked
//! on every request against the allowed names (`--allowed-hosts`; by
//! default the listening address, the localhost forms and the public
//! URL's host): a request naming any other host is 400, so nobody can
//! make the site print links to a host of their choosing (or reach it
//! through a DNS name they control). When the site listens on every
//! address (`0.0.0.0` or `::`) any IP address is allowed by default too,
//! since the machine's own addresses are not known; names must be listed.
//! `*` in `--allowed-hosts` allows any name.

use std::net::{IpAddr, SocketAddr};

/// The address the public reaches the site at (`--public-url`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    /// `scheme://host[:port][/path]`, without a trailing slash.
    origin: String,
    /// The host, lower-cased, without port.
    host: String,
}

impl PublicUrl {
    /// Reads `http://` or `https://` followed by a host (an optional
    /// port and path), e.g. `https://moot.example.gov.uk/`.
    pub fn parse(url: &str) -> Result<PublicUrl, String> {
        let url = url.trim();
        let lower = url.to_ascii_lowercase();
        let rest = ["https://", "http://"]
            .iter()
            .find_map(|scheme| lower.starts_with(scheme).then(|| &url[scheme.len()..]))
            .ok_or_else(|| format!("the public URL {url:?} must start with https:// or http://"))?;
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let host = host_name(authority)
            .ok_or_else(|| format!("the public URL {url:?} does not name a host"))?;
        let path = rest[authority.len()..]
            .split(['?', '#'])
            .next()
            .unwrap_or("");
        let scheme = &url[..url.len() - rest.len()];
        Ok(PublicUrl {
            origin: format!(
                "{}{}{}",
                scheme.to_ascii_lowercase(),
                authority,
                path.trim_end_matches('/')
            ),
            host,
        })
    }

    /// Whether it is served over TLS.
    pub fn is_https(&self) -> bool {
        self.origin.starts_with("https://")
    }
}

/// Where absolute links point: the public URL, else the (already
/// checked) host of the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// `scheme://host[:port][/path]`, to which a path starting with `/`
    /// is added.
    pub base: String,
    /// The host name alone, for calendar UIDs.
    pub host: String,
}

impl Origin {
    /// The origin for a request that named `host` (a `Host` value): the
    /// public URL when there is one.
    pub fn of(public: Option<&PublicUrl>, host: Option<&str>) -> Origin {
        if let Some(public) = public {
            return Origin {
                base: public.origin.clone(),
                host: public.host.clone(),
            };
        }
        let host = host
            .filter(|h| host_name(h).is_some())
            .unwrap_or("localhost");
        Origin {
            base: format!("http://{host}"),
            host: host_name(host).unwrap_or_else(|| "localhost".to_owned()),
        }
    }
}

/// The host of a `Host` value (or URL authority), lower-cased, without
/// port and trailing dot; `None` for anything that is not a plain host.
pub fn host_name(value: &str) -> Option<String> {
    let value = value.trim();
    if value.is_empty()
        || value.len() > 255
        || !value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
    {
        return None;
    }
    let host = if value.starts_with('[') {
        let end = value.find(']')?;
        let port = &value[end + 1..];
        if !(port.is_empty() || is_port(port.strip_prefix(':')?)) {
            return None;
        }
        &value[..=end]
    } else {
        match value.split_once(':') {
            Some((host, port)) if is_port(port) => host,
            Some(_) => return None,
            None => value,
        }
    };
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    (!host.is_empty()).then_some(host)
}

fn is_port(text: &str) -> bool {
    !text.is_empty() && text.len() <= 5 && text.bytes().all(|b| b.is_ascii_digit())
}

/// The host names the site answers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AllowedHosts {
    names: Vec<String>,
    any_ip: bool,
    any: bool,
}

impl AllowedHosts {
    /// The names in `configured` (`--allowed-hosts`) when any are given,
    /// else the default: the localhost forms, the listening address
    /// (every IP when it is unspecified) and the public URL's host.
    pub fn new(
        configured: &[String],
        listening: Option<SocketAddr>,
        public: Option<&PublicUrl>,
    ) -> AllowedHosts {
        let mut names: Vec<String> = configured
            .iter()
            .filter_map(|name| match name.trim() {
                "*" => Some("*".to_owned()),
                other => host_name(other),
            })
            .collect();
        let any = names.iter().any(|n| n == "*");
        let mut any_ip = false;
        if configured.is_empty() {
            names.extend(["localhost", "127.0.0.1", "[::1]"].map(str::to_owned));
            if let Some(addr) = listening {
                if addr.ip().is_unspecified() {
                    any_ip = true;
                } else {
                    names.push(ip_host(addr.ip()));
                }
            }
        }
        names.extend(public.map(|p| p.host.clone()));
        AllowedHosts { names, any_ip, any }
    }

    /// Whether a request naming `host` (a `Host` value) is answered.
    pub fn allows(&self, host: &str) -> bool {
        if self.any {
            return true;
        }
        let Some(name) = host_name(host) else {
            return false;
        };
        self.names.contains(&name) || (self.any_ip && is_ip(&name))
    }
}

/// An IP address as a `Host` header writes it (IPv6 in brackets).
fn ip_host(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => format!("[{v6}]"),
    }
}

fn is_ip(name: &str) -> bool {
    let bare = name.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<IpAddr>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_lose_port_case_and_trailing_dot() {
        assert_eq!(
            host_name("Moot.Example.org.:8080").as_deref(),
            Some("moot.example.org")
        );
        assert_eq!(host_name("[::1]:80").as_deref(), Some("[::1]"));
        assert_eq!(host_name("127.0.0.1").as_deref(), Some("127.0.0.1"));
        for bad in ["", "a b", "a:b", "evil/x", "[::1]x", "a:123456"] {
            assert_eq!(host_name(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn by_default_the_listening_address_and_localhost_are_allowed() {
        let listening = "127.0.0.1:8080".parse().ok();
        let allowed = AllowedHosts::new(&[], listening, None);
        for good in [
            "127.0.0.1:8080",
            "localhost:8080",
            "LOCALHOST",
            "[::1]:8080",
        ] {
            assert!(allowed.allows(good), "{good}");
        }
        for bad in [
            "evil.example",
            "10.0.0.1:8080",
            "",
            "localhost.evil.example",
        ] {
            assert!(!allowed.allows(bad), "{bad}");
        }
    }

    #[test]
    fn listening_everywhere_allows_any_ip_but_no_other_name() {
        let allowed = AllowedHosts::new(&[], "0.0.0.0:80".parse().ok(), None);
        assert!(allowed.allows("192.0.2.7"));
        assert!(allowed.allows("[2001:db8::1]:80"));
        assert!(!allowed.allows("evil.example"));
    }

    #[test]
    fn configured_names_replace_the_defaults_and_the_public_host_is_added() {
        let public = PublicUrl::parse("https://Moot.Example.gov.uk/").unwrap();
        let allowed = AllowedHosts::new(
            &["intranet.example".to_owned()],
            "127.0.0.1:8080".parse().ok(),
            Some(&public),
        );
        assert!(allowed.allows("intranet.example:8080"));
        assert!(allowed.allows("moot.example.gov.uk"));
        assert!(!allowed.allows("127.0.0.1:8080"));
        assert!(AllowedHosts::new(&["*".to_owned()], None, None).allows("anything.example"));
    }

    #[test]
    fn a_public_url_gives_the_origin_whatever_the_request_named() {
        let public = PublicUrl::parse("https://moot.example.gov.uk/council/").unwrap();
        assert!(public.is_https());
        let origin = Origin::of(Some(&public), Some("evil.example"));
        assert_eq!(origin.base, "https://moot.example.gov.uk/council");
        assert_eq!(origin.host, "moot.example.gov.uk");
        let plain = Origin::of(None, Some("127.0.0.1:8080"));
        assert_eq!(plain.base, "http://127.0.0.1:8080");
        assert_eq!(plain.host, "127.0.0.1");
        for bad in ["ftp://x", "https://", "moot.example", "https://a b/"] {
            assert!(PublicUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
