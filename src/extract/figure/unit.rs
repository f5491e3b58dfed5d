//! The unit after a number: a percent sign, « pour cent », « points de
//! pourcentage », or a currency form (possibly after « de »); and the checks
//! that depend on it.

use super::currency::{Class, Currency};
use super::{Context, Grammar};
use crate::number::{Quantity, is_hspace, skip_hspace};
use crate::record::Kind;
use crate::text::chars::{is_alnum, is_alpha};

/// What follows a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Unit {
    Money(Currency),
    Percent { points: bool, bare_points: bool, pour_cent: bool },
}

impl Unit {
    pub(super) fn kind(&self) -> Kind {
        match self {
            Unit::Money(_) => Kind::Money,
            Unit::Percent { .. } => Kind::Percent,
        }
    }
    pub(super) fn same(&self, other: &Unit) -> bool {
        match (self, other) {
            (Unit::Money(a), Unit::Money(b)) => a.code == b.code && a.group == b.group,
            (Unit::Percent { points: a, .. }, Unit::Percent { points: b, .. }) => a == b,
            _ => false,
        }
    }
}

impl Grammar {
    /// The unit right after a quantity ending at byte `i`.
    pub(super) fn unit_after(&self, cx: &Context<'_>, q: &Quantity, i: usize, has_prefix: bool) -> Option<UnitMatch> {
        let text = cx.text;
        let j = skip_hspace(text, i);
        let spaced = j > i;
        let rest = &text[j..];
        if !has_prefix {
            if rest.starts_with('%') || rest.starts_with('％') {
                let len = rest.chars().next().map_or(1, char::len_utf8);
                return Some(UnitMatch::percent(j + len, false, false, false, !spaced));
            }
            if let Some(e) = percent_words(text, j)
                && spaced
            {
                return Some(UnitMatch::percent(e, false, false, true, false));
            }
            if spaced && let Some((e, bare)) = points_words(text, j) {
                return Some(UnitMatch::percent(e, true, bare, false, false));
            }
        }
        // Currency forms.
        if let Some((e, cur, n_tokens_glued)) = self.currencies.currency_at(text, j, |_| true) {
            let glued_ok = !spaced && matches!(cur.class, Class::Symbol | Class::Code);
            if !spaced && cur.class == Class::Name && n_tokens_glued {
                return None;
            }
            if has_prefix && !glued_ok {
                return None;
            }
            return Some(UnitMatch { unit: Unit::Money(cur), end: e, glued_ok, minor: cur.class == Class::Minor });
        }
        // « millions de dollars », « une quinzaine d'euros »
        if spaced
            && (q.scale >= 6 || q.approx)
            && !has_prefix
            && let Some(k) = de_after(text, j)
            && let Some((e, cur, _)) = self.currencies.currency_at(text, k, |c| c.class == Class::Name)
        {
            return Some(UnitMatch { unit: Unit::Money(cur), end: e, glued_ok: false, minor: false });
        }
        None
    }
}

/// The unit found after a number.
#[derive(Debug, Clone, Copy)]
pub(super) struct UnitMatch {
    pub(super) unit: Unit,
    pub(super) end: usize,
    /// A symbol or code attached to the digits (« 10US$ », « 20€ »).
    pub(super) glued_ok: bool,
    pub(super) minor: bool,
}

impl UnitMatch {
    pub(super) fn percent(end: usize, points: bool, bare_points: bool, pour_cent: bool, glued_ok: bool) -> Self {
        UnitMatch { unit: Unit::Percent { points, bare_points, pour_cent }, end, glued_ok, minor: false }
    }
}

/// True when the sentence of byte `i` (or the one before) speaks of
/// percentages, so that a bare « 4 points » is percentage points.
pub(super) fn percent_context(cx: &Context<'_>, i: usize) -> bool {
    let k = cx.sentences.partition_point(|r| r.start <= i);
    let from = k.saturating_sub(2);
    let to = k.max(1).min(cx.sentences.len());
    let (a, b) = if cx.sentences.is_empty() {
        (0, cx.text.len())
    } else {
        (cx.sentences[from.min(to - 1)].start, cx.sentences[to - 1].end)
    };
    // At most a few hundred bytes around the number, so that a huge
    // sentence cannot make the check quadratic.
    let mut a = a.max(i.saturating_sub(400));
    let mut b = b.max(a).min(i + 400).min(cx.text.len());
    while !cx.text.is_char_boundary(a) {
        a += 1;
    }
    while !cx.text.is_char_boundary(b) {
        b -= 1;
    }
    let s = &cx.text[a..b.max(a)];
    s.contains('%') || s.contains("pour cent") || s.contains("taux") || s.contains("pourcentage") || s.contains("Taux")
        // « Le chômage a reculé de 0,3 point »: a rate's points.
        || ["chômage", "Chômage", "inflation", "Inflation"].iter().any(|w| s.contains(w))
}

