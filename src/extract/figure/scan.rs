//! The scan: one forward pass over the article that finds where numbers
//! start (a digit at a word boundary, or a number word) and reads a figure
//! at each.

use std::cell::OnceCell;

use super::{Context, Grammar, Mention};
use crate::number::char_before;
use crate::text::chars::{alpha_end, is_alnum, is_alpha};

/// ISO codes that may be glued before digits (« USD1,23 », « EUR29,99 »);
/// others are names (« COP28 »).
pub(super) const GLUED_CODES: &[&str] = &[
    "AUD", "BRL", "CAD", "CHF", "CNY", "DKK", "EUR", "GBP", "HKD", "INR", "JPY", "KRW", "MXN", "NOK", "NZD", "RUB",
    "SEK", "SGD", "USD", "ZAR",
];

impl Grammar {
    /// One scan of the article for every figure, money and percentages.
    pub(super) fn scan(&self, cx: &Context<'_>) -> Vec<Mention> {
        let mut out = Vec::new();
        let text = cx.text;
        let b = text.as_bytes();
        let cues = OnceCell::new();
        let mut i = 0;
        while i < b.len() {
            let c = b[i];
            if c.is_ascii_digit() {
                let prev = char_before(text, i);
                let glued_prefix = prev.is_some_and(is_alpha)
                    && self
                        .currencies
                        .prefix_currency(text, i)
                        .is_some_and(|(ps, _)| GLUED_CODES.contains(&&text[ps..i]));
                if prev.is_some_and(|p| is_alnum(p) || p == '_') && !glued_prefix {
                    i = skip_digits(b, i);
                    continue;
                }
                match self.figure_at(cx, i, &cues) {
                    Ok(m) => {
                        i = m.end.max(i + 1);
                        out.push(m);
                    }
                    Err(next) => i = next.max(i + 1),
                }
                continue;
            }
            if (c.is_ascii_alphabetic() || c >= 0xC3) && text.is_char_boundary(i) {
                let e = alpha_end(text, i);
                if e == i {
                    i += text[i..].chars().next().map_or(1, char::len_utf8);
                    continue;
                }
                // The word first (most start no number), then what precedes.
                if !is_number_word(&text[i..e]) || char_before(text, i).is_some_and(is_alnum) {
                    i = e;
                    continue;
                }
                match self.figure_at(cx, i, &cues) {
                    Ok(m) => {
                        i = m.end.max(e);
                        out.push(m);
                    }
                    Err(_) => i = e,
                }
                continue;
            }
            i += 1;
        }
        out
    }
}

pub(super) fn skip_digits(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b',' || b[i] == b'.') {
        i += 1;
    }
    i
}

/// Quick test of a word that may start a spelled-out number.
pub(super) fn is_number_word(w: &str) -> bool {
    if w.len() > 12 || !crate::number::words::may_start_number(w) {
        return false;
    }
    // The one such word that is not ASCII is « zéro »: 4 characters (a
    // lowercase has at least as many characters as its word).
    if !w.is_ascii() && w.chars().nth(4).is_some() {
        return false;
    }
    crate::number::with_lowercase(w, crate::number::words::starts_number)
}
