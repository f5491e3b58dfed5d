//! Numbers as French news writes them: digits with French, Swiss or English
//! grouping ([`digits`]), spelled-out numbers ([`words`]) and scale words or
//! abbreviations ([`scale`]), read in place from the original text.
//!
//! [`read_quantity`] is the entry point the figure grammar uses: from a byte
//! position it reads digits or number words, then an optional scale
//! (« 26,3 milliards », « vingt-six millions », « 4,2 Mds »).
//!
//! ```
//! use depeche::number::read_quantity;
//! let q = read_quantity("26,3 milliards de dollars", 0, true).unwrap();
//! assert_eq!(q.value.to_string(), "26300000000.0");
//! assert_eq!(q.end, "26,3 milliards".len());
//! ```

pub mod digits;
pub mod ordinal;
pub mod scale;
pub mod words;

use rust_decimal::Decimal;

/// Horizontal spaces accepted between the parts of a figure: space, tab,
/// no-break space U+00A0, narrow no-break space U+202F, thin space U+2009.
pub fn is_hspace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

/// Skips horizontal spaces from byte `i`; returns the first non-space byte index.
pub fn skip_hspace(text: &str, i: usize) -> usize {
    // Only the space and the tab are ASCII spaces.
    crate::text::chars::run_end(text, i, |b| b == b' ' || b == b'\t', is_hspace)
}

/// Calls `f` with the lowercase form of `w` (as `str::to_lowercase` gives
/// it), without allocating for a short ASCII word: the hot paths lowercase
/// one word per figure to compare it with a list.
pub(crate) fn with_lowercase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    const N: usize = 64;
    // Most words are lowercase already.
    if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
        return f(w);
    }
    if w.len() <= N && w.is_ascii() {
        let mut buf = [0u8; N];
        buf[..w.len()].copy_from_slice(w.as_bytes());
        buf.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(&buf[..w.len()]) {
            return f(lower);
        }
    }
    // Latin letters and symbols lowercased without the Unicode tables.
    if w.len() <= N {
        let mut buf = [0u8; N];
        let mut n = 0;
        for c in w.chars() {
            let Some(l) = simple_lowercase(c) else { return f(&w.to_lowercase()) };
            // Latin-1 keeps its UTF-8 length lowercased: it fits.
            n += l.encode_utf8(&mut buf[n..]).len();
        }
        if let Ok(lower) = std::str::from_utf8(&buf[..n]) {
            return f(lower);
        }
    }
    f(&w.to_lowercase())
}

/// The lowercase of `c` when it is itself one character and known without
/// the Unicode tables: Latin-1 (U+0080 to U+00FF) and the currency symbols
/// (U+20A0 to U+20CF, no case). `None`: ask `char::to_lowercase`.
pub(crate) fn simple_lowercase(c: char) -> Option<char> {
    match u32::from(c) {
        0..=0x7F => Some(c.to_ascii_lowercase()),
        // À to Þ but « × »: their lowercase is 0x20 further.
        0xC0..=0xDE if c != '×' => char::from_u32(u32::from(c) + 0x20),
        0x80..=0xFF | 0x20A0..=0x20CF => Some(c),
        _ => None,
    }
}

/// Skips horizontal spaces backwards from byte `i` (exclusive end).
pub fn skip_hspace_back(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while i > 0 {
        let byte = b[i - 1];
        // ASCII fast path, as in `skip_hspace`.
        if byte < 0x80 {
            if byte != b' ' && byte != b'\t' {
                break;
            }
            i -= 1;
            continue;
        }
        match text[..i].chars().next_back() {
            Some(c) if is_hspace(c) => i -= c.len_utf8(),
            _ => break,
        }
    }
    i
}

pub(crate) use crate::text::chars::{char_at, char_before};

/// A number read from the text, with its scale applied.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte (scale included).
    pub end: usize,
    /// The exact value, scale applied (« 26,3 milliards » → 26300000000).
    pub value: Decimal,
    /// The power of ten of the scale word or abbreviation (0 when none).
    pub scale: u32,
    /// The scale was an abbreviation (« M », « Mds », « k »): only valid
    /// next to a currency.
    pub abbreviation: bool,
    /// Written with words (« vingt-six »).
    pub spelled: bool,
    /// Only the word « un » / « une », which is usually an article.
    pub article_only: bool,
    /// An approximate noun (« une quinzaine », « une centaine »).
    pub approx: bool,
    /// Plain digits without separator nor decimals (« 2025 »).
    pub plain_int: bool,
    /// The scale was preceded by « de » (« une dizaine de millions »).
    pub scale_after_de: bool,
    /// Letters are glued to the digits (« 10US$ », « 5G »): valid only if
    /// they start a currency code or symbol.
    pub glued: bool,
}

/// Reads a quantity starting exactly at byte `start` (a digit or the first
/// letter of a number word). `abbreviations` allows « k », « M », « Md »...
/// after digits (the caller checks a currency follows).
pub fn read_quantity(text: &str, start: usize, abbreviations: bool) -> Option<Quantity> {
    let first = char_at(text, start)?;
    if first.is_ascii_digit() {
        let d = digits::parse_digits(text, start)?;
        let mut q = Quantity {
            start,
            end: d.end,
            value: d.value,
            scale: 0,
            abbreviation: false,
            spelled: false,
            article_only: false,
            approx: false,
            plain_int: d.plain,
            scale_after_de: false,
            glued: false,
        };
        if let Some((power, end, abbr)) = scale::read_scale_after(text, d.end, abbreviations) {
            q.value = scale::apply(q.value, power)?;
            q.scale = power;
            q.end = end;
            q.abbreviation = abbr;
            q.plain_int = false;
            if !abbr && let Some(e) = scale::et_demi(text, end) {
                q.value += scale::apply(Decimal::new(5, 1), power)?;
                q.end = e;
            }
        } else if d.letter_follows {
            q.glued = true;
        }
        Some(q)
    } else {
        words::read_spelled(text, start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_lowercase_agrees_with_unicode() {
        for c in '\0'..='\u{3000}' {
            if let Some(l) = simple_lowercase(c) {
                assert_eq!(c.to_lowercase().collect::<String>(), l.to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn lowercase_words() {
        for w in ["Été", "à", "À", "ÉTATS", "Zéro", "Straße", "ΣΑΣ", "İl", "x€y", "ÿ"] {
            assert_eq!(with_lowercase(w, str::to_string), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn characters_around_a_byte() {
        let s = "a’é 1";
        assert_eq!(char_before(s, 0), None);
        assert_eq!(char_before(s, 1), Some('a'));
        assert_eq!(char_before(s, 4), Some('’'));
        assert_eq!(char_at(s, 4), Some('é'));
        assert_eq!(char_at(s, s.len()), None);
        assert_eq!(skip_hspace("a \u{a0}\u{202f}b", 1), 7);
        assert_eq!(skip_hspace_back("a \u{a0}\u{202f}b", 7), 1);
    }
}
