//! `from` and `to` on a change written as a range: « passé de 9,7 à 9,5 % »
//! is a fall from 9.7 to 9.5, which `min` and `max` alone do not say.
//!
//! The two numbers are read in the order written; `from` and `to` get the
//! range's ends in that order (`min`/`max` already carry the scale and the
//! exact values: « de 64 à 72 milliards » gives 64000000000 and 72000000000).
//!
//! `change.fall_size`: a fall written from the smaller number to the larger
//! (« un recul de la marge de 4 à 6 % ») is not a change from 4 to 6 but the
//! size of the fall, a range: [`fall_size`] says so, and the facts clear
//! `change` (then `from` and `to` are not set) and give it the measure
//! `change`.

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

/// Stems of the words of a fall (« recul », « baisse », « a chuté »...).
const FALL_STEMS: &[&str] = &[
    "recul",
    "baiss",
    "chut",
    "diminu",
    "abaiss",
    "rédui",
    "réduc",
    "tomb",
    "descend",
    "redescend",
    "gliss",
    "fléchi",
    "dégringol",
    "plong",
];

/// Stems of the other words of a change (a rise, or either way): the
/// nearest change word before the figure decides.
const OTHER_CHANGE_STEMS: &[&str] = &[
    "pass", "augment", "hausse", "progress", "grimp", "relev", "rehauss", "réhauss", "relèv", "évolu", "bondi",
    "gonfl", "ramen", "porté", "porter", "portant", "monté", "monter", "élev", "croît", "accr", "remont", "envol",
    "revu", "révisé",
];

/// True when `m`, a change (`change: true`) whose numbers are written from
/// the smaller to the larger, follows a word of a fall in its sentence
/// (which starts at byte `sentence_start`), with no other change word
/// between them: « un recul de la marge de 4 à 6 % » is a fall of 4 to 6 %,
/// not a change from 4 to 6 (a fall does not go up); « passé de 4 à 6 % »,
/// « la hausse de la commission de 20 à 25 % » stay changes.
///
/// ```
/// use depeche::extract::Mention;
/// use depeche::facts::change::fall_size;
/// use depeche::Kind;
/// let text = "Un recul de la marge de 4 à 6 % est attendu.";
/// let mut m = Mention::new(Kind::Percent, 21, 32, "percent.range");
/// m.change = true;
/// assert!(fall_size(text, 0, &m));
/// let text = "La marge a reculé, passant de 4 à 6 %.";
/// let mut m = Mention::new(Kind::Percent, 28, 39, "percent.range");
/// m.change = true;
/// assert!(!fall_size(text, 0, &m));
/// ```
pub fn fall_size(text: &str, sentence_start: usize, m: &Mention) -> bool {
    if !m.change {
        return false;
    }
    let Some(span) = text.get(m.start..m.end) else { return false };
    let Some((a, b)) = written_numbers(span) else { return false };
    if a >= b {
        return false;
    }
    // The 60 bytes before the figure, in its sentence (as the figure grammar
    // reads the change word).
    let mut from = m.start.saturating_sub(60).max(sentence_start).min(m.start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = text[from..m.start].to_lowercase();
    let words = window.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty());
    for w in words.rev() {
        if FALL_STEMS.iter().any(|s| w.starts_with(s)) {
            return true;
        }
        if OTHER_CHANGE_STEMS.iter().any(|s| w.starts_with(s)) {
            return false;
        }
    }
    false
}
