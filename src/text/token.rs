//! Tokens: words, numbers, French elisions and punctuation, with byte offsets.
//!
//! Tokenizing runs in two steps.
//!
//! 1. The text is cut into chunks at ASCII white space (UAX #29 always breaks
//!    there). A chunk made only of ASCII and of « simple » characters (Latin
//!    letters up to U+024F, Latin-1 punctuation, general punctuation such as
//!    `’ « » – — …`, no-break and thin spaces, currency signs) goes through a
//!    fast scanner that follows the UAX #29 word rules that matter for French:
//!    letters and digits join (`A380`, `2e`), `.` `:` `’` `'` `·` join letters
//!    (`lemonde.fr`, `aujourd’hui`), `,` `.` `;` `’` `'` join digits (`26,3`,
//!    `12.50`, `1'000`), `_` joins both. Any other chunk (combining marks,
//!    other scripts, emoji, invisible format characters) is segmented by
//!    `unicode-segmentation` (UAX #29) so its rules apply where they matter.
//! 2. A pass over the tokens splits French elisions (`l’`, `d’`, `qu’`,
//!    `jusqu’`, `lorsqu’`... with `’` or `'`), joins hyphenated words
//!    (`Jean-Pierre`, `porte-parole`) and joins numbers written with group
//!    spaces (`1 234 567,89` with U+0020, U+00A0, U+202F or U+2009).
//!
//! White space never makes a token; every other character belongs to exactly
//! one token.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters, possibly with digits (`A380`, `2e`), inner hyphens
    /// (`Jean-Pierre`) or inner apostrophes and points (`aujourd’hui`,
    /// `lemonde.fr`).
    Word,
    /// Digits, possibly with inner separators (`26,3`, `12.50`) and group
    /// spaces (`1 234 567`).
    Number,
    /// An elided determiner, pronoun or conjunction with its apostrophe
    /// (`l’`, `d'`, `qu’`, `jusqu’`, `lorsqu’`...).
    Elision,
    /// Punctuation or a symbol (one character, or one grapheme such as an emoji).
    Punct,
}

/// A token: a byte range of the original text and its kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The token's kind.
    pub kind: TokenKind,
}

