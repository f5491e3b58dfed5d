//! Signs and ranges: « +3,5 % », « entre 60 et 65 », « de 10 à 12 % »,
//! « 10-12 % », and whether a range is a change over time.

use rust_decimal::Decimal;

use super::Context;
use super::qualifier::phrase_before;
use crate::number::{Quantity, char_before, read_quantity, skip_hspace, skip_hspace_back};
use crate::text::chars::{is_alnum, is_alpha};

/// A signed quantity.
#[derive(Debug, Clone)]
pub(super) struct Num {
    pub(super) start: usize,
    pub(super) q: Quantity,
    pub(super) value: Decimal,
}

/// Words before a range that make it a change over time (« passant de 9,7
/// à 9,5 % »). Matched as word prefixes.
pub(super) const CHANGE_STEMS: &[&str] = &[
    "pass",
    "augment",
    "baiss",
    "hausse",
    "recul",
    "progress",
    "grimp",
    "chut",
    "diminu",
    "relev",
    "rehauss",
    "abaiss",
    "évolu",
    "bondi",
    "gonfl",
    "réduit",
    "rédui",
    "ramen",
    "porté",
    "porter",
    "portant",
    "tomb",
    "monté",
    "monter",
    "élev",
    "croît",
    "accr",
    "remont",
    "redescend",
    "descend",
    "glissé",
    "gliss",
    "fléchi",
    "recul",
    "dégringol",
    "envol",
    "plong",
    "revu",
    "révisé",
    "relèv",
    "réhauss",
];

/// A sign just before byte `s` (« +3 », « - 0,2 », « −4 »): the start of the
/// sign (or `s`) and whether it is negative.
pub(super) fn sign_before(text: &str, s: usize) -> (usize, bool) {
    let j = skip_hspace_back(text, s);
    if s - j > 3 {
        return (s, false);
    }
    let Some(c) = char_before(text, j) else { return (s, false) };
    if !matches!(c, '+' | '-' | '−' | '±' | '–') {
        return (s, false);
    }
    let k = j - c.len_utf8();
    let before = char_before(text, k);
    // The sign must open a word: not « A-3 », not « 10 - 20 ».
    if before.is_some_and(|p| is_alnum(p) || matches!(p, '%' | '€' | '$')) {
        return (s, false);
    }
    if c == '–' && j != s {
        return (s, false);
    }
    let back = skip_hspace_back(text, k);
    if char_before(text, back).is_some_and(|p| p.is_ascii_digit()) {
        return (s, false);
    }
    (k, matches!(c, '-' | '−' | '–'))
}

/// Reads a quantity at byte `i` (after a range connector), with its sign.
pub(super) fn read_signed(text: &str, i: usize) -> Option<Num> {
    let mut j = i;
    let mut negative = false;
    let c = text[j..].chars().next()?;
    if matches!(c, '+' | '-' | '−') {
        negative = c != '+';
        j = skip_hspace(text, j + c.len_utf8());
    }
    let q = read_quantity(text, j, true)?;
    if q.article_only {
        return None;
    }
    let value = if negative { -q.value } else { q.value };
    Some(Num { start: i, q, value })
}

/// Range connectors.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Conn {
    A,
    Et,
    Dash,
}

/// A range connector after byte `i`: « à », « et », « - », « – ».
pub(super) fn connector_after(text: &str, i: usize) -> Option<(Conn, usize)> {
    let j = skip_hspace(text, i);
    let rest = &text[j..];
    // « à » or « et » (any case, as `word_after` reads them), then spaces.
    let e = crate::number::scale::word_end(text, j);
    let conn = match &text[j..e] {
        "à" | "À" => Some(Conn::A),
        w if w.eq_ignore_ascii_case("et") => Some(Conn::Et),
        _ => None,
    };
    if let Some(conn) = conn {
        let k = skip_hspace(text, e);
        if k > e {
            return Some((conn, k));
        }
    }
    let c = rest.chars().next()?;
    if matches!(c, '-' | '–' | '—') {
        let k = skip_hspace(text, j + c.len_utf8());
        // « 10 -20 » is a sign, not a range; « 10-20 » and « 10 - 20 » are ranges.
        if (j > i) != (k > j + c.len_utf8()) {
            return None;
        }
        if text[k..].chars().next().is_some_and(|c| c.is_ascii_digit() || is_alpha(c)) {
            return Some((Conn::Dash, k));
        }
    }
    None
}

/// The start of a range given its connector: « entre » for « et », an
/// optional « de » for « à », nothing for a dash. `None` when the range is
/// not well formed (« X et Y » without « entre »).
pub(super) fn range_left(text: &str, first: usize, conn: Conn) -> Option<usize> {
    match conn {
        Conn::Et => phrase_before(text, first, "entre"),
        Conn::A => Some(phrase_before(text, first, "de").or_else(|| phrase_before(text, first, "d'")).unwrap_or(first)),
        Conn::Dash => Some(first),
    }
}

/// A change verb or noun shortly before byte `i` in the same sentence.
pub(super) fn change_before(cx: &Context<'_>, i: usize) -> bool {
    let text = cx.text;
    let mut from = i.saturating_sub(60);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let sent_start = sentence_of(cx, i).map_or(0, |r| r.start);
    let from = from.max(sent_start).min(i);
    crate::number::with_lowercase(&text[from..i], |window| {
        // The first bytes compared first: most words start like no stem.
        let is_change = |w: &str| {
            CHANGE_STEMS.iter().any(|s| w.as_bytes().first() == s.as_bytes().first() && w.starts_with(s))
                && w != "montant"
                && w != "montants"
        };
        // The last word and whether any word is a change, in one pass.
        let mut last = None;
        let mut any = false;
        for w in window.split(|c: char| !is_alpha(c)).filter(|w| !w.is_empty()) {
            any = any || is_change(w);
            last = Some(w);
        }
        match last {
            // « passé de 9,7 à 9,5 % »: from one value to the other.
            Some(w) if w.starts_with("pass") => true,
            // « progresse de 8 à 10 % », « abaissés de 10 à 15 % »: by that much.
            Some(w) if is_change(w) => false,
            // « la hausse de la commission de 20 à 25 % »: the rate moved.
            _ => any,
        }
    })
}

pub(super) fn sentence_of<'a>(cx: &'a Context<'_>, i: usize) -> Option<&'a std::ops::Range<usize>> {
    let k = cx.sentences.partition_point(|r| r.start <= i);
    if k == 0 { None } else { cx.sentences.get(k - 1) }
}
