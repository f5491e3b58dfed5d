//! Figures written without their unit because the one before gives it:
//!
//! - `money.elliptical`: « 99,6 milliards d'euros en 2023, après 162,7
//!   milliards en 2022 », « …, contre 18,4 milliards un an plus tôt »: the
//!   second amount takes the currency of the first (`currency_inferred`);
//! - `percent.coordinated`: « 3,1 et 3,4 % » are two percentages (but
//!   « entre 3,1 et 3,4 % » stays one range).
//!
//! Runs after the figure grammar, on its mentions; the rows of
//! `fixtures/figures/ellipsis.toml` are its examples.

use std::ops::Range;

use super::Mention;
use crate::number::{read_quantity, skip_hspace};
use crate::record::Kind;

/// Connectors after which an amount may leave out its currency.
const CONNECTORS: &[&str] = &["après", "contre", "puis", "et", "face à", "au lieu de"];

/// Adds the elliptical amounts and coordinated percentages of `text` to
/// `out` (which holds the figures found so far, in any order).
///
/// ```
/// use depeche::{Document, Kind, Pipeline};
/// let r = Pipeline::default().process(&Document::new("a", "Le bénéfice a atteint 99,6 milliards d'euros en 2023, après 162,7 milliards en 2022."));
/// let money: Vec<_> = r.entities.iter().filter(|e| e.kind == Kind::Money).collect();
/// assert_eq!(money[1].text, "162,7 milliards");
/// assert_eq!((money[1].currency.as_deref(), money[1].currency_inferred), (Some("EUR"), true));
/// ```
pub fn extract(text: &str, sentences: &[Range<usize>], out: &mut Vec<Mention>) {
    let mut figures: Vec<(usize, usize, Kind)> = out
        .iter()
        .filter(|m| matches!(m.kind, Kind::Money | Kind::Percent))
        .map(|m| (m.start, m.end, m.kind))
        .collect();
    if figures.is_empty() {
        return;
    }
    figures.sort_unstable();
    // Sorted and disjoint spans: the one that could overlap is found by a search.
    let taken = |s: usize, e: usize, figures: &[(usize, usize, Kind)]| {
        let k = figures.partition_point(|f| f.1 <= s);
        figures.get(k).is_some_and(|f| f.0 < e)
    };
    let mut added = Vec::new();
    for m in out.iter() {
        let k = sentences.partition_point(|s| s.start <= m.start);
        let Some(sentence) = k.checked_sub(1).map(|k| &sentences[k]).filter(|s| m.start < s.end) else { continue };
        match m.kind {
            Kind::Money if m.currency.is_some() && m.value.is_some() => {
                if let Some(e) = elliptical_after(text, m, sentence.end)
                    && !taken(e.start, e.end, &figures)
                {
                    added.push(e);
                }
            }
            Kind::Percent if m.value.is_some() && !m.points => {
                if let Some(e) = coordinated_before(text, m, sentence.start)
                    && !taken(e.start, e.end, &figures)
                {
                    added.push(e);
                }
            }
            _ => {}
        }
    }
    out.extend(added);
}

/// `money.elliptical`: an amount with a scale word and no currency after a
/// connector, within a few words after `m` (only a period may stand
/// between: « en 2023, »).
fn elliptical_after(text: &str, m: &Mention, limit: usize) -> Option<Mention> {
    let window_end = (m.end + 48).min(limit);
    let mut window_end_ok = window_end;
    while !text.is_char_boundary(window_end_ok) {
        window_end_ok -= 1;
    }
    let between = &text[m.end..window_end_ok];
    for connector in CONNECTORS {
        let Some(at) = find_word(between, connector) else { continue };
        // Before the connector: a comma, a period (« en 2023 ») and spaces only.
        let gap = &between[..at];
        if gap.chars().any(|c| c.is_ascii_digit() && !gap.contains("en 20") && !gap.contains("en 19")) {
            continue;
        }
        if gap.split_whitespace().count() > 4 {
            continue;
        }
        let mut i = skip_hspace(text, m.end + at + connector.len());
        for lead in ["près de ", "environ ", "quelque "] {
            if text[i..].starts_with(lead) {
                i = skip_hspace(text, i + lead.len());
            }
        }
        let q = read_quantity(text, i, false)?;
        if q.scale < 6 || q.abbreviation || q.spelled {
            return None;
        }
        // A currency right after: the grammar's, not ours.
        let next = text[skip_hspace(text, q.end)..].trim_start_matches(['d', 'e', '\'', '’', ' ']);
        if next.starts_with(['€', '$', '£'])
            || next.starts_with("euro")
            || next.starts_with("dollar")
            || next.starts_with("franc")
        {
            return None;
        }
        let mut e = Mention::new(Kind::Money, q.start, q.end, "money.elliptical");
        e.value = Some(q.value);
        e.currency = m.currency.clone();
        e.currency_inferred = true;
        return Some(e);
    }
    None
}

/// `percent.coordinated`: « 3,1 et 3,4 % »: the number before « et » or
/// « , » is a percentage too, unless « entre » makes the pair a range.
fn coordinated_before(text: &str, m: &Mention, floor: usize) -> Option<Mention> {
    let before = text[floor..m.start].trim_end();
    let rest = before.strip_suffix(" et").or_else(|| before.strip_suffix(" ou"))?;
    let rest = rest.trim_end();
    // The number: digits and a decimal comma, back from the end.
    let start = rest.len() - rest.bytes().rev().take_while(|b| b.is_ascii_digit() || *b == b',').count();
    if start == rest.len() || !rest.as_bytes()[start].is_ascii_digit() {
        return None;
    }
    let head = rest[..start].trim_end();
    if head.ends_with("entre") || head.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let abs = floor + start;
    let q = read_quantity(text, abs, false)?;
    if q.end != floor + rest.len() || q.scale != 0 || q.spelled {
        return None;
    }
    let mut e = Mention::new(Kind::Percent, q.start, q.end, "percent.coordinated");
    e.value = Some(q.value);
    Some(e)
}

/// The byte offset of `word` in `s` as a whole word.
fn find_word(s: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(p) = s[from..].find(word) {
        let at = from + p;
        let before_ok = at == 0 || !s[..at].chars().next_back().is_some_and(char::is_alphanumeric);
        let after_ok = !s[at + word.len()..].chars().next().is_some_and(char::is_alphanumeric);
        if before_ok && after_ok {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}