impl Token {
    /// The byte range.
    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Splits `text` into tokens (white space is skipped).
///
/// ```
/// use depeche::text::{TokenKind, tokenize};
/// let text = "Jusqu’à 1\u{202f}234,5 millions d'euros pour Jean-Pierre.";
/// let tokens: Vec<(&str, TokenKind)> = tokenize(text).iter().map(|t| (&text[t.span()], t.kind)).collect();
/// assert_eq!(tokens[0], ("Jusqu’", TokenKind::Elision));
/// assert_eq!(tokens[1], ("à", TokenKind::Word));
/// assert_eq!(tokens[2], ("1\u{202f}234,5", TokenKind::Number));
/// assert_eq!(tokens[4], ("d'", TokenKind::Elision));
/// assert_eq!(tokens[7], ("Jean-Pierre", TokenKind::Word));
/// ```
pub fn tokenize(text: &str) -> Vec<Token> {
    tokenize_in(text, Vec::new())
}

/// [`tokenize`] into `out`'s memory (cleared first), reused from one text to the next.
pub(crate) fn tokenize_in(text: &str, mut out: Vec<Token>) -> Vec<Token> {
    out.clear();
    out.reserve(text.len() / 6 + 1);
    let bytes = text.as_bytes();
    let mut pos = 0;
    while pos < bytes.len() {
        let Some(bad) = scan_simple(text, pos, &mut out) else { break };
        // The chunk around the character the fast scanner leaves alone,
        // delimited by ASCII white space, goes to UAX #29 as a whole.
        let cs = bytes[..bad].iter().rposition(u8::is_ascii_whitespace).map_or(0, |k| k + 1).max(pos);
        let ce = bytes[bad..].iter().position(u8::is_ascii_whitespace).map_or(bytes.len(), |k| bad + k);
        while out.last().is_some_and(|t: &Token| t.start >= cs) {
            out.pop();
        }
        scan_uax29(&text[cs..ce], cs, &mut out);
        pos = ce;
    }
    post_process(text, out)
}

/// Characters the fast scanner handles (each is one grapheme, with no UAX #29
/// subtlety for French).
///
/// Left to UAX #29: the soft hyphen U+00AD and other format characters
/// (ignored inside words), combining marks, the connector punctuation
/// U+203F, U+2040, U+2054 (joins words), every other script and emoji.
fn is_simple(c: char) -> bool {
    let u = c as u32;
    (u < 0x250 && u != 0xAD)
        || (0x2000..=0x200A).contains(&u)
        || (0x2010..=0x2027).contains(&u)
        || ((0x202F..=0x205F).contains(&u) && !matches!(u, 0x203F | 0x2040 | 0x2054))
        || (0x20A0..=0x20CF).contains(&u)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Space,
    Other,
}

/// The class of a simple character (see [`is_simple`]), without Unicode
/// table look-ups: above ASCII, the letters are those of Latin-1
/// (but × and ÷) and Latin Extended-A and -B, plus ª µ º.
#[inline]
fn class(c: char) -> Class {
    let u = c as u32;
    if u < 0x80 {
        let b = u as u8;
        if b.is_ascii_alphabetic() {
            Class::Letter
        } else if b.is_ascii_digit() {
            Class::Digit
        } else if c.is_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    } else if (0xC0..0x250).contains(&u) && u != 0xD7 && u != 0xF7 || matches!(u, 0xAA | 0xB5 | 0xBA) {
        Class::Letter
    } else if matches!(u, 0x85 | 0xA0 | 0x2000..=0x200A | 0x2028 | 0x2029 | 0x202F | 0x205F) {
        Class::Space
    } else {
        Class::Other
    }
}

/// Joins letters on both sides (UAX #29 MidLetter and MidNumLet).
fn mid_letter(c: char) -> bool {
    matches!(c, '.' | ':' | '\'' | '’' | '·' | '‘' | '\u{2024}')
}

/// Joins digits on both sides (UAX #29 MidNum and MidNumLet).
fn mid_num(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | '\'' | '’' | '‘' | '\u{2024}')
}

/// The character at byte `i` of `s` and its length, with an ASCII fast path.
#[inline]
fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = s[i..].chars().next().unwrap_or('\u{fffd}');
        (c, c.len_utf8())
    }
}

/// The fast scanner, from byte `from` to the end of `text`: ASCII runs are
/// scanned byte by byte, other characters decoded one at a time. Stops at
/// the first character that is not simple and returns its offset.
fn scan_simple(text: &str, from: usize, out: &mut Vec<Token>) -> Option<usize> {
    let b = text.as_bytes();
    let n = b.len();
    let mut i = from;
    while i < n {
        if b[i] == b' ' {
            i += 1;
            continue;
        }
        let (c, len) = char_at(text, i);
        if len > 1 && !is_simple(c) {
            return Some(i);
        }
        let cls = class(c);
        match cls {
            Class::Space => i += len,
            Class::Other if c != '_' => {
                out.push(Token { start: i, end: i + len, kind: TokenKind::Punct });
                i += len;
            }
            _ => {
                let start = i;
                let mut j = i + len;
                let mut last = if c == '_' { Class::Other } else { cls };
                let mut only_digits = cls == Class::Digit;
                let mut has_alnum = c != '_';
                let mut has_apostrophe = false;
                loop {
                    // ASCII letters and digits.
                    while j < n && b[j].is_ascii_alphanumeric() {
                        if b[j] > b'9' {
                            only_digits = false;
                            last = Class::Letter;
                        } else {
                            last = Class::Digit;
                        }
                        has_alnum = true;
                        j += 1;
                    }
                    if j >= n {
                        break;
                    }
                    let (d, dl) = char_at(text, j);
                    if dl > 1 && !is_simple(d) {
                        break;
                    }
                    let cd = class(d);
                    if cd == Class::Letter || cd == Class::Digit || d == '_' {
                        only_digits &= cd == Class::Digit;
                        has_alnum |= d != '_';
                        last = if d == '_' { Class::Other } else { cd };
                        j += dl;
                        continue;
                    }
                    // A middle character joins when the same class is on both sides.
                    if j + dl >= n {
                        break;
                    }
                    let (e, el) = char_at(text, j + dl);
                    if el > 1 && !is_simple(e) {
                        break;
                    }
                    let ce = class(e);
                    let joins = (last == Class::Letter && ce == Class::Letter && mid_letter(d))
                        || (last == Class::Digit && ce == Class::Digit && mid_num(d));
                    if !joins {
                        break;
                    }
                    has_apostrophe |= d == '\'' || d == '’';
                    j += dl + el;
                    last = ce;
                }
                let kind = if only_digits {
                    TokenKind::Number
                } else if !has_alnum {
                    TokenKind::Punct
                } else {
                    TokenKind::Word
                };
                if has_apostrophe {
                    push_token(text, 0, start, j, kind, out);
                } else {
                    out.push(Token { start, end: j, kind });
                }
                i = j;
            }
        }
    }
    None
}

