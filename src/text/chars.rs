//! Character classes on the hot paths of every extractor.
//!
//! `char::is_alphabetic` and `char::is_alphanumeric` search Unicode tables
//! for every character outside ASCII; French text is ASCII, Latin-1 and the
//! Latin letters around them, answered here by ranges. The names tokenizer,
//! the gazetteer and the figure grammar all ask through this module.

/// `char::is_alphabetic`, answered without the Unicode tables for ASCII,
/// Latin-1 (« « », « » », no-break space...), the Latin letters of French
/// (U+00C0 to U+024F, all letters but « × » and « ÷ »), the general
/// punctuation (U+2000 to U+206F) and the currency symbols (U+20A0 to
/// U+20CF), none letters: the tables cost a binary search per character.
pub fn is_alpha(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_alphabetic(),
        0x80..=0xBF => matches!(c, 'ª' | 'µ' | 'º'),
        0xC0..=0x24F => c != '×' && c != '÷',
        0x2000..=0x206F | 0x20A0..=0x20CF => false,
        _ => c.is_alphabetic(),
    }
}

/// `char::is_alphanumeric`, with the fast paths of [`is_alpha`].
pub fn is_alnum(c: char) -> bool {
    match u32::from(c) {
        0..=0x7F => c.is_ascii_alphanumeric(),
        0x80..=0xBF => matches!(c, 'ª' | 'µ' | 'º' | '²' | '³' | '¹' | '¼' | '½' | '¾'),
        0xC0..=0x24F => c != '×' && c != '÷',
        0x2000..=0x206F | 0x20A0..=0x20CF => false,
        _ => c.is_alphanumeric(),
    }
}

/// The ASCII letters and digits, by byte: one load instead of three tests
/// in the loops over every byte of an article.
pub const ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The end of the run of letters and digits starting at byte `i` of `text`
/// (a character boundary).
pub fn alnum_end(text: &str, mut i: usize) -> usize {
    let b = text.as_bytes();
    while let Some(&byte) = b.get(i) {
        if ASCII_ALNUM[usize::from(byte)] {
            i += 1;
            continue;
        }
        if byte < 0x80 {
            break;
        }
        match text[i..].chars().next() {
            Some(c) if is_alnum(c) => i += c.len_utf8(),
            _ => break,
        }
    }
    i
}

/// The character starting at byte `i` (ASCII decoded directly).
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        None => None,
        Some(&byte) if byte < 0x80 => Some(byte as char),
        Some(_) => text[i..].chars().next(),
    }
}

/// The character ending just before byte `i`, decoded without walking the
/// string when it is ASCII (the common case).
pub(crate) fn char_before(text: &str, i: usize) -> Option<char> {
    match i.checked_sub(1).map(|k| text.as_bytes()[k]) {
        None => None,
        Some(byte) if byte < 0x80 => Some(byte as char),
        Some(_) => text[..i].chars().next_back(),
    }
}

/// The end of the run of letters starting at byte `i`.
pub fn alpha_end(text: &str, i: usize) -> usize {
    run_end(text, i, |b| b.is_ascii_alphabetic(), is_alpha)
}

/// The end of the run of characters starting at byte `i` that `ascii`
/// accepts (for an ASCII byte, without decoding) or `wide` accepts (for any
/// other character, decoded).
pub fn run_end(text: &str, i: usize, ascii: impl Fn(u8) -> bool, wide: impl Fn(char) -> bool) -> usize {
    let b = text.as_bytes();
    let mut e = i;
    while let Some(&byte) = b.get(e) {
        if byte < 0x80 {
            if !ascii(byte) {
                break;
            }
            e += 1;
            continue;
        }
        match text[e..].chars().next() {
            Some(c) if wide(c) => e += c.len_utf8(),
            _ => break,
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fast_classes_agree_with_unicode() {
        for c in ('\0'..='\u{3000}').chain(['\u{1F600}', '\u{FFFD}']) {
            assert_eq!(is_alpha(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
            assert_eq!(ASCII_ALNUM[(u32::from(c) as usize).min(255)], c.is_ascii_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn alnum_runs() {
        // (text, start, end of the run)
        let cases = [
            ("Île-de-France", 0, 4),
            ("Île-de-France", 5, 7),
            ("x²+1", 0, 3),
            ("5\u{a0}%", 0, 1),
            ("", 0, 0),
            ("Ωmega!", 0, 6),
            ("abc", 3, 3),
        ];
        for (text, start, want) in cases {
            assert_eq!(alnum_end(text, start), want, "{text:?} from {start}");
        }
    }
}
