//! Numbers written with digits, the French way: decimal comma (« 26,3 »),
//! thousands grouped by a space, a no-break space (U+00A0, U+202F, U+2009),
//! a point or a Swiss apostrophe (« 1'234 », « 1’234 »); a decimal point
//! only where the grouping makes it unambiguous (« 12.50 », not « 10.000 »).
//! Ordinals (« 1er », « 2e », « 3ème ») are not numbers.

use rust_decimal::Decimal;

use crate::text::chars::{is_alnum, is_alpha};

/// Digits read from the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Digits {
    /// Byte offset one past the number.
    pub end: usize,
    /// The exact value.
    pub value: Decimal,
    /// No separator and no decimal part (« 2025 »).
    pub plain: bool,
    /// A letter follows immediately (« 14h », « 5G », « 10k »): the number
    /// only stands if that letter starts a scale abbreviation.
    pub letter_follows: bool,
}

fn is_group_sep(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '.' | '\'' | '’')
}

/// The end of the run of digits from byte `i`, reading at most `max` of
/// them (a longer run is refused anyway: an endless one costs no more).
fn digit_run_max(b: &[u8], i: usize, max: usize) -> usize {
    let mut j = i;
    while j < b.len() && j - i < max && b[j].is_ascii_digit() {
        j += 1;
    }
    j
}

/// Parses the number whose first digit is at byte `start`. Returns `None`
/// for ordinals, times (« 14:30 »), dates and fractions (« 12/03 »), and
/// runs too long to be an amount.
///
/// ```
/// use depeche::number::digits::parse_digits;
/// assert_eq!(parse_digits("1\u{a0}234,56 €", 0).unwrap().value.to_string(), "1234.56");
/// assert_eq!(parse_digits("$10.000", 1).unwrap().value.to_string(), "10000");
/// assert_eq!(parse_digits("CHF 12.50", 4).unwrap().value.to_string(), "12.50");
/// assert!(parse_digits("le 1er mai", 3).is_none());
/// ```
pub fn parse_digits(text: &str, start: usize) -> Option<Digits> {
    let b = text.as_bytes();
    // More than 19 integer digits are refused below: 20 are enough to know.
    let first_end = digit_run_max(b, start, 20);
    if first_end == start {
        return None;
    }
    // The digits are read twice at most: once to find the number's extent
    // and once (below, when it is short enough) to build its value, without
    // any string.
    let mut int_len = first_end - start;
    let mut end = first_end;
    let mut plain = true;
    let mut sep_used: Option<char> = None;
    // Thousands groups: only after a first group of 1 to 3 digits.
    if int_len <= 3 {
        while let Some(c) = super::char_at(text, end) {
            if !is_group_sep(c) || sep_used.is_some_and(|s| s != c) {
                break;
            }
            let g = end + c.len_utf8();
            // A group is 3 digits: 4 are enough to know it is not one.
            let ge = digit_run_max(b, g, 4);
            if ge - g != 3 {
                break;
            }
            // « 1.234,5 » or « 1 234 » but not « 1.2345 » (checked above) nor
            // a space group followed by a comma-less digit run.
            int_len += 3;
            end = ge;
            plain = false;
            sep_used = Some(c);
            // Already too long (refused below): stop here, so that an endless
            // grouped number costs O(1) per start rather than its length.
            if int_len > 19 {
                break;
            }
        }
    }
    let int_end = end;
    let mut frac = (end, end);
    if let Some(&c) = b.get(end)
        && (c == b',' || (c == b'.' && sep_used != Some('.')))
    {
        // More than 9 decimals are refused below: 10 are enough to know.
        let fe = digit_run_max(b, end + 1, 10);
        if fe > end + 1 {
            frac = (end + 1, fe);
            end = fe;
            plain = false;
        }
    }
    let frac_len = frac.1 - frac.0;
    if int_len > 19 || frac_len > 9 {
        return None;
    }
    // What follows: reject times, dates, fractions, ordinals and codes.
    let next = super::char_at(text, end);
    let after = next.and_then(|c| super::char_at(text, end + c.len_utf8()));
    match (next, after) {
        (Some(':' | '/' | 'h' | 'H'), Some(d)) if d.is_ascii_digit() => return None,
        (Some(',' | '.'), Some(d)) if d.is_ascii_digit() => return None,
        (Some(c), _) if c.is_ascii_digit() => return None,
        _ => {}
    }
    let letter_follows = next.is_some_and(|c| is_alpha(c) || c == '_');
    if letter_follows && frac_len == 0 && is_ordinal_suffix(&text[end..]) {
        return None;
    }
    // The integer digits (separators skipped), then the decimals: at most
    // 28 digits, exact in a Decimal's 96-bit mantissa, with as many
    // decimal places as decimals written (« 12.50 » keeps its scale 2).
    let mut mantissa: i128 = 0;
    for &d in b[start..int_end].iter().chain(&b[frac.0..frac.1]) {
        if d.is_ascii_digit() {
            mantissa = mantissa * 10 + i128::from(d - b'0');
        }
    }
    let value = Decimal::try_from_i128_with_scale(mantissa, frac_len as u32).ok()?;
    Some(Digits { end, value, plain, letter_follows })
}

