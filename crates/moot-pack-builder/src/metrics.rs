//! Helvetica's character widths, and text in its PDF encoding.
//!
//! Packs are set in Helvetica and Helvetica-Bold, two of the fourteen PDF
//! standard fonts: every reader has them, so nothing is embedded and
//! nothing is read from the system. Lines are wrapped with the fonts' real
//! widths, taken from the metric-compatible URW Nimbus Sans AFM files
//! compiled into the binary (`fonts/README.md` says where they come from).
//! Text is written in `WinAnsiEncoding` (Windows-1252), which covers
//! English and the accented letters, quotes, dashes, `£` and `€` that
//! council papers use; any other character is printed as `?`.

use std::collections::HashMap;
use std::sync::LazyLock;

/// The two faces a pack is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    /// Helvetica.
    Regular,
    /// Helvetica-Bold.
    Bold,
}

impl Face {
    /// The standard font's PostScript name.
    pub(crate) fn base_font(self) -> &'static str {
        match self {
            Face::Regular => "Helvetica",
            Face::Bold => "Helvetica-Bold",
        }
    }

    /// The width of encoded text at `size` points.
    pub(crate) fn width(self, encoded: &[u8], size: f32) -> f32 {
        let widths = match self {
            Face::Regular => &*REGULAR,
            Face::Bold => &*BOLD,
        };
        let units: u32 = encoded
            .iter()
            .map(|&b| u32::from(widths[usize::from(b)]))
            .sum();
        units as f32 * size / 1000.0
    }
}

/// Width in thousandths of an em of each `WinAnsiEncoding` code.
type Widths = [u16; 256];

static REGULAR: LazyLock<Widths> =
    LazyLock::new(|| widths(include_str!("../fonts/NimbusSans-Regular.afm")));
static BOLD: LazyLock<Widths> =
    LazyLock::new(|| widths(include_str!("../fonts/NimbusSans-Bold.afm")));

/// Glyph names of codes 0x80 to 0xFF in `WinAnsiEncoding` (PDF 1.7,
/// Annex D); `-` where the code is unused.
const UPPER_HALF: &str = "Euro - quotesinglbase florin quotedblbase ellipsis dagger daggerdbl \
    circumflex perthousand Scaron guilsinglleft OE - Zcaron - - quoteleft quoteright quotedblleft \
    quotedblright bullet endash emdash tilde trademark scaron guilsinglright oe - zcaron Ydieresis \
    space exclamdown cent sterling currency yen brokenbar section dieresis copyright ordfeminine \
    guillemotleft logicalnot hyphen registered macron degree plusminus twosuperior threesuperior \
    acute mu paragraph periodcentered cedilla onesuperior ordmasculine guillemotright onequarter \
    onehalf threequarters questiondown Agrave Aacute Acircumflex Atilde Adieresis Aring AE Ccedilla \
    Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex Idieresis Eth Ntilde Ograve Oacute \
    Ocircumflex Otilde Odieresis multiply Oslash Ugrave Uacute Ucircumflex Udieresis Yacute Thorn \
    germandbls agrave aacute acircumflex atilde adieresis aring ae ccedilla egrave eacute \
    ecircumflex edieresis igrave iacute icircumflex idieresis eth ntilde ograve oacute ocircumflex \
    otilde odieresis divide oslash ugrave uacute ucircumflex udieresis yacute thorn ydieresis";

/// Reads an AFM file's `C code ; WX width ; N name ;` lines into widths by
/// `WinAnsiEncoding` code. The AFM codes are Adobe's standard encoding,
/// which agrees with ASCII except for the two quotes; the rest go by name.
fn widths(afm: &str) -> Widths {
    let mut by_code: HashMap<u8, u16> = HashMap::new();
    let mut by_name: HashMap<&str, u16> = HashMap::new();
    for line in afm.lines().filter(|l| l.starts_with("C ")) {
        let fields: Vec<&str> = line.split(';').map(str::trim).collect();
        let field = |key: &str| {
            fields
                .iter()
                .find_map(|f| f.strip_prefix(key).map(str::trim))
        };
        let (Some(code), Some(width), Some(name)) = (field("C "), field("WX "), field("N ")) else {
            continue;
        };
        let Ok(width) = width.parse::<u16>() else {
            continue;
        };
        if let Ok(code) = code.parse::<u8>() {
            by_code.insert(code, width);
        }
        by_name.insert(name, width);
    }
    let mut table = [0; 256];
    for code in 0x20..=0x7e_u8 {
        let width = match code {
            b'\'' => by_name.get("quotesingle"),
            b'`' => by_name.get("grave"),
            _ => by_code.get(&code),
        };
        table[usize::from(code)] = width.copied().unwrap_or(0);
    }
    for (offset, name) in UPPER_HALF.split_whitespace().enumerate() {
        table[0x80 + offset] = by_name.get(name).copied().unwrap_or(0);
    }
    table
}

/// Text in `WinAnsiEncoding`: tabs and line breaks become spaces, other
/// control characters go, and characters the encoding lacks become `?`.
pub(crate) fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut buffer = [0u8; 4];
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(b' '),
            c if c.is_control() => {}
            c => out.push(encode_char(c.encode_utf8(&mut buffer))),
        }
    }
    out
}

fn encode_char(c: &str) -> u8 {
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c);
    match (unmappable, bytes.as_ref()) {
        (false, [byte]) if REGULAR[usize::from(*byte)] > 0 => *byte,
        _ => b'?',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_helveticas() {
        // Adobe's Helvetica AFM: space 278, A 667, a 556, W 944; bold A 722.
        assert_eq!(Face::Regular.width(b" Aa", 1000.0), 278.0 + 667.0 + 556.0);
        assert_eq!(Face::Regular.width(b"W", 10.0), 9.44);
        assert_eq!(Face::Bold.width(b"A", 1000.0), 722.0);
        assert_eq!(Face::Regular.width(&encode("'"), 1000.0), 191.0);
    }

    #[test]
    fn typographic_characters_are_encoded_and_others_become_question_marks() {
        assert_eq!(encode("£5 – ‘é’"), b"\xa35 \x96 \x91\xe9\x92");
        assert_eq!(encode("a\tb\u{7}c 漢"), b"a bc ?");
        assert!(Face::Regular.width(&encode("€…"), 10.0) > 0.0);
    }
}