/// After « un euro », « un dollar »: true when the phrase reads as an amount
/// (end of clause, « et ... centimes », « par », « symbolique »...), false
/// for an article (« un euro fort »).
pub(super) fn article_amount(text: &str, end: usize) -> bool {
    let j = skip_hspace(text, end);
    let Some(c) = text[j..].chars().next() else { return true };
    if !is_alpha(c) {
        return true;
    }
    let e = crate::number::scale::word_end(text, j);
    crate::number::with_lowercase(&text[j..e], |w| {
        matches!(
            w,
            "symbolique"
                | "par"
                | "le"
                | "la"
                | "l"
                | "pour"
                | "et"
                | "chacun"
                | "chacune"
                | "seulement"
                | "pièce"
                | "près"
        )
    })
}

/// « de » / « d' » at byte `j` followed by a word: the start of that word.
pub(super) fn de_after(text: &str, j: usize) -> Option<usize> {
    let rest = &text[j..];
    for p in ["de", "De"] {
        if let Some(r) = rest.strip_prefix(p)
            && r.starts_with(is_hspace)
        {
            return Some(skip_hspace(text, j + 2));
        }
    }
    for p in ["d'", "d’"] {
        if rest.starts_with(p) {
            return Some(j + p.len());
        }
    }
    None
}

/// `word` (case-insensitive) after optional spaces at byte `i`, ending at a
/// word boundary: the end of the word.
pub(super) fn word_after(text: &str, i: usize, word: &str) -> Option<usize> {
    let j = skip_hspace(text, i);
    let e = crate::number::scale::word_end(text, j);
    let w = &text[j..e];
    // ASCII lowercases to ASCII only: a byte comparison.
    let same = if w.is_ascii() {
        w.eq_ignore_ascii_case(word)
    } else {
        w.chars().flat_map(char::to_lowercase).eq(word.chars())
    };
    (e > j && same).then_some(e)
}

/// « pour cent », « pour-cent », « pourcent », « p. 100 », « p.100 » at byte `j`.
pub(super) fn percent_words(text: &str, j: usize) -> Option<usize> {
    let mut n = text.len().min(j + 16);
    while !text.is_char_boundary(n) {
        n -= 1;
    }
    let rest = &text[j..n];
    // Every form starts with « p » (only « p » and « P » lowercase to it).
    if rest.as_bytes().first().is_none_or(|&b| b | 0x20 != b'p') {
        return None;
    }
    for p in [
        "pour cent",
        "pour-cent",
        "pour\u{a0}cent",
        "pourcent",
        "pour 100",
        "p. 100",
        "p.100",
        "p.\u{a0}100",
        "p. cent",
        "p.cent",
    ] {
        if starts_with_lower(rest, p) {
            let e = j + p.len();
            let next = text.get(e..).and_then(|r| r.chars().next());
            if next.is_some_and(is_alnum) {
                continue;
            }
            // « 12 pour 100 000 habitants » is a rate, not a percentage.
            if p.ends_with("100") && crate::number::digits::parse_digits(text, e - 3).is_none_or(|d| d.end != e) {
                continue;
            }
            return Some(e);
        }
    }
    None
}

/// True when the lowercase form of `s` starts with `p` (`s.to_lowercase()`
/// without building it; `p` holds no « σ », the one letter whose lowercase
/// depends on its neighbours).
pub(super) fn starts_with_lower(s: &str, p: &str) -> bool {
    let mut lower = s.chars().flat_map(char::to_lowercase);
    p.chars().all(|c| lower.next() == Some(c))
}

/// « point(s) de pourcentage » (returns end, false) or a bare « point(s) »
/// (returns end, true). « points de base » is not a percentage.
pub(super) fn points_words(text: &str, j: usize) -> Option<(usize, bool)> {
    if !text[j..].starts_with("point") {
        return None;
    }
    let e = crate::number::scale::word_end(text, j);
    let w = &text[j..e];
    if w != "point" && w != "points" {
        return None;
    }
    if let Some(k) = de_after(text, skip_hspace(text, e)) {
        let e2 = crate::number::scale::word_end(text, k);
        match &text[k..e2] {
            "pourcentage" => return Some((e2, false)),
            "base" => return None,
            "pour" => {
                if let Some(e3) = word_after(text, e2, "cent") {
                    return Some((e3, false));
                }
            }
            _ => {}
        }
    }
    Some((e, true))
}
