//! People: the rules that say a capitalized sequence is a person, and the
//! roles the text gives them.
//!
//! | rule | example | found |
//! |---|---|---|
//! | `person.first_name` | « selon Bernard Cazeneuve » | `Bernard Cazeneuve` |
//! | `person.initial` | « J.-P. Dupont a dit » | `J.-P. Dupont` |
//! | `person.title` | « le PDG Andy Jassy », « M. Jassy » | `Andy Jassy`, `Jassy` |
//! | `person.particle` | « De Gendt remporte l'étape » | `De Gendt` |
//! | `person.cue` | « Zorkine a déclaré » | `Zorkine` |
//! | `person.score` | « Karabatic (5/7) » in a team's line-up | `Karabatic` |
//! | `person.demonym` | « la Roumaine Zorescu » | `Zorescu` |
//! | `person.list` | « Thorne, Haldrik et Kessel » after a person | `Haldrik`, `Kessel` |
//! | `person.link` | « Jassy » after « Andy Jassy » | `Jassy` → Andy Jassy |
//! | `person.fallback` | « Kwame Nkrumah » (two capitalized words, no other evidence) | `Kwame Nkrumah` |
//!
//! Not people: « Lundi Dupont » is not read as a first name (weekdays and
//! months are not first names); « Claude » alone, with no other evidence, stays
//! unlabelled; titles are never part of the span (« le président Macron » →
//! `Macron`).

use rustc_hash::FxHashMap;

use super::names::{Cand, Doc, List, Names, Phrases, Strength, cand};
use crate::record::Kind;

/// True for a civility written before a name (« M. », « Mme »): not a role.
fn civility(title: &str) -> bool {
    matches!(
        title.trim_end_matches('.'),
        "M" | "Mme" | "Mlle" | "MM" | "Mmes" | "Mlles" | "Monsieur" | "Madame" | "Mademoiselle" | "Me"
    )
}

/// True when the run opens with a known first name or an initial followed
/// by another capitalized word.
pub(crate) fn starts_with_first_name(d: &Doc<'_>, a: usize) -> bool {
    let next = a + 1;
    let next_cap = next < d.toks.len()
        && d.tight(a)
        && (d.toks[next].cap
            || next + 1 < d.toks.len()
                && (d.toks[next].elision || !d.toks[next].cap && d.t(next).len() <= 4)
                && d.toks[next + 1].cap);
    if !next_cap {
        return false;
    }
    // A listed first name, or a compound of two (« Jean-Yves »).
    d.toks[a].initial || d.is(a, List::Given)
}

/// The first token of the title that ends right before token `a`, if any
/// (the title as written is `d.span(s, a)`): « le président », « PDG »;
/// « la ministre de la Culture » is not handled here (its organization part is).
pub(crate) fn title_before(n: &Names, d: &Doc<'_>, a: usize) -> Option<usize> {
    // Most words end no title: reject on the last word before building phrases.
    if a == 0 || !d.is(a - 1, List::TitleEnd) {
        return None;
    }
    let max = n.lex.titles.max_words().max(1);
    // Words (or initials' dots) on one line, longest phrase first.
    let fits = |k: usize| (d.toks[k].word || d.toks[k].elision || d.t(k) == ".") && d.tight(k);
    let lo = d.phrase_floor(Phrases::Title, a, max.min(a), fits);
    (lo..a).find(|&s| d.phrase_in(Phrases::Title, s, a))
}

/// True when a person cue phrase (« a déclaré ») follows token `b - 1`.
pub(crate) fn cue_after(n: &Names, d: &Doc<'_>, b: usize) -> bool {
    let max = n.lex.person_cues.max_words().max(1);
    let mut e = b;
    while e < d.toks.len() && e < b + max {
        if !d.toks[e].word {
            break;
        }
        e += 1;
        if d.phrase_in(Phrases::Cue, b, e) {
            return true;
        }
    }
    false
}

