//! Scale words (« mille », « millions », « milliards », « billions » = 10^12...)
//! and the abbreviations used next to a currency (« k », « M », « Md », « Mds »,
//! « Mrd », « G »).

use rust_decimal::Decimal;

use super::skip_hspace;

/// The power of ten of a scale word (lowercase), if it is one.
///
/// ```
/// assert_eq!(depeche::number::scale::scale_word("milliards"), Some(9));
/// assert_eq!(depeche::number::scale::scale_word("billion"), Some(12));
/// assert_eq!(depeche::number::scale::scale_word("millième"), None);
/// ```
pub fn scale_word(w: &str) -> Option<u32> {
    Some(match w {
        "mille" => 3,
        "million" | "millions" => 6,
        "milliard" | "milliards" => 9,
        "billion" | "billions" => 12,
        "billiard" | "billiards" => 15,
        "trillion" | "trillions" => 18,
        "trilliard" | "trilliards" => 21,
        "quadrillion" | "quadrillions" => 24,
        _ => return None,
    })
}

/// The power of ten of a scale abbreviation (case-sensitive).
pub fn scale_abbreviation(w: &str) -> Option<u32> {
    Some(match w {
        "k" | "K" => 3,
        "M" | "Mn" | "Mio" | "mio" => 6,
        "Md" | "Mds" | "Mrd" | "Mrds" | "md" | "mds" | "G" | "Gd" => 9,
        _ => None?,
    })
}

/// Multiplies `value` by 10^`power`, or `None` on overflow.
pub fn apply(value: Decimal, power: u32) -> Option<Decimal> {
    // A small non-negative mantissa times at most 10^18 stays far within
    // the 96 bits: the product is exact, as the repeated products are.
    let m = value.mantissa();
    if !value.is_sign_negative() && power <= 18 && m < 1 << 30 {
        return Decimal::try_from_i128_with_scale(m * 10i128.pow(power), value.scale()).ok();
    }
    let mut v = value;
    for _ in 0..power {
        v = v.checked_mul(Decimal::TEN)?;
    }
    Some(v)
}

/// Reads a scale word or abbreviation after a number ending at byte `i`:
/// returns its power, the end of the scale, and whether it was an
/// abbreviation. Words need a space before them; abbreviations may be
/// attached (« 10k€ », « 2 Md€ »).
pub fn read_scale_after(text: &str, i: usize, abbreviations: bool) -> Option<(u32, usize, bool)> {
    let j = skip_hspace(text, i);
    let end = word_end(text, j);
    if end == j {
        return None;
    }
    // Every scale word and abbreviation starts with one of these letters
    // (« m », « b », « t » lowercased; « k », « K », « M », « G »).
    if !matches!(text.as_bytes()[j], b'm' | b'M' | b'b' | b'B' | b't' | b'T' | b'k' | b'K' | b'G') {
        return None;
    }
    let w = &text[j..end];
    if j > i
        && let Some(p) = super::with_lowercase(w, scale_word)
    {
        return Some((p, end, false));
    }
    if abbreviations && let Some(p) = scale_abbreviation(w) {
        return Some((p, end, true));
    }
    None
}

/// « et demi » / « et demie » after a scale word ending at byte `i`
/// (« 1 milliard et demi »): the end of « demi ».
pub fn et_demi(text: &str, i: usize) -> Option<usize> {
    let j = skip_hspace(text, i);
    if j == i || !text[j..].starts_with("et") {
        return None;
    }
    let k = skip_hspace(text, j + 2);
    if k == j + 2 {
        return None;
    }
    let e = word_end(text, k);
    matches!(&text[k..e], "demi" | "demie").then_some(e)
}

/// The end of the run of letters starting at byte `i`.
pub fn word_end(text: &str, i: usize) -> usize {
    crate::text::chars::alpha_end(text, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_read_after_numbers() {
        assert_eq!(read_scale_after("3 millions", 1, false), Some((6, 10, false)));
        assert_eq!(read_scale_after("3\u{a0}milliards", 1, false), Some((9, 12, false)));
        assert_eq!(read_scale_after("10k€", 2, true), Some((3, 3, true)));
        assert_eq!(read_scale_after("2 Mds €", 1, true), Some((9, 5, true)));
        // Negative: no abbreviation unless asked, « mille » must be spaced,
        // other words are not scales.
        assert_eq!(read_scale_after("2 Mds €", 1, false), None);
        assert_eq!(read_scale_after("3mille", 1, false), None);
        assert_eq!(read_scale_after("3 millimètres", 1, true), None);
        assert_eq!(et_demi("1 milliard et demi de", 10), Some(18));
        // The fast product is the repeated one, scale included.
        for (v, p) in [("26.3", 9), ("0.5", 6), ("1073741823", 18), ("12.50", 3), ("0", 12), ("-4.5", 6)] {
            let v: Decimal = v.parse().unwrap();
            let mut slow = v;
            for _ in 0..p {
                slow = slow.checked_mul(Decimal::TEN).unwrap();
            }
            let fast = apply(v, p).unwrap();
            assert_eq!((fast, fast.scale(), fast.to_string()), (slow, slow.scale(), slow.to_string()));
        }
        assert_eq!(et_demi("1 milliard et demain", 10), None);
    }
}
