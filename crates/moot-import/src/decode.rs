//! Bytes to text.
//!
//! Packs arrive as UTF-8 (with or without a byte-order mark), as UTF-16 with
//! a byte-order mark, or as Windows-1252 from older converters. Anything that
//! is valid UTF-8 is taken as UTF-8; otherwise, text whose bytes fit
//! Windows-1252 is decoded as that. Files that are empty, or that look binary
//! (NUL bytes, many control characters), are refused with a reason.

use std::fmt;

/// Why some bytes were not taken as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// No bytes, or only whitespace.
    Empty,
    /// The bytes look like a binary file, not text.
    Binary {
        /// Byte offset of the first tell-tale byte.
        offset: usize,
    },
    /// The bytes are neither UTF-8 nor Windows-1252 text.
    UnknownEncoding {
        /// Byte offset of the first byte that fits neither.
        offset: usize,
    },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::Binary { offset } => write!(
                f,
                "the file looks binary, not text (control byte at offset {offset})"
            ),
            DecodeError::UnknownEncoding { offset } => write!(
                f,
                "the text is neither UTF-8 nor Windows-1252 (bad byte at offset {offset})"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes a pack's bytes to text.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
        return check_text(text.into_owned());
    }
    if let Some(offset) = binary_offset(bytes) {
        return Err(DecodeError::Binary { offset });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => check_text(text.to_owned()),
        Err(_) => decode_windows_1252(bytes).and_then(check_text),
    }
}

fn check_text(text: String) -> Result<String, DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some(offset) = binary_offset(text.as_bytes()) {
        return Err(DecodeError::Binary { offset });
    }
    Ok(text)
}

/// The offset of a NUL byte, or of the control byte that tips the balance
/// when more than one byte in a hundred is a C0 control other than tab, line
/// feed, carriage return or form feed.
fn binary_offset(bytes: &[u8]) -> Option<usize> {
    let is_control = |b: u8| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c);
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Some(offset);
    }
    let controls = bytes.iter().filter(|&&b| is_control(b)).count();
    if controls * 100 > bytes.len() {
        return bytes.iter().position(|&b| is_control(b));
    }
    None
}

/// Windows-1252 leaves five bytes undefined; a file using them is not
/// Windows-1252 either.
fn decode_windows_1252(bytes: &[u8]) -> Result<String, DecodeError> {
    const UNDEFINED: [u8; 5] = [0x81, 0x8d, 0x8f, 0x90, 0x9d];
    if let Some(offset) = bytes.iter().position(|b| UNDEFINED.contains(b)) {
        return Err(DecodeError::UnknownEncoding { offset });
    }
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_taken_as_is() {
        assert_eq!(decode("Agenda – 2013".as_bytes()).unwrap(), "Agenda – 2013");
    }

    #[test]
    fn utf8_byte_order_mark_is_dropped() {
        assert_eq!(decode(b"\xef\xbb\xbfAgenda").unwrap(), "Agenda");
    }

    #[test]
    fn windows_1252_is_detected_and_decoded() {
        // "Children’s – £5" in Windows-1252.
        let bytes = b"Children\x92s \x96 \xa35";
        assert_eq!(decode(bytes).unwrap(), "Children\u{2019}s \u{2013} \u{a3}5");
    }

    #[test]
    fn utf16_with_byte_order_mark_is_decoded() {
        let bytes = b"\xff\xfeA\x00g\x00";
        assert_eq!(decode(bytes).unwrap(), "Ag");
    }

    #[test]
    fn empty_and_blank_files_are_refused() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\r\n\t"), Err(DecodeError::Empty));
    }

    #[test]
    fn binary_files_are_refused() {
        assert_eq!(
            decode(b"%PDF\x00\x01\x02"),
            Err(DecodeError::Binary { offset: 4 })
        );
        let noisy: Vec<u8> = (0..200u8)
            .map(|i| if i % 10 == 0 { 1 } else { b'a' })
            .collect();
        assert!(matches!(decode(&noisy), Err(DecodeError::Binary { .. })));
    }

    #[test]
    fn bytes_that_fit_no_encoding_are_refused() {
        assert_eq!(
            decode(b"abc\x81def"),
            Err(DecodeError::UnknownEncoding { offset: 3 })
        );
    }
}
