//! The small word view the fact rules read: words, numbers and punctuation
//! of a stretch of text, with byte offsets, and case-folded comparison.
//! Apostrophes (`'`, `’`) and hyphens end a word (« l'an » → `l`, `'`, `an`).

use std::ops::Range;

/// One token: a word (letters, possibly with digits: « T4 », « 2e »), a
/// number (ASCII digits only) or one punctuation character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Only ASCII digits.
    pub digits: bool,
    /// Letters (and digits), not punctuation.
    pub word: bool,
}

impl Tok {
    /// The token's text.
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// Splits `text[range]` into tokens. White space (any Unicode space) separates
/// tokens and is not kept.
///
/// ```
/// use depeche::facts::words::tokens;
/// let text = "l’an dernier, T4 2024.";
/// let t: Vec<&str> = tokens(text, 0..text.len()).iter().map(|t| t.text(text)).collect();
/// assert_eq!(t, ["l", "’", "an", "dernier", ",", "T4", "2024", "."]);
/// ```
pub fn tokens(text: &str, range: Range<usize>) -> Vec<Tok> {
    let mut out = Vec::with_capacity((range.end - range.start) / 5);
    tokens_into(text, range, &mut out);
    out
}

/// The class of each byte: what [`tokens_into`] does with it.
const SPACE: u8 = 0;
const DIGIT: u8 = 1;
const ALPHA: u8 = 2;
const PUNCT: u8 = 3;
const HIGH: u8 = 4;
static CLASS: [u8; 256] = {
    let mut t = [PUNCT; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            HIGH
        } else if c.is_ascii_digit() {
            DIGIT
        } else if c.is_ascii_alphabetic() {
            ALPHA
        } else if c.is_ascii_whitespace() {
            SPACE
        } else {
            PUNCT
        };
        b += 1;
    }
    t
};

/// [`tokens`], appending to `out`.
pub fn tokens_into(text: &str, range: Range<usize>, out: &mut Vec<Tok>) {
    let bytes = text.as_bytes();
    let mut i = range.start;
    while i < range.end {
        let b = bytes[i];
        let class = CLASS[b as usize];
        if class == DIGIT || class == ALPHA || (class == HIGH && is_letter_at(text, i)) {
            let start = i;
            let mut digits = true;
            while i < range.end {
                let c = bytes[i];
                match CLASS[c as usize] {
                    DIGIT => i += 1,
                    ALPHA => {
                        digits = false;
                        i += 1;
                    }
                    HIGH if is_letter_at(text, i) => {
                        digits = false;
                        i += utf8_len(c);
                    }
                    _ => break,
                }
            }
            out.push(Tok { start, end: i, digits, word: true });
        } else if class == SPACE {
            i += 1;
        } else {
            let len = utf8_len(b);
            let is_space = class == HIGH && text[i..].chars().next().is_some_and(char::is_whitespace);
            if !is_space {
                out.push(Tok { start: i, end: i + len, digits: false, word: false });
            }
            i += len;
        }
    }
}

fn utf8_len(b: u8) -> usize {
    match b {
        0..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

fn is_letter_at(text: &str, i: usize) -> bool {
    // U+00C0..U+00FF (« é », « À »...): all letters but « × » and « ÷ ».
    let bytes = text.as_bytes();
    if bytes[i] == 0xc3
        && let Some(&next) = bytes.get(i + 1)
    {
        return next != 0x97 && next != 0xb7;
    }
    text[i..].chars().next().is_some_and(char::is_alphabetic)
}

/// True when `word` equals `lower` (a lowercase word) ignoring case.
///
/// ```
/// assert!(depeche::facts::words::eq_fold("Décembre", "décembre"));
/// assert!(depeche::facts::words::eq_fold("ÉTÉ", "été"));
/// assert!(!depeche::facts::words::eq_fold("mars", "mai"));
/// ```
pub fn eq_fold(word: &str, lower: &str) -> bool {
    if word.len() == lower.len() && word.eq_ignore_ascii_case(lower) {
        return true;
    }
    if word.is_ascii() {
        return false;
    }
    let mut a = word.chars().flat_map(char::to_lowercase);
    let mut b = lower.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x == y => {}
            _ => return false,
        }
    }
}

/// True when `tok` is a word equal to one of `words` (lowercase) ignoring case.
pub fn is_any(text: &str, tok: Option<&Tok>, words: &[&str]) -> bool {
    tok.is_some_and(|t| {
        let w = t.text(text);
        words.iter().any(|x| eq_fold(w, x))
    })
}

/// True for an apostrophe token.
pub fn is_apostrophe(text: &str, tok: Option<&Tok>) -> bool {
    tok.is_some_and(|t| matches!(t.text(text), "'" | "’" | "ʼ"))
}
