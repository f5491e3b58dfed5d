//! `from` and `to` on a change written as a range: « passé de 9,7 à 9,5 % »
//! is a fall from 9.7 to 9.5, which `min` and `max` alone do not say.
//!
//! The two numbers are read in the order written; `from` and `to` get the
//! range's ends in that order (`min`/`max` already carry the scale and the
//! exact values: « de 64 à 72 milliards » gives 64000000000 and 72000000000).

use rust_decimal::Decimal;

use crate::extract::Mention;

/// The first two numbers written in `span` (digits with a decimal comma or
/// point), in order.
///
/// ```
/// use depeche::facts::change::written_numbers;
/// assert_eq!(written_numbers("de 9,7 à 9,5 %").map(|(a, b)| (a.to_string(), b.to_string())), Some(("9.7".into(), "9.5".into())));
/// assert_eq!(written_numbers("40 %"), None);
/// ```
pub fn written_numbers(span: &str) -> Option<(Decimal, Decimal)> {
    let bytes = span.as_bytes();
    let mut found = Vec::with_capacity(2);
    let mut i = 0;
    while i < bytes.len() && found.len() < 2 {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len()
            && (bytes[i].is_ascii_digit()
                || (matches!(bytes[i], b',' | b'.') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit)))
        {
            i += 1;
        }
        let digits = span[start..i].replace(',', ".");
        found.push(digits.parse::<Decimal>().ok()?);
    }
    (found.len() == 2).then(|| (found[0], found[1]))
}

/// Sets `from` and `to` on a change (`change: true`) with `min` and `max`:
/// the ends in the order written.
pub fn set_direction(text: &str, m: &mut Mention) {
    let (Some(min), Some(max)) = (m.min, m.max) else { return };
    if !m.change {
        return;
    }
    let Some((a, b)) = written_numbers(&text[m.start..m.end]) else { return };
    let (from, to) = if a > b { (max, min) } else { (min, max) };
    m.from = Some(from);
    m.to = Some(to);
}
