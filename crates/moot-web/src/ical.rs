//! A small iCalendar (RFC 5545) writer for the meeting calendars: just
//! what a published calendar of meetings needs (VCALENDAR, one VTIMEZONE,
//! VEVENTs), written carefully rather than pulling in a calendar library:
//! TEXT values are escaped (`\` `;` `,` and newlines), every content line
//! is folded at 75 octets without splitting a UTF-8 character, and lines
//! end in CRLF.

use moot_domain::{Date, Time};

/// Europe/London: GMT in winter, BST (UTC+1) from the last Sunday in
/// March to the last Sunday in October, the rules in force since 1996.
const EUROPE_LONDON: &str = "BEGIN:VTIMEZONE\r
TZID:Europe/London\r
BEGIN:DAYLIGHT\r
TZOFFSETFROM:+0000\r
TZOFFSETTO:+0100\r
TZNAME:BST\r
DTSTART:19960331T010000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
END:DAYLIGHT\r
BEGIN:STANDARD\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0000\r
TZNAME:GMT\r
DTSTART:19961027T020000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
END:STANDARD\r
END:VTIMEZONE\r
";

/// When an event starts: a whole day when no time is known, else a local
/// time in Europe/London.
#[derive(Debug, Clone, Copy)]
pub enum Start {
    /// A `DATE` value: the day only.
    Day(Date),
    /// A local date and time with `TZID=Europe/London`.
    London(Date, Time),
}

/// One VEVENT.
#[derive(Debug)]
pub struct Event<'a> {
    /// Stable across requests: `meeting-ID@host`.
    pub uid: &'a str,
    /// When the record was stored, as `YYYY-MM-DDTHH:MM:SSZ`.
    pub stamp: &'a str,
    /// When it starts.
    pub start: Start,
    /// The title.
    pub summary: &'a str,
    /// Where, if known.
    pub location: Option<&'a str>,
    /// The meeting's page.
    pub url: &'a str,
}

/// A calendar being written.
pub struct Calendar {
    out: String,
}

impl Calendar {
    /// Opens a calendar named `name`, with the Europe/London time zone
    /// that timed events refer to.
    pub fn new(prodid: &str, name: &str) -> Calendar {
        let mut calendar = Calendar { out: String::new() };
        calendar.line("BEGIN", "VCALENDAR");
        calendar.line("VERSION", "2.0");
        calendar.line("PRODID", prodid);
        calendar.line("CALSCALE", "GREGORIAN");
        calendar.line("METHOD", "PUBLISH");
        calendar.line("X-WR-CALNAME", &text(name));
        calendar.line("X-WR-TIMEZONE", "Europe/London");
        calendar.out.push_str(EUROPE_LONDON);
        calendar
    }

    /// Adds one event.
    pub fn event(&mut self, event: &Event<'_>) {
        self.line("BEGIN", "VEVENT");
        self.line("UID", &text(event.uid));
        self.line("DTSTAMP", &utc_stamp(event.stamp));
        match event.start {
            Start::Day(date) => self.line("DTSTART;VALUE=DATE", &day(date)),
            Start::London(date, time) => self.line(
                "DTSTART;TZID=Europe/London",
                &format!("{}T{:02}{:02}00", day(date), time.hour(), time.minute()),
            ),
        }
        self.line("SUMMARY", &text(event.summary));
        if let Some(location) = event.location {
            self.line("LOCATION", &text(location));
        }
        self.line("URL;VALUE=URI", event.url);
        self.line("END", "VEVENT");
    }

    /// Closes the calendar and gives its text.
    pub fn finish(mut self) -> String {
        self.line("END", "VCALENDAR");
        self.out
    }

    /// Writes `NAME:value` folded at 75 octets.
    fn line(&mut self, name: &str, value: &str) {
        fold(&format!("{name}:{value}"), &mut self.out);
    }
}

/// A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma,
/// and newlines as `\n`; other control characters are dropped.
pub fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` folded: no line longer than 75 octets before its CRLF,
/// continuation lines starting with one space (RFC 5545 3.1).
fn fold(line: &str, out: &mut String) {
    const LIMIT: usize = 75;
    let mut room = LIMIT;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > room {
            out.push_str("\r\n ");
            room = LIMIT - 1;
            used = 0;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// `YYYYMMDD`.
fn day(date: Date) -> String {
    format!("{:04}{:02}{:02}", date.year(), date.month(), date.day())
}

/// `2026-06-16T09:30:00Z` as `20260616T093000Z`.
fn utc_stamp(stamp: &str) -> String {
    stamp.chars().filter(char::is_ascii_alphanumeric).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_values_escape_backslash_semicolon_comma_and_newlines() {
        assert_eq!(
            text("Room 1, Hall; a\\b\r\nnext\nend"),
            "Room 1\\, Hall\\; a\\\\b\\nnext\\nend"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        let value = "é".repeat(100);
        fold(&format!("SUMMARY:{value}"), &mut out);
        let lines: Vec<&str> = out.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| l.len() <= 75), "{lines:?}");
        assert!(lines[1..].iter().all(|l| l.starts_with(' ')));
        let unfolded: String = lines
            .iter()
            .enumerate()
            .map(|(i, l)| if i == 0 { *l } else { &l[1..] })
            .collect();
        assert_eq!(unfolded, format!("SUMMARY:{value}"));
    }

    #[test]
    fn short_lines_are_not_folded() {
        let mut out = String::new();
        fold("VERSION:2.0", &mut out);
        assert_eq!(out, "VERSION:2.0\r\n");
    }

    #[test]
    fn events_give_a_day_or_a_london_time() {
        let date = Date::new(2026, 6, 16).unwrap();
        let mut calendar = Calendar::new("-//Moot//EN", "Board");
        for start in [
            Start::Day(date),
            Start::London(date, Time::new(14, 0).unwrap()),
        ] {
            calendar.event(&Event {
                uid: "meeting-1@example.org",
                stamp: "2026-12-01T16:44:00Z",
                start,
                summary: "Board",
                location: None,
                url: "http://example.org/meetings/1",
            });
        }
        let text = calendar.finish();
        assert!(text.contains("\r\nDTSTART;VALUE=DATE:20260616\r\n"));
        assert!(text.contains("\r\nDTSTART;TZID=Europe/London:20260616T140000\r\n"));
        assert!(text.contains("\r\nDTSTAMP:20261201T164400Z\r\n"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
    }
}