/// True when a player's statistics follow token `b - 1`, as in the line-ups
/// of sports reports: « Karabatic (5/7) », « Dupré (12 arrêts) », « Lenoir
/// (3 buts sur 4 tirs) ».
pub(crate) fn score_after(d: &Doc<'_>, b: usize) -> bool {
    if b == 0 || b >= d.toks.len() || !d.punct(b, '(') {
        return false;
    }
    let rest = &d.text[d.toks[b].start + 1..];
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 || d.toks[b].start != d.toks[b - 1].end + 1 {
        return false;
    }
    let rest = &rest[digits..];
    if let Some(r) = rest.strip_prefix('/') {
        return r.bytes().next().is_some_and(|c| c.is_ascii_digit());
    }
    let rest = rest.trim_start_matches(' ');
    ["arrêt", "but", "tir", "point", "passe", "rebond"].iter().any(|w| rest.starts_with(w))
}

/// True for a capitalized word shaped like a demonym (« Bermudienne »,
/// « Sud-Africain », « Suissesse »), so that it is not read as part of the
/// name that follows it.
pub(crate) fn demonym_like(w: &str) -> bool {
    const ENDINGS: &[&str] = &["ienne", "ien", "aise", "ais", "aine", "ain", "oise", "ois", "esse", "ane", "que"];
    w.chars().count() > 4 && ENDINGS.iter().any(|e| w.ends_with(e))
}

/// True when a definite article stands right before token `a` (« la Stella
/// Artois », « le Mercedes Benz »): French news does not put an article
/// before a person's name (titles stand between: « le PDG Andy Jassy »), so
/// such a run names a brand, a product or a thing, not a person.
pub(crate) fn article_before(d: &Doc<'_>, a: usize) -> bool {
    a > 0 && d.tight(a - 1) && matches!(d.t(a - 1), "la" | "le" | "les")
}

/// Person evidence for a run without lexicon names.
pub(crate) fn classify(n: &Names, d: &Doc<'_>, a: usize, b: usize, title_in_run: bool) -> Option<Cand> {
    let len = b - a;
    let all_upper = (a..b).all(|k| d.toks[k].upper);
    if len >= 2 && !all_upper && starts_with_first_name(d, a) && !article_before(d, a) {
        let rule = if d.toks[a].initial { "person.initial" } else { "person.first_name" };
        return Some(cand(d, a, b, Some(Kind::Person), rule, Strength::Rule));
    }
    if d.toks[a].initial && len == 1 {
        return None;
    }
    if (title_in_run || title_before(n, d, a).is_some()) && !all_upper && len <= 4 {
        return Some(cand(d, a, b, Some(Kind::Person), "person.title", Strength::Rule));
    }
    if len == 1 && !all_upper && score_after(d, b) && !d.is(a, List::NotName) {
        return Some(cand(d, a, b, Some(Kind::Person), "person.score", Strength::Rule));
    }
    if !all_upper && len <= 4 && cue_after(n, d, b) {
        return Some(cand(d, a, b, Some(Kind::Person), "person.cue", Strength::Rule));
    }
    None
}

