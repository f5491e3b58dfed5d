//! Ordinals, spelled out (« deuxième », « vingt et unième », « mille deux
//! cent trentième », « premier », « seconde ») or with digits (« 1er »,
//! « 1re », « 2e », « 2nd », « 3ème », « 11me »), and fractions written with
//! a plural ordinal (« vingt et un cinquièmes » → 4.2).
//!
//! The words are read by the cardinal interpreter ([`super::words::interpret`]):
//! an ordinal word is its cardinal word with « -ième » (« neuvième » →
//! « neuf », « quatrième » → « quatre », « millionième » → « million »).
//!
//! ```
//! use depeche::number::ordinal::{read_ordinal, Ordinal};
//! let o = read_ordinal("la vingt-et-unième édition", 3).unwrap();
//! assert_eq!((o.value.to_string().as_str(), o.fraction, &"la vingt-et-unième édition"[3..o.end]), ("21", false, "vingt-et-unième"));
//! let f = read_ordinal("vingt et un cinquièmes", 0).unwrap();
//! assert_eq!((f.value.to_string().as_str(), f.fraction), ("4.2", true));
//! ```

use rust_decimal::Decimal;

use super::words::{Word, classify, interpret};
use crate::text::chars::is_alnum;

/// An ordinal (or a fraction) read from the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Ordinal {
    /// Byte offset one past the ordinal.
    pub end: usize,
    /// The rank (« vingt-et-unième » → 21), or the fraction's value.
    pub value: Decimal,
    /// A fraction (« trois cinquièmes » → 0.6) rather than a rank: a number.
    pub fraction: bool,
    /// « premier », « première », « second », « seconde » (and plurals):
    /// words that are often not ranks (« une seconde », « Premier ministre »).
    pub weak: bool,
}

/// The cardinal word an ordinal word (lowercase) is built on, and whether it
/// is plural. « premier » and « second » are [`Word::Unit`] 1 and 2.
///
/// ```
/// use depeche::number::{ordinal::ordinal_word, words::Word};
/// assert_eq!(ordinal_word("neuvième"), Some((Word::Unit(9), false)));
/// assert_eq!(ordinal_word("cinquièmes"), Some((Word::Unit(5), true)));
/// assert_eq!(ordinal_word("millionième"), Some((Word::Scale(6), false)));
/// assert_eq!(ordinal_word("thème"), None);
/// ```
pub fn ordinal_word(w: &str) -> Option<(Word, bool)> {
    let (stem, plural) = if let Some(s) = w.strip_suffix("ièmes").or_else(|| w.strip_suffix("iemes")) {
        (s, true)
    } else if let Some(s) = w.strip_suffix("ième").or_else(|| w.strip_suffix("ieme")) {
        (s, false)
    } else {
        return None;
    };
    let class = match stem {
        "" => return None,
        "un" => Word::Unit(1),
        "cinqu" => Word::Unit(5),
        "neuv" => Word::Unit(9),
        // « vingtième », « centième », « deuxième », « millionième »...
        _ => match classify(stem) {
            Some(c @ (Word::Unit(_) | Word::Tens(_) | Word::Teen(_) | Word::Cent | Word::Scale(_))) => c,
            // « quatrième », « onzième », « trentième », « millième »...
            _ => match classify(&format!("{stem}e"))? {
                c @ (Word::Unit(_) | Word::Tens(_) | Word::Teen(_) | Word::Scale(_)) => c,
                _ => return None,
            },
        },
    };
    // « zéroième », « eième » are not ordinals.
    if class == Word::Unit(0) {
        return None;
    }
    Some((class, plural))
}

/// « premier », « première », « second », « seconde » and plurals.
fn weak_ordinal(w: &str) -> Option<u64> {
    match w {
        "premier" | "première" | "premiers" | "premières" | "premiere" | "premieres" => Some(1),
        "second" | "seconde" | "seconds" | "secondes" => Some(2),
        _ => None,
    }
}

/// Most words an ordinal phrase has.
const MAX_WORDS: usize = 24;

/// Reads a spelled-out ordinal (or a fraction with a plural ordinal)
/// starting at byte `start`: the number words, separated by spaces or
/// hyphens, up to the first ordinal word, all read as one number.
pub fn read_ordinal(text: &str, start: usize) -> Option<Ordinal> {
    let mut classes = [Word::Et; MAX_WORDS];
    let mut i = start;
    let mut n = 0;
    while n < MAX_WORDS {
        let end = super::scale::word_end(text, i);
        if end == i || end - i > 24 {
            return None;
        }
        let found = super::with_lowercase(&text[i..end], |lower| {
            if n == 0
                && let Some(v) = weak_ordinal(lower)
            {
                return Some(Err(v));
            }
            if let Some((class, plural)) = ordinal_word(lower) {
                return Some(Ok(Some((class, plural))));
            }
            classify(lower).map(|c| {
                classes[n] = c;
                Ok(None)
            })
        })?;
        match found {
            Err(v) => {
                return Some(Ordinal { end, value: Decimal::from(v), fraction: false, weak: true });
            }
            Ok(Some((class, plural))) => {
                classes[n] = class;
                let words = &classes[..=n];
                // « millième », « millionième »: a scale alone.
                if let [Word::Scale(p)] = words {
                    let v = Decimal::from_i128_with_scale(10i128.pow(*p), 0);
                    return Some(Ordinal { end, value: v, fraction: false, weak: false });
                }
                if let Some((v, used)) = interpret(words)
                    && used == words.len()
                    && valid_last(words)
                {
                    return Some(Ordinal {
                        end,
                        value: Decimal::from_i128_with_scale(v as i128, 0),
                        fraction: false,
                        weak: false,
                    });
                }
                // « vingt et un cinquièmes »: a cardinal over a plural ordinal.
                let (num, used) = interpret(&classes[..n])?;
                if !plural || used != n || n == 0 {
                    return None;
                }
                let (den, _) = interpret(&classes[n..=n])?;
                return fraction(num, den).map(|value| Ordinal { end, value, fraction: true, weak: false });
            }
            Ok(None) => {}
        }
        n += 1;
        i = if text[end..].starts_with('-') { end + 1 } else { super::skip_hspace(text, end) };
        if i == end {
            return None;
        }
    }
    None
}

