//! Tokens: words, numbers, French elisions and punctuation, with byte offsets.
//!
//! Tokenizing runs in two steps.
//!
//! 1. The text is cut into chunks at ASCII white space (UAX #29 always breaks
//!    there). A chunk made only of ASCII and of « simple » characters (Latin
//!    letters up to U+024F, Latin-1 punctuation, general punctuation such as
//!    `’ « » – — …`, no-break and thin spaces, currency signs) goes through a
//!    fast scanner that follows the UAX #29 word rules that matter for French:
//!    letters and digits join (`A380`, `2e`), `.` `’` `'` `·` join letters
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
    let mut raw = Vec::with_capacity(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let chunk = &text[start..i];
        if chunk.is_ascii() || chunk.chars().all(is_simple) {
            scan_simple(chunk, start, &mut raw);
        } else {
            scan_uax29(chunk, start, &mut raw);
        }
    }
    post_process(text, raw)
}

/// Characters the fast scanner handles (each is one grapheme, with no UAX #29
/// subtlety for French).
fn is_simple(c: char) -> bool {
    let u = c as u32;
    u < 0x250
        || (0x2000..=0x200A).contains(&u)
        || (0x2010..=0x2027).contains(&u)
        || (0x202F..=0x205F).contains(&u)
        || (0x20A0..=0x20CF).contains(&u)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Space,
    Other,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        if c.is_ascii_alphabetic() {
            Class::Letter
        } else if c.is_ascii_digit() {
            Class::Digit
        } else if c.is_ascii_whitespace() {
            Class::Space
        } else {
            Class::Other
        }
    } else if c.is_whitespace() {
        Class::Space
    } else if c.is_alphabetic() {
        Class::Letter
    } else {
        Class::Other
    }
}

/// Joins letters on both sides (UAX #29 MidLetter and MidNumLet).
fn mid_letter(c: char) -> bool {
    matches!(c, '.' | '\'' | '’' | '·' | '‘' | '\u{2024}')
}

/// Joins digits on both sides (UAX #29 MidNum and MidNumLet).
fn mid_num(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | '\'' | '’' | '‘' | '\u{2024}')
}

/// The fast scanner over a chunk of simple characters.
fn scan_simple(chunk: &str, base: usize, out: &mut Vec<Token>) {
    let mut it = chunk.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        match class(c) {
            Class::Space => {}
            Class::Other if c != '_' => {
                out.push(Token { start: base + i, end: base + i + c.len_utf8(), kind: TokenKind::Punct })
            }
            _ => {
                let mut end = i + c.len_utf8();
                let mut last = class(c);
                let mut only_digits = last == Class::Digit;
                while let Some(&(k, n)) = it.peek() {
                    let cn = class(n);
                    if cn == Class::Letter || cn == Class::Digit || n == '_' {
                        it.next();
                        end = k + n.len_utf8();
                        only_digits &= cn == Class::Digit;
                        last = if n == '_' { Class::Other } else { cn };
                        continue;
                    }
                    // A middle character joins when the same class is on both sides.
                    let after_at = k + n.len_utf8();
                    let Some(after) = chunk[after_at..].chars().next() else { break };
                    let ca = class(after);
                    let joins = (last == Class::Letter && ca == Class::Letter && mid_letter(n))
                        || (last == Class::Digit && ca == Class::Digit && mid_num(n));
                    if !joins {
                        break;
                    }
                    it.next();
                    it.next();
                    end = after_at + after.len_utf8();
                    last = ca;
                }
                let kind = if only_digits { TokenKind::Number } else { TokenKind::Word };
                out.push(Token { start: base + i, end: base + end, kind });
            }
        }
    }
}

/// UAX #29 segmentation of a chunk with characters the fast scanner leaves alone.
fn scan_uax29(chunk: &str, base: usize, out: &mut Vec<Token>) {
    for (i, w) in chunk.split_word_bound_indices() {
        let mut chars = w.chars();
        let Some(first) = chars.next() else { continue };
        if w.chars().all(char::is_whitespace) {
            continue;
        }
        if first.is_whitespace() {
            // Runs of spaces are their own segments in UAX #29; a mixed
            // segment is not expected, but never emit white space.
            let t = w.trim_start();
            let off = w.len() - t.len();
            push_uax_word(t, base + i + off, out);
        } else {
            push_uax_word(w, base + i, out);
        }
    }
}

fn push_uax_word(w: &str, start: usize, out: &mut Vec<Token>) {
    let w = w.trim_end();
    if w.is_empty() {
        return;
    }
    let kind = if w.chars().next().is_some_and(|c| c.is_numeric())
        && w.chars().all(|c| c.is_numeric() || mid_num(c) || c.is_whitespace())
    {
        TokenKind::Number
    } else if w.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else {
        TokenKind::Punct
    };
    out.push(Token { start, end: start + w.len(), kind });
}

