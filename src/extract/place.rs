//! Places: the rules that say a capitalized sequence is a place (the
//! lexicon itself is matched in [`super::names`]).
//!
//! | rule | example | found |
//! |---|---|---|
//! | `place.lexicon` | « à Valence (Drôme) » | `Valence`, `Drôme` |
//! | `place.preposition` | « né à Zorgville », « en Zorgonie » | `Zorgville`, `Zorgonie` |
//! | `place.noun` | « la ville de Zorgville », « la planète Zorg » | `Zorgville`, `Zorg` |
//! | `place.parenthesis` | « Zorgville (Drôme) » | `Zorgville` |
//!
//! Not places: « à Jean Dupont » (a first name wins), « en Mars » (a month).

use super::names::{Cand, Doc, Names, Strength, cand};
use crate::record::Kind;

/// Lowercase nouns that announce a place name (« la ville de X »).
const PLACE_NOUNS: &[&str] = &[
    "ville",
    "village",
    "commune",
    "région",
    "province",
    "département",
    "capitale",
    "comté",
    "île",
    "archipel",
    "planète",
    "quartier",
    "district",
    "canton",
    "localité",
    "bourgade",
    "agglomération",
    "vallée",
    "massif",
    "lac",
    "fleuve",
    "rivière",
    "mont",
    "désert",
    "péninsule",
    "banlieue",
    "métropole",
    "arrondissement",
    "territoire",
];

/// Place evidence for a run without lexicon names.
pub(crate) fn classify(_n: &Names, d: &Doc<'_>, a: usize, b: usize) -> Option<Cand> {
    if b - a > 3 || (a..b).all(|k| d.toks[k].upper) || d.t(a).chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if a > 0 && d.tight(a - 1) && matches!(d.t(a - 1), "à" | "en" | "À" | "En" | "au" | "Au" | "aux" | "Aux") {
        return Some(cand(d, a, b, Some(Kind::Place), "place.preposition", Strength::Weak));
    }
    // « la ville de X », « la région du X », « la planète X ».
    let mut k = a;
    if k > 0 && (matches!(d.t(k - 1), "de" | "du" | "des") || d.toks[k - 1].elision && d.t(k - 1).starts_with('d')) {
        k -= 1;
    }
    if k > 0 && PLACE_NOUNS.contains(&d.t(k - 1)) {
        return Some(cand(d, a, b, Some(Kind::Place), "place.noun", Strength::Weak));
    }
    // « Zorgville (Drôme) »: a name followed by a known place in parentheses.
    if b + 2 < d.toks.len()
        && d.punct(b, '(')
        && d.punct(b + 2, ')')
        && let Some((e, m)) = d.gaz[b + 1]
        && e == b + 2
        && m.kind == Kind::Place
    {
        return Some(cand(d, a, b, Some(Kind::Place), "place.parenthesis", Strength::Weak));
    }
    None
}
