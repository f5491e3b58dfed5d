//! Organizations: the rules that say a capitalized sequence is an
//! organization (the lexicon itself is matched in [`super::names`]).
//!
//! | rule | example | found |
//! |---|---|---|
//! | `organization.lexicon` | « chez Amazon » | `Amazon` |
//! | `organization.head` | « la Banque de Zorgonie » | `Banque de Zorgonie` |
//! | `organization.suffix` | « Zorglub Industries SA » | `Zorglub Industries SA` |
//! | `organization.cue` | « le groupe Zorglub » | `Zorglub` |
//! | `organization.institution` | « l’université de Zorgville » | `université de Zorgville` |
//! | `organization.state` | « le gouvernement espagnol » | `gouvernement espagnol` |
//! | `organization.extension` | « Google Cloud » | `Google Cloud` |
//! | `organization.acronym` | « la ZKF a annoncé » | `ZKF` |
//! | `organization.definition` | « Zorglub Web Services (ZWS) », then « ZWS » | `ZWS` → Zorglub Web Services |
//!
//! Not organizations: products (« Claude », « Trainium2 ») without a cue;
//! words in a heading written in capitals (« LA CRISE CONTINUE »).

use super::names::{Cand, Doc, List, Names, Phrases, Strength, byte_lengths, cand, fits};
use crate::record::Kind;

/// True when the word before `a` (after a determiner) is an organization
/// head noun: « le groupe X », « la société X », « l’agence de presse X ».
pub(crate) fn cue_before(n: &Names, d: &Doc<'_>, a: usize) -> bool {
    if head_before(n, d, a) {
        return true;
    }
    // « l’américain Zorglub Global », « le suisse Kelvora »: a lowercase
    // demonym after a singular article is a company's (a person's takes a
    // capital: « l’Américain »).
    if a >= 2
        && d.toks[a - 1].word
        && !d.toks[a - 1].cap
        && d.tight(a - 2)
        && d.tight(a - 1)
        && d.is(a - 1, List::Nationality)
        && (matches!(d.t(a - 2), "l'" | "l’") || ["le", "du", "au"].iter().any(|w| d.t(a - 2).eq_ignore_ascii_case(w)))
    {
        return true;
    }
    // One or two adjectives between the head and the name: « la fintech
    // genevoise X », « le groupe pharmaceutique américain X ».
    let adjective = |k: usize| d.toks[k].word && !d.toks[k].cap && !d.is(k, List::Stopword) && d.tight(k);
    (1..=2).any(|skip| a > skip && (a - skip..a).all(adjective) && head_before(n, d, a - skip))
}

fn head_before(n: &Names, d: &Doc<'_>, a: usize) -> bool {
    let max = n.lex.org_heads.max_words().max(1);
    // Lowercase words, longest phrase first.
    let lowercase_word = |k: usize| (d.toks[k].word || d.toks[k].elision) && !d.toks[k].cap;
    let lo = d.phrase_floor(Phrases::OrgHead, a, max.min(a), lowercase_word);
    let Some(s) = (lo..a).find(|&s| d.phrase_in(Phrases::OrgHead, s, a)) else {
        return false;
    };
    s > 0
        && (d.toks[s - 1].elision
            || ["le", "la", "les", "du", "au", "un", "une", "ce", "cette"]
                .iter()
                .any(|w| d.t(s - 1).eq_ignore_ascii_case(w)))
}

/// Nouns that open the name of an institution (« Ministère des Armées »,
/// « Université de Zorgville »), besides the head nouns of `org_heads.txt`.
/// Lowercase; compared without regard to case ([`super::names::List::NameHead`]).
pub(crate) const NAME_HEADS: &[&str] = &[
    "académie",
    "agence",
    "assemblée",
    "association",
    "autorité",
    "banque",
    "bureau",
    "caisse",
    "centre",
    "chambre",
    "collège",
    "comité",
    "commission",
    "compagnie",
    "confédération",
    "conseil",
    "cour",
    "diocèse",
    "direction",
    "école",
    "église",
    "fédération",
    "fondation",
    "front",
    "hôpital",
    "institut",
    "laboratoire",
    "ligue",
    "lycée",
    "ministère",
    "mission",
    "mouvement",
    "musée",
    "observatoire",
    "office",
    "opération",
    "parti",
    "société",
    "syndicat",
    "tribunal",
    "union",
    "université",
];

