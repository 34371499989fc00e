//! Which address a request comes from, behind a reverse proxy.
//!
//! The sign-in rate limit counts failures per client address. Behind a
//! proxy every connection comes from the proxy, so with
//! `--trusted-proxy ADDR` (an address or a network such as `10.0.0.0/8`)
//! a request whose connection comes from a trusted proxy is counted
//! against the address its `X-Forwarded-For` header names: the
//! right-most one that is not itself a trusted proxy (each proxy appends
//! the address it was reached from, so everything to the left of that
//! can be forged by the client). A request from any other peer is
//! counted against the peer: its `X-Forwarded-For` is never read.

use axum::http::HeaderMap;
use std::net::IpAddr;

/// The header proxies name the client in.
const FORWARDED_FOR: &str = "x-forwarded-for";

/// One trusted proxy: an address, or a network in CIDR form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedProxy {
    network: IpAddr,
    prefix: u8,
}

impl TrustedProxy {
    /// Reads `192.0.2.1`, `2001:db8::1` or `10.0.0.0/8`.
    pub fn parse(text: &str) -> Result<TrustedProxy, String> {
        let text = text.trim();
        let refused =
            || format!("{text:?} is not an IP address or network (e.g. 10.0.0.1 or 10.0.0.0/8)");
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let network: IpAddr = address.parse().map_err(|_| refused())?;
        let most = if network.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= most)
                .ok_or_else(refused)?,
            None => most,
        };
        Ok(TrustedProxy { network, prefix })
    }

    /// Reads a list of proxies separated by commas (or spaces).
    pub fn parse_list(text: &str) -> Result<Vec<TrustedProxy>, String> {
        text.split([',', ' '])
            .filter(|t| !t.trim().is_empty())
            .map(TrustedProxy::parse)
            .collect()
    }

    /// Whether `ip` is this proxy (or in its network).
    pub fn holds(&self, ip: IpAddr) -> bool {
        let ip = canonical(ip);
        match (self.network, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                masked(u128::from(u32::from(net)), 32, self.prefix)
                    == masked(u128::from(u32::from(ip)), 32, self.prefix)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                masked(u128::from(net), 128, self.prefix)
                    == masked(u128::from(ip), 128, self.prefix)
            }
            _ => false,
        }
    }
}

/// `bits` wide `value` with all but its first `prefix` bits cleared.
fn masked(value: u128, bits: u8, prefix: u8) -> u128 {
    let cleared = u32::from(bits - prefix.min(bits));
    value.checked_shr(cleared).unwrap_or(0)
}

/// An IPv4 address mapped into IPv6 (a dual-stack socket's form) as the
/// IPv4 address it is.
fn canonical(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// The address the request from `peer` is counted against (see the
/// module docs).
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[TrustedProxy]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|t| t.holds(ip));
    if !is_trusted(peer) {
        return canonical(peer);
    }
    let hops: Vec<&str> = headers
        .get_all(FORWARDED_FOR)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let mut client = canonical(peer);
    for hop in hops.iter().rev() {
        let Some(ip) = hop_address(hop) else {
            // Not an address: whoever wrote it is not to be believed
            // further; the last proxy that was is the client.
            return client;
        };
        client = canonical(ip);
        if !is_trusted(ip) {
            break;
        }
    }
    client
}

/// One `X-Forwarded-For` entry: an address, maybe with a port.
fn hop_address(hop: &str) -> Option<IpAddr> {
    hop.parse::<IpAddr>()
        .ok()
        .or_else(|| hop.parse::<std::net::SocketAddr>().ok().map(|s| s.ip()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append(FORWARDED_FOR, HeaderValue::from_str(v).unwrap());
        }
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_forwards() {
        let trusted = TrustedProxy::parse_list("10.0.0.1").unwrap();
        let headers = forwarded(&["198.51.100.9"]);
        assert_eq!(
            client_address(ip("203.0.113.5"), &headers, &trusted),
            ip("203.0.113.5")
        );
        assert_eq!(
            client_address(ip("203.0.113.5"), &headers, &[]),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_hop_is_the_client() {
        let trusted = TrustedProxy::parse_list("10.0.0.0/8, 192.0.2.1").unwrap();
        let headers = forwarded(&["1.1.1.1, 198.51.100.9", "10.1.2.3"]);
        assert_eq!(
            client_address(ip("192.0.2.1"), &headers, &trusted),
            ip("198.51.100.9")
        );
        let with_port = forwarded(&["198.51.100.9:4711"]);
        assert_eq!(
            client_address(ip("10.0.0.7"), &with_port, &trusted),
            ip("198.51.100.9")
        );
        let none = HeaderMap::new();
        assert_eq!(
            client_address(ip("10.0.0.7"), &none, &trusted),
            ip("10.0.0.7")
        );
        let junk = forwarded(&["1.1.1.1, junk, 10.0.0.9"]);
        assert_eq!(
            client_address(ip("10.0.0.7"), &junk, &trusted),
            ip("10.0.0.9")
        );
        let mapped = ip("::ffff:10.0.0.7");
        assert_eq!(
            client_address(mapped, &forwarded(&["198.51.100.9"]), &trusted),
            ip("198.51.100.9")
        );
    }

    #[test]
    fn proxies_are_addresses_or_networks() {
        assert!(TrustedProxy::parse("10.0.0.0/8")
            .unwrap()
            .holds(ip("10.200.0.1")));
        assert!(!TrustedProxy::parse("10.0.0.0/8")
            .unwrap()
            .holds(ip("11.0.0.1")));
        assert!(TrustedProxy::parse("2001:db8::/32")
            .unwrap()
            .holds(ip("2001:db8::5")));
        assert!(TrustedProxy::parse("0.0.0.0/0")
            .unwrap()
            .holds(ip("8.8.8.8")));
        for bad in ["", "10.0.0.0/33", "proxy.example", "10.0.0.1/x"] {
            assert!(TrustedProxy::parse(bad).is_err(), "{bad:?}");
        }
    }
}
