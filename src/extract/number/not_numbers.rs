//! Numbers that do not stand on their own: days, months and times of
//! dates, codes and ids, phone numbers.

use rust_decimal::Decimal;

use super::{raw_word_before, word_before, word_end, word_start_back};
use crate::number::{Quantity, char_at, char_before, skip_hspace, skip_hspace_back, with_lowercase};
use crate::text::chars::is_alpha;

/// The month name after byte `i` (spaces first), if any: its end.
pub(super) fn month_after(text: &str, i: usize) -> Option<usize> {
    let j = skip_hspace(text, i);
    if j == i {
        return None;
    }
    let e = word_end(text, j);
    with_lowercase(&text[j..e], is_month).then_some(e)
}

pub(super) fn is_month(w: &str) -> bool {
    matches!(
        w,
        "janvier"
            | "février"
            | "fevrier"
            | "mars"
            | "avril"
            | "mai"
            | "juin"
            | "juillet"
            | "août"
            | "aout"
            | "septembre"
            | "octobre"
            | "novembre"
            | "décembre"
            | "decembre"
    )
}

/// Days and years of dates, times, quarters: digits that are not counts.
pub(super) fn is_date_or_time(text: &str, s: usize, e: usize, q: &Quantity) -> bool {
    let plain = q.plain_int;
    let v = q.value;
    // « 14 juillet », « 3 mars 2025 »
    if plain && v >= Decimal::ONE && v <= Decimal::from(31) && month_after(text, e).is_some() {
        return true;
    }
    // « 14 h », « 14 h 30 », « 9 heures 15 » is kept (a duration).
    let j = skip_hspace(text, e);
    if plain && text[j..].starts_with(['h', 'H']) && !char_at(text, j + 1).is_some_and(is_alpha) {
        return true;
    }
    // The minutes of « 14 h 30 ».
    let (w, ws) = raw_word_before(text, s);
    if plain
        && (w == "h" || w == "H")
        && char_before(text, skip_hspace_back(text, ws)).is_some_and(|c| c.is_ascii_digit())
    {
        return true;
    }
    if plain && e - s == 4 && v >= Decimal::from(1000) && v <= Decimal::from(2100) {
        let (w, ws) = word_before(text, s);
        let cue = is_month(&w)
            || matches!(
                w.as_str(),
                "en" | "de"
                    | "depuis"
                    | "dès"
                    | "des"
                    | "à"
                    | "ici"
                    | "avant"
                    | "après"
                    | "fin"
                    | "début"
                    | "mi"
                    | "an"
                    | "année"
                    | "années"
                    | "exercice"
                    | "saison"
                    | "printemps"
                    | "été"
                    | "automne"
                    | "hiver"
                    | "vers"
                    | "entre"
                    | "et"
                    | "ou"
                    | "au"
                    | "jusqu"
                    | "pour"
                    | "of"
                    | "in"
                    | "since"
                    | "mars"
                    | "courant"
                    | "budget"
                    | "campagne"
                    | "promotion"
                    | "cuvée"
                    | "millésime"
                    | "rentrée"
                    | "l"
            );
        // « 2024-2025 », « 2024/25 »
        let next = char_at(text, e);
        let joined = matches!(next, Some('-' | '–' | '/')) && char_at(text, e + 1).is_some_and(|c| c.is_ascii_digit());
        let after_range = matches!(char_before(text, s), Some('-' | '–' | '/'));
        // « T4 2024 », « S1 2025 », « Q3 2024 »
        let quarter = ws < s && text[..s].trim_end().ends_with(|c: char| c.is_ascii_digit());
        if cue || joined || after_range || quarter {
            return true;
        }
    }
    false
}

/// Ids and codes: a plain integer after a capitalized word (« CAC 40 »,
/// « Windows 11 »), with a leading zero, or a postal code before a
/// capitalized place name.
pub(super) fn is_code(text: &str, s: usize, e: usize, q: &Quantity) -> bool {
    let digits = &text[s..e];
    if digits.len() >= 2 && digits.starts_with('0') {
        return true;
    }
    // Postal codes: five digits then a capitalized word.
    if digits.len() == 5 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let j = skip_hspace(text, e);
        if j > e && char_at(text, j).is_some_and(char::is_uppercase) {
            return true;
        }
    }
    let _ = q;
    // The word just before, on the same line, separated by one space.
    let pe = skip_hspace_back(text, s);
    if pe == s || s - pe > 3 {
        return false;
    }
    let ps = word_start_back(text, pe);
    if ps == pe {
        return false;
    }
    let prev = &text[ps..pe];
    let Some(first) = prev.chars().next() else { return false };
    if !first.is_uppercase() {
        return false;
    }
    // Sentence-initial function words are capitalized too.
    !with_lowercase(prev, |p| {
        matches!(
            p,
            "les"
                | "des"
                | "ces"
                | "ses"
                | "leurs"
                | "nos"
                | "vos"
                | "plus"
                | "moins"
                | "environ"
                | "près"
                | "quelque"
                | "sur"
                | "dans"
                | "avec"
                | "pour"
                | "entre"
                | "après"
                | "avant"
                | "selon"
                | "en"
                | "depuis"
                | "au"
                | "aux"
                | "et"
                | "mais"
                | "soit"
                | "par"
                | "de"
                | "du"
                | "la"
                | "le"
                | "un"
                | "une"
                | "seuls"
                | "seulement"
                | "presque"
                | "quelques"
                | "dont"
                | "ils"
                | "elles"
                | "on"
                | "il"
                | "elle"
                | "nous"
                | "vous"
                | "à"
                | "chez"
                | "sous"
                | "voici"
                | "voilà"
                | "déjà"
                | "encore"
                | "enfin"
                | "ainsi"
                | "or"
                | "donc"
                | "car"
                | "si"
                | "tous"
                | "toutes"
                | "jusqu"
                | "dès"
                | "vers"
                | "contre"
                | "pendant"
                | "parmi"
                | "outre"
                | "hier"
                | "aujourd"
                | "demain"
                | "numéro"
                | "no"
                | "n"
        )
    })
}

/// The end of a phone number starting at byte `s`: « 01 23 45 67 89 »,
/// « 01.23.45.67.89 », « 0123456789 », « +33 1 23 45 67 89 ».
pub(super) fn phone_end(text: &str, s: usize) -> Option<usize> {
    let b = text.as_bytes();
    let plus = s > 0 && b[s - 1] == b'+';
    let run = |i: usize| {
        let mut e = i;
        while e < b.len() && b[e].is_ascii_digit() {
            e += 1;
        }
        e
    };
    let first = run(s);
    // Ten digits in a row starting with 0.
    if first - s == 10 && b[s] == b'0' {
        return Some(first);
    }
    if first - s > 3 || !(b[s] == b'0' || plus) {
        return None;
    }
    let mut e = first;
    // « +33 1 42 68 53 00 »: one digit after the country code.
    if plus && b.get(e) == Some(&b' ') && b.get(e + 1).is_some_and(u8::is_ascii_digit) && run(e + 1) == e + 2 {
        e += 2;
    }
    let mut pairs = 0;
    loop {
        let sep = e < b.len() && matches!(b[e], b' ' | b'.' | b'-');
        let k = if sep {
            e + 1
        } else if text[e..].starts_with('\u{a0}') {
            e + 2
        } else {
            break;
        };
        let r = run(k);
        if r - k != 2 {
            break;
        }
        e = r;
        pairs += 1;
    }
    (pairs >= 3).then_some(e)
}