/// « unième » only ends a compound (« vingt et unième », « cent unième »).
fn valid_last(words: &[Word]) -> bool {
    !(words.len() == 1 && words[0] == Word::Unit(1))
}

/// `num / den` when it is an exact decimal and `den` is a real denominator (3 or more).
fn fraction(num: u128, den: u128) -> Option<Decimal> {
    if den < 3 || num == 0 {
        return None;
    }
    // Exact when the denominator has no prime factor but 2 and 5.
    let mut d = den;
    while d.is_multiple_of(2) {
        d /= 2;
    }
    while d.is_multiple_of(5) {
        d /= 5;
    }
    if d != 1 {
        return None;
    }
    let num = Decimal::from_i128_with_scale(i128::try_from(num).ok()?, 0);
    let den = Decimal::from_i128_with_scale(i128::try_from(den).ok()?, 0);
    num.checked_div(den).map(|v| v.normalize())
}

/// The suffixes of an ordinal written with digits, with the ranks they
/// allow (`None`: any).
const DIGIT_SUFFIXES: &[(&str, Option<u32>)] = &[
    ("ièmes", None),
    ("iemes", None),
    ("ième", None),
    ("ieme", None),
    ("èmes", None),
    ("emes", None),
    ("ème", None),
    ("eme", None),
    ("ères", Some(1)),
    ("eres", Some(1)),
    ("ère", Some(1)),
    ("ere", Some(1)),
    ("ers", Some(1)),
    ("er", Some(1)),
    ("res", Some(1)),
    ("re", Some(1)),
    ("ndes", Some(2)),
    ("nds", Some(2)),
    ("nde", Some(2)),
    ("nd", Some(2)),
    ("des", Some(2)),
    ("ds", Some(2)),
    ("de", Some(2)),
    ("d", Some(2)),
    ("me", None),
    ("es", None),
    ("e", None),
    ("ᵉʳ", Some(1)),
    ("ʳᵉ", Some(1)),
    ("ᵉ", None),
];

/// Reads an ordinal written with digits at byte `start` (« 1er », « 2e »,
/// « 21ème », « 1ʳᵉ »): its end and rank.
///
/// ```
/// use depeche::number::ordinal::read_digit_ordinal;
/// assert_eq!(read_digit_ordinal("le 14e arrondissement", 3), Some((6, 14)));
/// assert_eq!(read_digit_ordinal("2er", 0), None);
/// assert_eq!(read_digit_ordinal("3es", 0), Some((3, 3)));
/// assert_eq!(read_digit_ordinal("5euros", 0), None);
/// ```
pub fn read_digit_ordinal(text: &str, start: usize) -> Option<(usize, u64)> {
    let b = text.as_bytes();
    let mut e = start;
    while e < b.len() && b[e].is_ascii_digit() && e - start < 19 {
        e += 1;
    }
    if e == start || e < b.len() && b[e].is_ascii_digit() {
        return None;
    }
    let rank: u64 = text[start..e].parse().ok()?;
    if rank == 0 || text[start..].starts_with('0') {
        return None;
    }
    let rest = &text[e..];
    for &(suffix, only) in DIGIT_SUFFIXES {
        if let Some(after) = rest.strip_prefix(suffix) {
            if after.chars().next().is_some_and(|c| is_alnum(c) || c == '_') {
                continue;
            }
            if only.is_some_and(|r| u64::from(r) != rank) {
                return None;
            }
            return Some((e + suffix.len(), rank));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Option<String> {
        read_ordinal(s, 0).map(|o| format!("{}@{}{}", o.value, &s[..o.end], if o.fraction { " frac" } else { "" }))
    }

    #[test]
    fn positives() {
        assert_eq!(v("deuxième").as_deref(), Some("2@deuxième"));
        assert_eq!(v("vingt et unième").as_deref(), Some("21@vingt et unième"));
        assert_eq!(v("quatre-vingt dix-septième").as_deref(), Some("97@quatre-vingt dix-septième"));
        assert_eq!(v("mille deux cent trentième.").as_deref(), Some("1230@mille deux cent trentième"));
        assert_eq!(v("cinq cent unième").as_deref(), Some("501@cinq cent unième"));
        assert_eq!(v("un millionième").as_deref(), Some("1000000@un millionième"));
        assert_eq!(v("Première").as_deref(), Some("1@Première"));
        assert_eq!(v("vingt cinquièmes").as_deref(), Some("25@vingt cinquièmes"));
        assert_eq!(v("trois cinquièmes").as_deref(), Some("0.6@trois cinquièmes frac"));
        assert_eq!(v("vingt et un cinquièmes").as_deref(), Some("4.2@vingt et un cinquièmes frac"));
    }

    #[test]
    fn negatives() {
        for s in ["dix unième", "unième", "vingt", "cinq cent premiers", "deux tiers", "trois septièmes", "thème"] {
            assert_eq!(v(s), None, "{s}");
        }
    }
}