/// Pushes a token, splitting a leading elision off a word (`l’homme`).
#[inline]
fn push_token(chunk: &str, base: usize, start: usize, end: usize, kind: TokenKind, out: &mut Vec<Token>) {
    if kind == TokenKind::Word
        && let Some(p) = elision_prefix(&chunk[start..end])
    {
        out.push(Token { start: base + start, end: base + start + p, kind: TokenKind::Elision });
        if start + p < end {
            let rest = &chunk[start + p..end];
            let kind = if rest.as_bytes()[0].is_ascii_digit() && rest.chars().all(|c| c.is_ascii_digit() || mid_num(c))
            {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            out.push(Token { start: base + start + p, end: base + end, kind });
        }
        return;
    }
    out.push(Token { start: base + start, end: base + end, kind });
}

/// UAX #29 segmentation of a chunk with characters the fast scanner leaves
/// alone. Segments are further cut at white space: UAX #29 lets U+202F
/// (ExtendNumLet) join words, but a token never holds white space here (the
/// group-space pass joins numbers).
fn scan_uax29(chunk: &str, base: usize, out: &mut Vec<Token>) {
    for (i, w) in chunk.split_word_bound_indices() {
        let mut start = 0;
        for (k, c) in w.char_indices() {
            if c.is_whitespace() {
                if k > start {
                    push_uax_word(&w[start..k], base + i + start, out);
                }
                start = k + c.len_utf8();
            }
        }
        if start < w.len() {
            push_uax_word(&w[start..], base + i + start, out);
        }
    }
}

fn push_uax_word(w: &str, start: usize, out: &mut Vec<Token>) {
    let kind = if w.chars().next().is_some_and(|c| c.is_numeric())
        && w.chars().all(|c| c.is_numeric() || mid_num(c) || c.is_whitespace())
    {
        TokenKind::Number
    } else if w.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else {
        TokenKind::Punct
    };
    push_token(w, start, 0, w.len(), kind, out);
}

/// Elided forms, lowercase, without their apostrophe.
const ELISIONS: &[&str] = &["c", "ç", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "puisqu", "qu", "quoiqu", "s", "t"];

/// Whether `w` is an elided form without its apostrophe (`l`, `qu`, `Jusqu`...).
fn is_elided_form(w: &str) -> bool {
    w.len() <= 7 && (ELISIONS.iter().any(|e| e.eq_ignore_ascii_case(w)) || w == "Ç")
}

/// If `word` starts with an elided form and its apostrophe, the byte length
/// of that prefix.
fn elision_prefix(word: &str) -> Option<usize> {
    let b = word.as_bytes();
    let head = &b[..b.len().min(10)];
    let (apos, len) = match head.iter().position(|&x| x == b'\'' || x == 0xE2) {
        Some(k) if b[k] == b'\'' => (k, 1),
        Some(k) if b.get(k + 1) == Some(&0x80) && b.get(k + 2) == Some(&0x99) => (k, 3),
        _ => return None,
    };
    (apos > 0 && is_elided_form(&word[..apos])).then_some(apos + len)
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Bare elided forms glued to an apostrophe, hyphenated words and
/// group-spaced numbers, merged in place.
fn post_process(text: &str, mut toks: Vec<Token>) -> Vec<Token> {
    let mut w = 0; // tokens kept: toks[..w]
    let mut groupable = false;
    let mut k = 0;
    while k < toks.len() {
        let t = toks[k].clone();
        k += 1;
        if w > 0 {
            let prev = toks[w - 1].clone();
            let glued = prev.end == t.start;
            if glued && t.kind == TokenKind::Punct {
                let p = &text[t.span()];
                // « d’1,5 », « jusqu’ »: a bare elided form and its apostrophe.
                if prev.kind == TokenKind::Word && (p == "'" || p == "’") && is_elided_form(&text[prev.span()]) {
                    toks[w - 1].end = t.end;
                    toks[w - 1].kind = TokenKind::Elision;
                    groupable = false;
                    continue;
                }
                // Word - Word, glued.
                if prev.kind == TokenKind::Word
                    && (p == "-" || p == "\u{2011}")
                    && let Some(next) = toks.get(k)
                    && next.kind == TokenKind::Word
                    && next.start == t.end
                    && text[next.span()].chars().next().is_some_and(char::is_alphabetic)
                    && text[prev.span()].chars().next().is_some_and(char::is_alphabetic)
                {
                    let end = next.end;
                    toks[w - 1].end = end;
                    k += 1;
                    groupable = false;
                    continue;
                }
            }
            // 1 234 567,89
            if t.kind == TokenKind::Number && prev.kind == TokenKind::Number && groupable {
                let gap = &text[prev.end..t.start];
                let mut gap_chars = gap.chars();
                let one_space = gap_chars.next().is_some_and(is_group_space) && gap_chars.next().is_none();
                let s = text[t.span()].as_bytes();
                let digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
                let tail = s.get(digits).copied();
                if one_space && digits == 3 && matches!(tail, None | Some(b',') | Some(b'.')) {
                    toks[w - 1].end = t.end;
                    groupable = tail.is_none();
                    continue;
                }
            }
        }
        groupable = t.kind == TokenKind::Number
            && t.end - t.start <= 3
            && text.as_bytes()[t.start..t.end].iter().all(u8::is_ascii_digit);
        toks[w] = t;
        w += 1;
    }
    toks.truncate(w);
    toks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| &text[t.span()]).collect()
    }

    fn raw_fast(text: &str) -> Vec<Token> {
        let mut v = Vec::new();
        assert_eq!(scan_simple(text, 0, &mut v), None);
        post_process(text, v)
    }

    fn raw_uax(text: &str) -> Vec<Token> {
        let mut v = Vec::new();
        scan_uax29(text, 0, &mut v);
        post_process(text, v)
    }

    #[test]
    fn class_agrees_with_unicode_on_simple_characters() {
        for u in 0..0x2100u32 {
            let Some(c) = char::from_u32(u) else { continue };
            if !is_simple(c) {
                continue;
            }
            let expected = if c.is_ascii_digit() {
                Class::Digit
            } else if c.is_whitespace() {
                Class::Space
            } else if c.is_alphabetic() {
                Class::Letter
            } else {
                Class::Other
            };
            assert!(class(c) == expected, "class of U+{u:04X}");
        }
    }

    proptest::proptest! {
        /// The fast scanner agrees with UAX #29 on the characters it handles.
        #[test]
        fn fast_path_agrees_with_uax29(text in "[a-zA-Z0-9éÉàçœÆ'’.,;:_·‘«»%€$()\\-–—… \u{a0}\u{202f}\u{2009}×ªº]{0,40}") {
            proptest::prop_assert_eq!(raw_fast(&text), raw_uax(&text), "{:?}", text);
        }
    }

    #[test]
    fn elisions_and_numbers() {
        assert_eq!(toks("l’homme d'affaires"), ["l’", "homme", "d'", "affaires"]);
        assert_eq!(toks("aujourd’hui"), ["aujourd’hui"]);
        assert_eq!(toks("1\u{a0}234 567 €"), ["1\u{a0}234 567", "€"]);
        assert_eq!(toks("en 2019 123 personnes"), ["en", "2019", "123", "personnes"]);
    }
}
