//! A request's query string, decoded strictly: `+` is a space and `%`
//! must be followed by two hex digits, and the result must be UTF-8.
//! Anything else is refused, so a handler can answer 400 with a reason
//! rather than guess what a damaged address meant.

/// The `name=value` pairs of `query`, in order, decoded; `None` when any
/// part is not well-formed. Empty parts (`a=1&&b=2`) are skipped and a
/// name without `=` has an empty value.
pub fn pairs(query: &str) -> Option<Vec<(String, String)>> {
    query
        .split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            Some((decode(name)?, decode(value)?))
        })
        .collect()
}

/// `text` encoded for a query string: letters, digits and `-_.~` as
/// they are, spaces as `+`, every other byte as `%XX`.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(char::from(b));
            }
            b' ' => out.push('+'),
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

/// One percent-encoded component.
fn decode(text: &str) -> Option<String> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut rest = text.bytes();
    while let Some(b) = rest.next() {
        bytes.push(match b {
            b'+' => b' ',
            b'%' => {
                let high = hex(rest.next()?)?;
                let low = hex(rest.next()?)?;
                high << 4 | low
            }
            other => other,
        });
    }
    String::from_utf8(bytes).ok()
}

fn hex(digit: u8) -> Option<u8> {
    char::from(digit)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

#[cfg(test)]
mod tests {
    use super::{encode, pairs};

    #[test]
    fn well_formed_query_strings_decode() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            ("", &[]),
            ("q=public+health", &[("q", "public health")]),
            (
                "q=%22care%22&kind=minute",
                &[("q", "\"care\""), ("kind", "minute")],
            ),
            ("q=caf%C3%A9&&flag", &[("q", "café"), ("flag", "")]),
            ("q=a%2Bb%3D", &[("q", "a+b=")]),
        ];
        for (query, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect();
            assert_eq!(pairs(query), Some(expected), "{query}");
        }
    }

    #[test]
    fn encoded_text_decodes_to_itself() {
        for text in [
            "public health",
            "\"a phrase\" -not",
            "café & co=1+1",
            "100%",
        ] {
            let query = format!("q={}", encode(text));
            assert_eq!(
                pairs(&query),
                Some(vec![("q".into(), text.into())]),
                "{query}"
            );
        }
    }

    #[test]
    fn malformed_percent_encoding_is_refused() {
        for query in ["q=%", "q=%4", "q=%zz", "q=%FF", "q=%C3", "%G1=x"] {
            assert_eq!(pairs(query), None, "{query}");
        }
    }
}