/// Elided forms, lowercase, without their apostrophe.
const ELISIONS: &[&str] = &["c", "ç", "d", "j", "jusqu", "l", "lorsqu", "m", "n", "puisqu", "qu", "quoiqu", "s", "t"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// If `word` starts with an elided form and its apostrophe, the byte length
/// of that prefix.
fn elision_prefix(word: &str) -> Option<usize> {
    let apos = word.find(is_apostrophe)?;
    let prefix = &word[..apos];
    if prefix.is_empty() || prefix.len() > 7 {
        return None;
    }
    let lower = prefix.to_lowercase();
    if !ELISIONS.contains(&lower.as_str()) {
        return None;
    }
    Some(apos + word[apos..].chars().next().map_or(1, char::len_utf8))
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Elisions, hyphenated words and group-spaced numbers.
fn post_process(text: &str, raw: Vec<Token>) -> Vec<Token> {
    // Elisions first.
    let mut split: Vec<Token> = Vec::with_capacity(raw.len() + raw.len() / 8);
    let mut k = 0;
    while k < raw.len() {
        let t = raw[k].clone();
        k += 1;
        if t.kind == TokenKind::Word {
            let w = &text[t.span()];
            if let Some(p) = elision_prefix(w) {
                split.push(Token { start: t.start, end: t.start + p, kind: TokenKind::Elision });
                if t.start + p < t.end {
                    let rest = &text[t.start + p..t.end];
                    let kind = if rest.chars().next().is_some_and(|c| c.is_ascii_digit())
                        && rest.chars().all(|c| c.is_ascii_digit() || mid_num(c))
                    {
                        TokenKind::Number
                    } else {
                        TokenKind::Word
                    };
                    split.push(Token { start: t.start + p, end: t.end, kind });
                }
                continue;
            }
            // A bare elided form glued to an apostrophe (« d’1,5 », « jusqu’ »).
            if ELISIONS.iter().any(|e| w.len() <= 7 && w.to_lowercase() == *e)
                && let Some(next) = raw.get(k)
                && next.start == t.end
                && next.kind == TokenKind::Punct
                && text[next.span()].chars().all(is_apostrophe)
                && next.end - next.start <= 3
            {
                split.push(Token { start: t.start, end: next.end, kind: TokenKind::Elision });
                k += 1;
                continue;
            }
        }
        split.push(t);
    }
    // Hyphenated words and group-spaced numbers.
    let mut out: Vec<Token> = Vec::with_capacity(split.len());
    let mut groupable = false;
    let mut k = 0;
    while k < split.len() {
        let t = split[k].clone();
        k += 1;
        if let Some(prev) = out.last_mut() {
            // Word - Word, glued.
            if t.kind == TokenKind::Punct
                && prev.kind == TokenKind::Word
                && prev.end == t.start
                && matches!(&text[t.span()], "-" | "\u{2011}")
                && let Some(next) = split.get(k)
                && next.kind == TokenKind::Word
                && next.start == t.end
                && text[next.span()].chars().next().is_some_and(char::is_alphabetic)
                && text[prev.span()].chars().next().is_some_and(char::is_alphabetic)
            {
                prev.end = next.end;
                k += 1;
                continue;
            }
            // 1 234 567,89
            if t.kind == TokenKind::Number && prev.kind == TokenKind::Number && groupable {
                let gap = &text[prev.end..t.start];
                let mut gap_chars = gap.chars();
                let one_space = gap_chars.next().is_some_and(is_group_space) && gap_chars.next().is_none();
                let s = &text[t.span()];
                let digits = s.bytes().take_while(u8::is_ascii_digit).count();
                let tail = s.as_bytes().get(digits).copied();
                if one_space && digits == 3 && (tail.is_none() || tail == Some(b',') || tail == Some(b'.')) {
                    prev.end = t.end;
                    groupable = tail.is_none();
                    continue;
                }
            }
        }
        groupable = t.kind == TokenKind::Number && {
            let s = &text[t.span()];
            (1..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
        };
        out.push(t);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|t| &text[t.span()]).collect()
    }

    #[test]
    fn elisions_and_numbers() {
        assert_eq!(toks("l’homme d'affaires"), ["l’", "homme", "d'", "affaires"]);
        assert_eq!(toks("aujourd’hui"), ["aujourd’hui"]);
        assert_eq!(toks("1\u{a0}234 567 €"), ["1\u{a0}234 567", "€"]);
        assert_eq!(toks("en 2019 123 personnes"), ["en", "2019", "123", "personnes"]);
    }
}