/// True when token `i` looks like an acronym: 2 to 7 capitals (digits and
/// « & » allowed), not part of a heading in capitals.
pub(crate) fn is_acronym(d: &Doc<'_>, i: usize) -> bool {
    let t = d.toks[i];
    let w = d.t(i);
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    let other = w.chars().any(|c| !c.is_alphabetic() && c != '&');
    if !t.upper || letters > 5 || other || roman(w) || d.is(i, List::AcronymWord) {
        return false;
    }
    // A heading in capitals: other words in capitals nearby.
    let heading = |k: usize| d.toks[k].upper && d.toks[k].end - d.toks[k].start > 3;
    let lo = i.saturating_sub(3);
    let hi = (i + 4).min(d.toks.len());
    !(lo..hi).any(|k| k != i && heading(k))
}

/// True for a Roman numeral (« XV », « CD » reads as one too).
pub(crate) fn roman(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// Lowercase nouns that, followed by a nationality adjective, name a state
/// body: « le gouvernement espagnol », « l’armée syrienne ».
const STATE_BODIES: &[&str] = &["gouvernement", "armée", "marine", "police", "diplomatie", "justice", "parlement"];

const STATE_BODIES_LENGTHS: (usize, usize) = byte_lengths(STATE_BODIES);

/// Finds « gouvernement espagnol », « armée syrienne »
/// (`organization.state`), then « université de Zorgville », « diocèse de
/// Valbrune » (`organization.institution`), in one pass over the lowercase
/// words: the state bodies come first in `out`, as from two passes.
pub(crate) fn state_bodies_and_institutions(d: &Doc<'_>, out: &mut Vec<Cand>) {
    let n = d.toks.len();
    let mut institutions = Vec::new();
    for i in 0..n {
        let t = d.toks[i];
        if !t.word
            || t.cap
            || t.taken
            || !first_letter_in(OPENING_LETTERS, d.text.as_bytes()[t.start])
            || !(fits(STATE_BODIES_LENGTHS, t) || fits(INSTITUTIONS_LENGTHS, t))
        {
            continue;
        }
        if i + 1 < n
            && let Some(c) = state_body_at(d, i)
        {
            out.push(c);
        }
        if i + 2 < n
            && let Some(c) = institution_at(d, i)
        {
            institutions.push(c);
        }
    }
    out.append(&mut institutions);
}

/// The first letters of [`STATE_BODIES`] and [`INSTITUTIONS`]: most words
/// are rejected on their first byte.
const OPENING_LETTERS: u32 = first_letters(STATE_BODIES) | first_letters(INSTITUTIONS);

/// The set of the first bytes of `words`, one bit per letter `a` to `z`
/// (every bit when some word starts otherwise).
const fn first_letters(words: &[&str]) -> u32 {
    let mut set = 0;
    let mut i = 0;
    while i < words.len() {
        match words[i].as_bytes().first() {
            Some(&b) if b.is_ascii_lowercase() => set |= 1 << (b - b'a'),
            _ => return u32::MAX,
        }
        i += 1;
    }
    set
}

/// True when byte `b` may open a word of the set built by [`first_letters`].
fn first_letter_in(set: u32, b: u8) -> bool {
    if b.is_ascii_lowercase() { set & (1 << (b - b'a')) != 0 } else { set == u32::MAX }
}

/// « gouvernement espagnol », « gouvernement du Québec » at the lowercase
/// word `i` (not the last token).
fn state_body_at(d: &Doc<'_>, i: usize) -> Option<Cand> {
    if !fits(STATE_BODIES_LENGTHS, d.toks[i]) || !STATE_BODIES.contains(&d.t(i)) {
        return None;
    }
    let j = i + 1;
    if d.toks[j].word && !d.toks[j].cap && d.tight(i) && d.is(j, List::Nationality) {
        return Some(cand(d, i, j + 1, Some(Kind::Organization), "organization.state", Strength::Rule));
    }
    // « le gouvernement du Québec », « le gouvernement de l'Ontario ».
    let mut k = j;
    if k < d.toks.len() && (matches!(d.t(k), "du" | "de" | "des") || d.toks[k].elision && d.t(k).starts_with('d')) {
        k += 1;
    } else {
        return None;
    }
    if k < d.toks.len() && matches!(d.t(k), "la" | "l'" | "l’") {
        k += 1;
    }
    if k < d.toks.len()
        && d.toks[k].cap
        && let Some((e, m)) = d.gaz[k]
        && m.kind == Kind::Place
    {
        return Some(cand(d, i, e, Some(Kind::Organization), "organization.state", Strength::Rule));
    }
    None
}

/// Lowercase nouns of institutions that, followed by « de » and a
/// capitalized name, make one organization name: « l’université de
/// Zorgville », « le diocèse de Valbrune ».
const INSTITUTIONS: &[&str] = &["académie", "archidiocèse", "diocèse", "observatoire", "université"];

const INSTITUTIONS_LENGTHS: (usize, usize) = byte_lengths(INSTITUTIONS);

/// « université de Zorgville » at the lowercase word `i` (two tokens at
/// least follow it).
fn institution_at(d: &Doc<'_>, i: usize) -> Option<Cand> {
    let n = d.toks.len();
    if !fits(INSTITUTIONS_LENGTHS, d.toks[i]) || !INSTITUTIONS.contains(&d.t(i)) || !d.tight(i) {
        return None;
    }
    let mut k = i + 1;
    if matches!(d.t(k), "du" | "de") || d.toks[k].elision && d.t(k).starts_with('d') {
        k += 1;
    } else {
        return None;
    }
    if k < n && matches!(d.t(k), "la" | "l'" | "l’") {
        k += 1;
    }
    let mut e = k;
    while e < n && d.toks[e].word && d.toks[e].cap && !d.toks[e].taken && d.tight(e - 1) {
        e += 1;
    }
    (e > k && e - k <= 3).then(|| cand(d, i, e, Some(Kind::Organization), "organization.institution", Strength::Rule))
}

/// « l’indice SMI », « le SMI, indice vedette »: a stock index is not its
/// exchange; such names lose their organization reading.
pub(crate) fn indices(d: &Doc<'_>, cands: &mut [Cand]) {
    let index = |k: usize| matches!(d.t(k), "indice" | "indices");
    for c in cands.iter_mut().filter(|c| c.kind == Some(Kind::Organization) && c.b - c.a == 1) {
        let mut k = c.a;
        // Back over « S&P/ » in « l’indice S&P/TSX ».
        while k > 0
            && k + 5 > c.a
            && d.tight(k - 1)
            && !index(k - 1)
            && (d.punct(k - 1, '/')
                || d.punct(k - 1, '&')
                || d.toks[k - 1].upper
                || d.toks[k - 1].cap && d.t(k - 1).len() == 1)
        {
            k -= 1;
        }
        let before = k > 0 && d.tight(k - 1) && index(k - 1);
        let after = c.b + 1 < d.toks.len() && d.punct(c.b, ',') && index(c.b + 1);
        if before || after {
            c.kind = None;
        }
    }
}

/// Organization evidence for a run without lexicon names.
pub(crate) fn classify(n: &Names, d: &Doc<'_>, a: usize, b: usize) -> Option<Cand> {
    if cue_before(n, d, a) {
        return Some(cand(d, a, b, Some(Kind::Organization), "organization.cue", Strength::Rule));
    }
    if b - a == 1 && is_acronym(d, a) {
        return Some(cand(d, a, b, Some(Kind::Organization), "organization.acronym", Strength::Weak));
    }
    None
}

/// The initials of the capitalized words of `a..b` (« Amazon Web Services » → AWS).
pub(crate) fn initials(d: &Doc<'_>, a: usize, b: usize) -> String {
    let mut s = String::new();
    for k in a..b {
        if d.toks[k].word && d.toks[k].cap {
            for part in d.t(k).split('-') {
                if let Some(c) = part.chars().next() {
                    s.extend(c.to_uppercase());
                }
            }
        }
    }
    s
}

/// True when `acronym` abbreviates `a..b`: same first letter, and its
/// letters appear in order among the initials of all words.
pub(crate) fn abbreviates(d: &Doc<'_>, acronym: &str, a: usize, b: usize) -> bool {
    let caps = initials(d, a, b);
    let mut all = String::new();
    for k in a..b {
        if d.toks[k].word {
            for part in d.t(k).split('-') {
                if let Some(c) = part.chars().next() {
                    all.extend(c.to_uppercase());
                }
            }
        }
    }
    let letters: Vec<char> = acronym.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || caps.chars().next() != letters.first().copied() {
        return false;
    }
    let mut it = all.chars();
    letters.iter().all(|l| it.by_ref().any(|c| c == *l))
}