/// Attaches the roles the text states: « le PDG d’Alphabet, Sundar Pichai »
/// (role before, with its organization), « Andy Jassy, PDG d’Amazon » (role
/// after), « le PDG Andy Jassy » (role alone).
pub(crate) fn attach_roles(n: &Names, d: &Doc<'_>, cands: &mut [Cand]) {
    // Organizations by their end and by their start token; the first one
    // wins where two share a token (hence the reverse walk).
    let mut orgs_by_end: FxHashMap<usize, usize> = FxHashMap::default();
    let mut orgs_by_start: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, c) in cands.iter().enumerate().rev().filter(|(_, c)| c.kind == Some(Kind::Organization)) {
        orgs_by_end.insert(c.b, i);
        orgs_by_start.insert(c.a, i);
    }
    for idx in 0..cands.len() {
        if cands[idx].kind != Some(Kind::Person) {
            continue;
        }
        let (a, b) = (cands[idx].a, cands[idx].b);
        // Role right before: « le PDG Andy Jassy » (a civility, « M. », is not a role).
        if let Some(s) = title_before(n, d, a) {
            if !civility(d.span(s, a)) {
                cands[idx].role = Some(d.span(s, a).to_string());
            }
            continue;
        }
        // « TITLE de ORG, NAME »
        if a >= 2
            && d.punct(a - 1, ',')
            && let Some(&o) = orgs_by_end.get(&(a - 1))
        {
            let oa = cands[o].a;
            let mut k = oa;
            if k > 1 && matches!(d.t(k - 1), "la" | "l'" | "l’") && d.t(k - 2) == "de" {
                k -= 1;
            }
            if k > 0 && (d.toks[k - 1].elision || matches!(d.t(k - 1), "de" | "du" | "des")) {
                k -= 1;
                if let Some(s) = title_before(n, d, k) {
                    let org = cands[o].canonical.clone().unwrap_or_else(|| d.span(oa, cands[o].b).to_string());
                    cands[idx].role = Some(d.span(s, k).to_string());
                    cands[idx].organization = Some(org);
                    continue;
                }
            }
        }
        // Role before a comma: « Son PDG, Antoine Dubreuil, a parlé ».
        if a >= 2
            && d.punct(a - 1, ',')
            && let Some(s) = title_before(n, d, a - 1)
            && !civility(d.span(s, a - 1))
        {
            cands[idx].role = Some(d.span(s, a - 1).to_string());
            continue;
        }
        // « le ministre de l'Économie, Bruno Lemaire »: a title, « de », then
        // one to three capitalized words that no rule took, before the comma.
        if a >= 3 && d.punct(a - 1, ',') {
            let mut k = a - 1;
            while k > 0 && a - 1 - k < 3 && d.toks[k - 1].word && d.toks[k - 1].cap {
                k -= 1;
            }
            let org = (k < a - 1).then(|| d.span(k, a - 1).to_string());
            if k > 1 && matches!(d.t(k - 1), "la" | "l'" | "l’") && d.t(k - 2) == "de" {
                k -= 1;
            }
            if let Some(org) = org
                && k > 0
                && (d.toks[k - 1].elision && d.t(k - 1).starts_with('d') || matches!(d.t(k - 1), "de" | "du" | "des"))
                && let Some(s) = title_before(n, d, k - 1)
            {
                cands[idx].role = Some(d.span(s, k - 1).to_string());
                cands[idx].organization = Some(org);
                continue;
            }
        }
        // « NAME, (le|la) TITLE (de|d’|du) ORG »
        if b < d.toks.len() && d.punct(b, ',') {
            let mut k = b + 1;
            if k < d.toks.len() && (matches!(d.t(k), "le" | "la" | "l’" | "l'") || d.toks[k].elision) {
                k += 1;
            }
            let max = n.lex.titles.max_words().max(1);
            let mut found = None;
            for e in (k + 1..=(k + max).min(d.toks.len())).rev() {
                if (k..e).all(|j| d.toks[j].word) && d.phrase_in(Phrases::Title, k, e) {
                    found = Some(e);
                    break;
                }
            }
            if let Some(e) = found {
                cands[idx].role = Some(d.span(k, e).to_string());
                let mut j = e;
                if j < d.toks.len() && (d.toks[j].elision || matches!(d.t(j), "de" | "du" | "des")) {
                    j += 1;
                }
                if j < d.toks.len() && matches!(d.t(j), "la" | "l'" | "l’") {
                    j += 1;
                }
                if let Some(&o) = orgs_by_start.get(&j) {
                    let org = cands[o].canonical.clone().unwrap_or_else(|| d.span(j, cands[o].b).to_string());
                    cands[idx].organization = Some(org);
                }
            }
        }
    }
}
