//! Printed figures: "85.7%", "9,287", "-1", "£2.5", "+153". Packs print
//! results, targets and thresholds with thousands separators, signs, units
//! and footnote marks; rules need the number.

/// A number read from a printed figure, with whether it was a percentage.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// The number (85.7 for "85.7%").
    pub value: f64,
    /// Printed with a `%`.
    pub percent: bool,
}

impl Figure {
    /// Reads the first number in `text`, or `None` when there is none (or
    /// the text holds more than one, as in "5% to 10%", which is a range,
    /// not a figure).
    pub fn parse(text: &str) -> Option<Figure> {
        let mut numbers = numbers(text);
        let first = numbers.next()?;
        numbers.next().is_none().then_some(first)
    }
}

/// Every number in `text`, in order: digits with optional thousands commas
/// and one decimal point, a leading `-`, `+` or `−` sign, a trailing `%`.
pub fn numbers(text: &str) -> impl Iterator<Item = Figure> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let start = at;
            if !bytes[at].is_ascii_digit() && !starts_decimal(bytes, at) {
                at += 1;
                continue;
            }
            let (figure, end) = number_at(text, start);
            at = end;
            return Some(figure);
        }
        None
    })
}

fn starts_decimal(bytes: &[u8], at: usize) -> bool {
    bytes[at] == b'.' && bytes.get(at + 1).is_some_and(u8::is_ascii_digit)
}

/// The number starting at `start` (a digit or a decimal point) and where
/// it ends.
fn number_at(text: &str, start: usize) -> (Figure, usize) {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut digits = String::new();
    while end < bytes.len() {
        let b = bytes[end];
        let thousands = b == b','
            && bytes
                .get(end + 1..end + 4)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
            && !bytes.get(end + 4).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || (b == b'.' && !digits.contains('.')) {
            digits.push(char::from(b));
        } else if !thousands {
            break;
        }
        end += 1;
    }
    let digits = digits.trim_end_matches('.');
    let negative = text[..start].trim_end_matches('£').ends_with(['-', '−']);
    let value = digits.parse::<f64>().unwrap_or(0.0);
    let percent = text[end..].trim_start().starts_with('%');
    let figure = Figure {
        value: if negative { -value } else { value },
        percent,
    };
    (figure, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<f64> {
        Figure::parse(text).map(|f| f.value)
    }

    #[test]
    fn figures_lose_separators_signs_and_units() {
        assert_eq!(value("85.7%"), Some(85.7));
        assert!(Figure::parse("85.7%").unwrap().percent);
        assert_eq!(value("9,287"), Some(9287.0));
        assert_eq!(value("+153"), Some(153.0));
        assert_eq!(value("-1"), Some(-1.0));
        assert_eq!(value("−5"), Some(-5.0));
        assert_eq!(value("£2.5m"), Some(2.5));
        assert_eq!(value(".5"), Some(0.5));
        assert_eq!(value("12."), Some(12.0));
    }

    #[test]
    fn text_without_one_number_is_no_figure() {
        assert_eq!(value(""), None);
        assert_eq!(value("n/a"), None);
        assert_eq!(value("5% to 10%"), None);
    }

    #[test]
    fn a_comma_between_numbers_is_not_a_thousands_separator() {
        let all: Vec<f64> = numbers("2,5 and 1,2345").map(|f| f.value).collect();
        assert_eq!(all, [2.0, 5.0, 1.0, 2345.0]);
    }
}
