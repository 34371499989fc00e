//! A small Atom (RFC 4287) writer for the feed of new minutes and
//! decisions: a handful of elements, with every text and attribute value
//! XML-escaped and characters XML 1.0 forbids dropped, so any title a pack
//! prints yields a well-formed feed.

/// The feed's own metadata.
#[derive(Debug)]
pub struct Feed<'a> {
    /// A permanent IRI naming the feed.
    pub id: &'a str,
    /// The title.
    pub title: &'a str,
    /// The newest entry's time (RFC 3339).
    pub updated: &'a str,
    /// The feed's own address (`rel="self"`).
    pub self_url: &'a str,
    /// The page the feed follows (`rel="alternate"`).
    pub site_url: &'a str,
}

/// One entry.
#[derive(Debug)]
pub struct Entry {
    /// A permanent IRI naming the entry.
    pub id: String,
    /// The title.
    pub title: String,
    /// When it was stored (RFC 3339).
    pub updated: String,
    /// The page it is about.
    pub link: String,
    /// A sentence about it.
    pub summary: String,
}

/// The whole feed document.
pub fn write(feed: &Feed<'_>, entries: &[Entry]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en-GB\">\n");
    element(&mut out, "  ", "id", feed.id);
    element(&mut out, "  ", "title", feed.title);
    element(&mut out, "  ", "updated", feed.updated);
    link(&mut out, "  ", "self", feed.self_url);
    link(&mut out, "  ", "alternate", feed.site_url);
    out.push_str("  <author><name>Moot</name></author>\n");
    for entry in entries {
        out.push_str("  <entry>\n");
        element(&mut out, "    ", "id", &entry.id);
        element(&mut out, "    ", "title", &entry.title);
        element(&mut out, "    ", "updated", &entry.updated);
        link(&mut out, "    ", "alternate", &entry.link);
        element(&mut out, "    ", "summary", &entry.summary);
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

fn element(out: &mut String, indent: &str, name: &str, value: &str) {
    out.push_str(&format!("{indent}<{name}>{}</{name}>\n", escape(value)));
}

fn link(out: &mut String, indent: &str, rel: &str, href: &str) {
    out.push_str(&format!(
        "{indent}<link rel=\"{rel}\" href=\"{}\"/>\n",
        escape(href)
    ));
}

/// Text safe in XML content and attribute values.
pub fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_forbidden_ones_dropped() {
        assert_eq!(
            escape("Fish & Chips <b>\"hot\"</b> 'now'\u{1}"),
            "Fish &amp; Chips &lt;b&gt;&quot;hot&quot;&lt;/b&gt; &apos;now&apos;"
        );
    }

    #[test]
    fn a_feed_names_itself_and_its_entries() {
        let feed = Feed {
            id: "http://example.org/feeds/minutes.atom",
            title: "New minutes & decisions",
            updated: "2026-12-01T16:44:00Z",
            self_url: "http://example.org/feeds/minutes.atom",
            site_url: "http://example.org/",
        };
        let entry = Entry {
            id: "http://example.org/meetings/1#minutes-1".into(),
            title: "Minutes".into(),
            updated: "2026-12-01T16:44:00Z".into(),
            link: "http://example.org/meetings/1".into(),
            summary: "Seven minutes.".into(),
        };
        let xml = write(&feed, &[entry]);
        assert!(xml.contains("<title>New minutes &amp; decisions</title>"));
        assert!(xml.contains("<link rel=\"self\" href=\"http://example.org/feeds/minutes.atom\"/>"));
        assert_eq!(xml.matches("<entry>").count(), 1);
    }
}