/// True when `rest` starts with an ordinal suffix (« er », « re », « e »,
/// « ème », « eme », « nd », « nde », « è ») ending at a word boundary.
fn is_ordinal_suffix(rest: &str) -> bool {
    for suf in ["ème", "eme", "ieme", "ième", "ère", "ere", "er", "re", "nde", "nd", "e", "è", "°"] {
        if let Some(r) = rest.strip_prefix(suf)
            && !r.chars().next().is_some_and(is_alnum)
        {
            return true;
        }
    }
    // « 2es », « 1ers », « 3èmes »
    for suf in ["es", "ers", "res", "èmes", "emes"] {
        if let Some(r) = rest.strip_prefix(suf)
            && !r.chars().next().is_some_and(is_alnum)
        {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Option<String> {
        parse_digits(s, 0).map(|d| format!("{}@{}", crate::extract::format_decimal(d.value), d.end))
    }

    #[test]
    fn positives() {
        assert_eq!(v("26,3 milliards").as_deref(), Some("26.3@4"));
        assert_eq!(v("1 234 567 €").as_deref(), Some("1234567@9"));
        assert_eq!(v("1\u{202f}234,5").as_deref(), Some("1234.5@9"));
        assert_eq!(v("1'234.50 CHF").as_deref(), Some("1234.5@8"));
        assert_eq!(v("1’000").as_deref(), Some("1000@7"));
        assert_eq!(v("12,345 $").as_deref(), Some("12.345@6"));
        assert_eq!(v("12.50").as_deref(), Some("12.5@5"));
        assert_eq!(v("1.234.567,89").as_deref(), Some("1234567.89@12"));
        assert_eq!(v("2025").as_deref(), Some("2025@4"));
        assert_eq!(v("48 000, 0,9 %").as_deref(), Some("48000@6"));
        assert_eq!(v("25, 6").as_deref(), Some("25@2"));
        assert_eq!(v("10.").as_deref(), Some("10@2"));
    }

    #[test]
    fn values_as_the_decimal_parser_gives_them() {
        use std::str::FromStr;
        for (s, expected) in [
            ("12.50", "12.50"),
            ("0012", "0012"),
            ("1 234,500", "1234.500"),
            ("0,000", "0.000"),
            ("1.234.567.890.123.456.789,123456789", "1234567890123456789.123456789"),
            ("9999999999999999999,999999999", "9999999999999999999.999999999"),
        ] {
            let d = parse_digits(s, 0).unwrap().value;
            let e = Decimal::from_str(expected).unwrap();
            assert_eq!((d, d.scale(), d.to_string()), (e, e.scale(), e.to_string()), "{s}");
        }
    }

    #[test]
    fn negatives() {
        assert_eq!(v("1er"), None);
        assert_eq!(v("2e"), None);
        assert_eq!(v("3ème"), None);
        assert_eq!(v("1re"), None);
        assert_eq!(v("14:30"), None);
        assert_eq!(v("14h30"), None);
        assert_eq!(v("12/03/2020"), None);
        assert_eq!(v("1.2.3"), None);
        assert_eq!(v("123456789012345678901234"), None);
    }
}
