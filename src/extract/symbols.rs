//! Amounts the figure grammar misses because of where their currency
//! symbol stands:
//!
//! - `money.scale_de_symbol`: « 75 millions de $ », « 2 millions de € »,
//!   « 45 millions de US$ », « 3 milliards de £ »;
//! - `money.symbol_suffix`: « £250m », « $3bn », « €1.2bn » (English
//!   abbreviations after a leading symbol).
//!
//! Runs after the figure grammar; a span it already holds is left alone.
//! Rows: `fixtures/figures/ellipsis.toml`.

use rust_decimal::Decimal;

use super::Mention;
use crate::locale::Locale;
use crate::number::{read_quantity, scale, skip_hspace};
use crate::record::Kind;

/// The currency of a symbol, in a locale (a bare « $ » is CAD in fr-CA).
fn symbol_currency(symbol: &str, locale: Locale) -> Option<&'static str> {
    Some(match symbol {
        "US$" | "$US" => "USD",
        "$" if locale == Locale::FrCa => "CAD",
        "$" => "USD",
        "€" => "EUR",
        "£" => "GBP",
        "C$" | "$CA" => "CAD",
        _ => return None,
    })
}

const SYMBOLS: [&str; 7] = ["US$", "$US", "C$", "$CA", "$", "€", "£"];

/// Adds the amounts of both forms to `out`.
///
/// ```
/// use depeche::{Document, Kind, Pipeline};
/// let r = Pipeline::default().process(&Document::new("a", "Il a levé 75 millions de $ puis £250m."));
/// let money: Vec<_> = r.entities.iter().filter(|e| e.kind == Kind::Money).map(|e| (e.text.as_str(), e.currency.as_deref().unwrap())).collect();
/// assert_eq!(money, [("75 millions de $", "USD"), ("£250m", "GBP")]);
/// ```
pub fn extract(text: &str, locale: Locale, out: &mut Vec<Mention>) {
    let bytes = text.as_bytes();
    // Cheap test first: a symbol anywhere.
    if memchr::memchr3(b'$', 0xE2, 0xC2, bytes).is_none() {
        return;
    }
    let mut spans: Vec<(usize, usize)> =
        out.iter().filter(|m| matches!(m.kind, Kind::Money | Kind::Percent)).map(|m| (m.start, m.end)).collect();
    spans.sort_unstable();
    let free = |s: usize, e: usize, spans: &[(usize, usize)]| {
        let k = spans.partition_point(|&(_, b)| b <= s);
        spans.get(k).is_none_or(|&(a, _)| a >= e)
    };
    let mut added = Vec::new();
    for (i, _) in text.match_indices(" de ") {
        let after = skip_hspace(text, i + 4);
        let Some(sym) = SYMBOLS.iter().find(|s| text[after..].starts_with(**s)) else { continue };
        let end = after + sym.len();
        if text[end..].chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        // The amount before « de »: a number with a scale word.
        let Some(q) = quantity_ending_at(text, i) else { continue };
        if q.1 < 6 {
            continue;
        }
        let Some(currency) = symbol_currency(sym, locale) else { continue };
        if free(q.0, end, &spans) {
            let mut m = Mention::new(Kind::Money, q.0, end, "money.scale_de_symbol");
            m.value = Some(q.2);
            m.currency = Some(currency.to_string());
            added.push(m);
        }
    }
    for sym in ["£", "$", "€"] {
        for (i, _) in text.match_indices(sym) {
            let start_num = i + sym.len();
            if !bytes.get(start_num).is_some_and(u8::is_ascii_digit) {
                continue;
            }
            let mut j = start_num;
            while j < bytes.len()
                && (bytes[j].is_ascii_digit() || (bytes[j] == b'.' && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)))
            {
                j += 1;
            }
            let (power, len) = match &text[j..] {
                t if t.starts_with("bn") => (9, 2),
                t if t.starts_with('m') => (6, 1),
                _ => continue,
            };
            let end = j + len;
            if text[end..].chars().next().is_some_and(char::is_alphanumeric) {
                continue;
            }
            let Ok(n) = text[start_num..j].parse::<Decimal>() else { continue };
            let Some(value) = scale::apply(n, power) else { continue };
            let Some(currency) = symbol_currency(sym, locale) else { continue };
            if free(i, end, &spans) {
                let mut m = Mention::new(Kind::Money, i, end, "money.symbol_suffix");
                m.value = Some(value);
                m.currency = Some(currency.to_string());
                added.push(m);
            }
        }
    }
    out.extend(added);
}

/// The quantity (start, scale power, value) whose text ends exactly at
/// `end`, read from the start of the number before it.
fn quantity_ending_at(text: &str, end: usize) -> Option<(usize, u32, Decimal)> {
    // Back over the scale word, then spaces, then the digits.
    let head = &text[..end];
    let (before, c) = head.char_indices().rev().find(|&(_, c)| !c.is_alphabetic())?;
    let word_start = before + c.len_utf8();
    let before_word = head[..word_start].trim_end_matches([' ', '\u{a0}', '\u{202f}']);
    let num_start = before_word.len()
        - before_word.bytes().rev().take_while(|b| b.is_ascii_digit() || matches!(b, b',' | b'.' | b' ')).count();
    // Forward to the first digit (past « , » or spaces the walk took).
    let num_start = num_start + before_word[num_start..].find(|c: char| c.is_ascii_digit())?;
    let q = read_quantity(text, num_start, false)?;
    (q.end == end).then_some((q.start, q.scale, q.value))
}
