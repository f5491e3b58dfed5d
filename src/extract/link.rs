//! Document-level resolution: one article, one reading of each name.
//!
//! * An acronym defined in the text (« Amazon Web Services (AWS) », or
//!   « AWS (Amazon Web Services) ») takes the kind and canonical name of its
//!   expansion everywhere in the article (`organization.definition`).
//! * A name seen once as a person stays a person in the article, and a
//!   surname alone (« Jassy ») links to the full name (« Andy Jassy »):
//!   `person.link`, with `canonical`.
//! * A capitalized sequence with no evidence takes the kind of the same text
//!   elsewhere in the article; two or three capitalized words with no other
//!   evidence are read as a person (`person.fallback`); a single word with
//!   none is dropped.

use rustc_hash::{FxHashMap, FxHashSet};

use super::names::{Cand, Doc, List, Strength};
use super::organization::abbreviates;
use crate::record::Kind;

/// Capitalized particles that may open a surname at a sentence start.
const PARTICLES: &[&str] = &["De", "Du", "Le", "La", "Van", "Von", "Di", "Da", "Del", "Ben", "El", "Al"];

fn canonical_of(d: &Doc<'_>, c: &Cand) -> String {
    c.canonical.clone().unwrap_or_else(|| d.text[c.start..c.end].to_string())
}

/// Resolves kinds and canonical names across the article.
pub(crate) fn resolve(d: &Doc<'_>, cands: &mut Vec<Cand>) {
    let by_start: FxHashMap<usize, usize> = cands.iter().enumerate().rev().map(|(i, c)| (c.a, i)).collect();
    let first_count = cands.len();
    definitions(d, cands, &by_start);
    people_in_context(d, cands, by_start, first_count);
    relabel(d, cands);
}

/// A. Acronym definitions (« Amazon Web Services (AWS) », « Syndicat
/// canadien de la fonction publique (SCFP) », « l’ONUB (Opération des
/// Nations unies au Burundi) »): the acronym and its expansion named alike,
/// new candidates pushed for expansions no rule found. `by_start`: the
/// first candidate starting at each token.
fn definitions(d: &Doc<'_>, cands: &mut Vec<Cand>, by_start: &FxHashMap<usize, usize>) {
    let text = d.text;
    let mut defs: FxHashMap<&str, (Kind, String)> = FxHashMap::default();
    for i in 0..cands.len() {
        let c = &cands[i];
        let b = c.b;
        if b + 2 < d.toks.len() + 1 && b + 2 <= d.toks.len() && d.punct(b, '(') {
            let Some(&j) = by_start.get(&(b + 1)) else { continue };
            let inner = &cands[j];
            if inner.b >= d.toks.len() || !d.punct(inner.b, ')') {
                continue;
            }
            let (long, short) = if inner.b - inner.a == 1 && d.toks[inner.a].upper { (c, inner) } else { (inner, c) };
            if short.b - short.a != 1 || !d.toks[short.a].upper || long.b - long.a < 2 {
                continue;
            }
            let acr = d.t(short.a);
            if !abbreviates(d, acr, long.a, long.b) {
                continue;
            }
            let kind = match long.kind {
                Some(Kind::Person) | None => Kind::Organization,
                Some(k) => k,
            };
            defs.entry(acr).or_insert((kind, canonical_of(d, long)));
        }
    }
    // The opening parentheses, in order: both walks below start from one.
    let parens: Vec<usize> = (0..d.toks.len()).filter(|&p| d.punct(p, '(')).collect();
    // A'. « Syndicat canadien de la fonction publique (SCFP) »: the expansion
    // may hold lowercase words; walk back from the parenthesis to the
    // nearest start whose initials spell the acronym.
    for &p in parens.iter().filter(|&&p| (1..d.toks.len().saturating_sub(2)).contains(&p)) {
        if !d.toks[p + 1].upper || !d.punct(p + 2, ')') {
            continue;
        }
        let acr = d.t(p + 1);
        if defs.contains_key(acr) || acr.chars().count() > 8 {
            continue;
        }
        let lo = p.saturating_sub(14);
        let mut found = None;
        for st in (lo..p).rev() {
            let t = d.toks[st];
            if !(t.word || t.elision) || !d.tight(st) {
                break;
            }
            if t.cap && abbreviates(d, acr, st, p) {
                found = Some(st);
                break;
            }
        }
        let Some(st) = found else { continue };
        let (start, end) = (d.toks[st].start, d.toks[p - 1].end);
        if cands.iter().any(|c| c.kind.is_some() && c.start < start && c.end > start) {
            continue;
        }
        for c in cands.iter_mut() {
            if c.start >= start && c.end <= end {
                c.kind = None;
                c.strength = Strength::Unknown;
            }
        }
        let mut c =
            super::names::cand(d, st, p, Some(Kind::Organization), "organization.definition", Strength::Lexicon);
        c.canonical = Some(text[start..end].to_string());
        defs.insert(acr, (Kind::Organization, text[start..end].to_string()));
        cands.push(c);
    }
    // A''. « l’ONUB (Opération des Nations unies au Burundi) »: the
    // expansion in parentheses after the acronym may hold lowercase words.
    for p in parens.iter().filter_map(|&q| q.checked_sub(1)).filter(|&p| p < d.toks.len().saturating_sub(3)) {
        if !d.toks[p].upper || !d.toks[p + 2].cap {
            continue;
        }
        let acr = d.t(p);
        if defs.contains_key(acr) || acr.chars().count() > 8 {
            continue;
        }
        let Some(q) = (p + 3..(p + 16).min(d.toks.len())).find(|&q| !(d.toks[q].word || d.toks[q].elision)) else {
            continue;
        };
        if !d.punct(q, ')') || q - (p + 2) < 2 || !(p + 2..q).all(|k| d.tight(k)) || !abbreviates(d, acr, p + 2, q) {
            continue;
        }
        let (start, end) = (d.toks[p + 2].start, d.toks[q - 1].end);
        for c in cands.iter_mut() {
            if c.start >= start && c.end <= end {
                c.kind = None;
                c.strength = Strength::Unknown;
            }
        }
        let mut c =
            super::names::cand(d, p + 2, q, Some(Kind::Organization), "organization.definition", Strength::Lexicon);
        c.canonical = Some(text[start..end].to_string());
        defs.insert(acr, (Kind::Organization, text[start..end].to_string()));
        cands.push(c);
    }
    apply_definitions(text, cands, &defs);
}

/// Names every candidate whose text is a defined acronym or long form as
/// the definition says.
fn apply_definitions(text: &str, cands: &mut [Cand], defs: &FxHashMap<&str, (Kind, String)>) {
    if defs.is_empty() {
        return;
    }
    for c in cands.iter_mut() {
        if let Some((kind, canon)) = defs.get(&text[c.start..c.end]) {
            if c.strength == Strength::Lexicon && c.kind == Some(*kind) {
                continue;
            }
            c.kind = Some(*kind);
            c.canonical = Some(canon.clone());
            c.rule = "organization.definition";
            c.strength = Strength::Lexicon;
        }
    }
    // The long form is an organization too when it had no kind.
    let longs: FxHashSet<&str> = defs.values().map(|(_, canon)| canon.as_str()).collect();
    for c in cands.iter_mut() {
        if c.kind.is_none() && c.b - c.a >= 2 && longs.contains(&text[c.start..c.end]) {
            c.kind = Some(Kind::Organization);
            c.rule = "organization.definition";
            c.strength = Strength::Rule;
        }
    }
}

/// B. People from their context: two or three capitalized words with no
/// evidence, a first name before « et » and a full name, names listed with
/// a person. `by_start` as built before [`definitions`], when the
/// candidates numbered `first_count`.
fn people_in_context(d: &Doc<'_>, cands: &mut [Cand], by_start: FxHashMap<usize, usize>, first_count: usize) {
    let text = d.text;
    // B. Two or three capitalized words with no evidence: a person.
    for c in cands.iter_mut() {
        if c.kind.is_none() && !c.vetoed && (2..=3).contains(&(c.b - c.a)) && fallback_person(d, c) {
            c.kind = Some(Kind::Person);
            c.rule = "person.fallback";
            c.strength = Strength::Weak;
        }
    }
    // B'. « Alistair et Jonathan Brownlee »: a first name alone before « et »
    // and a full name shares its surname.
    for i in 0..cands.len() {
        let c = &cands[i];
        if c.kind.is_some() || c.b - c.a != 1 || c.b + 1 >= d.toks.len() || d.t(c.b) != "et" {
            continue;
        }
        if !d.is(c.a, List::FirstName) {
            continue;
        }
        let Some(&j) =
            by_start.get(&(c.b + 1)).filter(|&&j| cands[j].kind == Some(Kind::Person) && cands[j].b - cands[j].a >= 2)
        else {
            continue;
        };
        let surname = &text[d.toks[cands[j].a + 1].start..cands[j].end];
        let canon = format!("{} {surname}", d.t(c.a));
        let c = &mut cands[i];
        c.kind = Some(Kind::Person);
        c.rule = "person.first_name";
        c.strength = Strength::Rule;
        c.canonical = Some(canon);
    }
    // B''. « Thorne, Haldrik et Kessel »: unknown capitalized names listed
    // with a person are people too.
    let by_end: FxHashMap<usize, usize> = cands.iter().enumerate().map(|(i, c)| (c.b, i)).collect();
    // Built again only when definitions were added (no candidate has moved).
    let by_start = if cands.len() == first_count {
        by_start
    } else {
        cands.iter().enumerate().rev().map(|(i, c)| (c.a, i)).collect()
    };
    let sep = |k: usize| d.punct(k, ',') || d.t(k) == "et";
    for _ in 0..2 {
        for i in 0..cands.len() {
            let c = &cands[i];
            if c.kind.is_some() || c.b - c.a > 3 || !(c.a..c.b).all(|k| d.toks[k].cap && !d.toks[k].upper) {
                continue;
            }
            let person = |j: Option<&usize>| j.is_some_and(|&j| j != i && cands[j].kind == Some(Kind::Person));
            // Inside a list: « et » joins them, or separators stand on both sides.
            let sep_before = c.a >= 2 && sep(c.a - 1);
            let sep_after = c.b + 1 < d.toks.len() && sep(c.b);
            let listed = |k: usize| d.t(k) == "et" || sep_before && sep_after;
            let before = sep_before && listed(c.a - 1) && person(by_end.get(&(c.a - 1)));
            let after = sep_after && listed(c.b) && person(by_start.get(&(c.b + 1)));
            if before || after {
                let c = &mut cands[i];
                c.kind = Some(Kind::Person);
                c.rule = "person.list";
                c.strength = Strength::Weak;
            }
        }
    }
}

/// C–E. Kinds and canonical names across the article: people's full names
/// and surnames, then each candidate relabeled by the same text elsewhere.
fn relabel(d: &Doc<'_>, cands: &mut [Cand]) {
    let text = d.text;
    // The texts compared below, each hashed once: `ids[i]` numbers the text of candidate `i`.
    let mut texts = Interner::default();
    let mut ids: Vec<usize> = cands.iter().map(|c| texts.id(&text[c.start..c.end])).collect();
    // C. People of the article: full names and surnames (a surname shared by
    // two full names links to neither).
    let people = || cands.iter().zip(&ids).filter(|(c, _)| c.kind == Some(Kind::Person));
    // Tables by text number, sized once (`set` grows them for the few
    // texts numbered later).
    let n = texts.len() + texts.len() / 4;
    let mut full = vec![false; n];
    // Per text: unseen, a surname of one full name, or of several (`Some(None)`).
    let mut surnames: Vec<Option<Option<&str>>> = vec![None; n];
    for (c, &id) in people().filter(|(c, _)| c.rule != "person.particle") {
        let name = &text[c.start..c.end];
        if c.b - c.a >= 2 {
            set(&mut full, id, true);
            // The surname: every word after the first (« Le Drian », « de Gaulle »),
            // and the last word alone.
            let rest = &text[d.toks[c.a + 1].start..c.end];
            let last = d.t(c.b - 1);
            for s in [rest, last] {
                let s = texts.id(s);
                let seen = surnames.get(s).copied().flatten();
                set(&mut surnames, s, Some(if seen.is_some_and(|v| v != Some(name)) { None } else { Some(name) }));
            }
        }
    }
    let mut single_persons = vec![false; n];
    for (_, &id) in people().filter(|(c, _)| c.b - c.a == 1 && c.strength >= Strength::Rule) {
        set(&mut single_persons, id, true);
    }
    let surname = |id: Option<usize>| id.and_then(|id| surnames.get(id).copied().flatten().flatten());
    // D. Relabel: a person stays a person; surnames link to full names.
    for (c, id) in cands.iter_mut().zip(ids.iter_mut()) {
        let s = &text[c.start..c.end];
        let mut linked = surname(Some(*id)).or_else(|| full.get(*id).is_some_and(|&f| f).then_some(s));
        if linked.is_none() && c.rule == "person.particle" {
            // « De Gaulle » opening a sentence, « de Gaulle » in the full name.
            let lower: String = s.chars().take(1).flat_map(char::to_lowercase).chain(s.chars().skip(1)).collect();
            linked = surname(texts.get(&lower));
        }
        let multi_lexicon = c.strength == Strength::Lexicon && c.b - c.a >= 2;
        if let Some(canon) = linked {
            if c.kind != Some(Kind::Person) && !multi_lexicon && c.rule != "organization.definition" {
                c.kind = Some(Kind::Person);
                c.rule = "person.link";
                c.strength = Strength::Rule;
            }
            if c.kind == Some(Kind::Person) {
                // « Le Drian », « De Gaulle », « de Hemptinne »: particles right
                // before belong to the surname when the full name has them.
                for _ in 0..2 {
                    if c.a == 0 || !d.tight(c.a - 1) {
                        break;
                    }
                    let p = d.t(c.a - 1);
                    if !PARTICLES.iter().any(|x| x.eq_ignore_ascii_case(p)) {
                        break;
                    }
                    let span = &text[d.toks[c.a - 1].start..c.end];
                    let lower: String =
                        span.chars().take(1).flat_map(char::to_lowercase).chain(span.chars().skip(1)).collect();
                    if !(ends_with_word(canon, span) || ends_with_word(canon, &lower)) {
                        break;
                    }
                    c.a -= 1;
                    c.start = d.toks[c.a].start;
                    *id = texts.id(&text[c.start..c.end]);
                }
                c.canonical = Some(canon.to_string());
            }
        } else if c.kind != Some(Kind::Person)
            && c.strength < Strength::Lexicon
            && c.rule != "organization.cue"
            && single_persons.get(*id).is_some_and(|&p| p)
        {
            c.kind = Some(Kind::Person);
            c.rule = "person.link";
        }
    }
    by_text(cands, &ids, texts.len());
}

/// D′–E. What the same text is elsewhere: a word a cue noun made an
/// organization stays one; a candidate with no evidence takes the kind of
/// the first with one. `ids[i]` numbers the text of candidate `i` (`n_texts`
/// texts in all).
fn by_text(cands: &mut [Cand], ids: &[usize], n_texts: usize) {
    // D'. A word that a cue noun made an organization (« la fintech Kelvora »)
    // stays one where only a verb made it a person (« Kelvora a annoncé »).
    let mut org_texts = vec![false; n_texts];
    for (c, &id) in cands.iter().zip(ids) {
        if c.kind == Some(Kind::Organization) && c.strength >= Strength::Rule {
            set(&mut org_texts, id, true);
        }
    }
    for (c, &id) in cands.iter_mut().zip(ids) {
        // Likewise a place read from a preposition alone (« à Kelvora »).
        let weak = (c.kind == Some(Kind::Person) && c.rule == "person.cue")
            || (c.kind == Some(Kind::Place) && c.rule == "place.preposition");
        if weak && org_texts.get(id).is_some_and(|&o| o) {
            c.kind = Some(Kind::Organization);
            c.rule = "organization.link";
            c.canonical = None;
        }
    }
    // E. No evidence: the kind of the same text elsewhere (the first
    // candidate with one, left untouched below), or nothing.
    let mut known = vec![None; n_texts];
    for (i, (c, &id)) in cands.iter().zip(ids).enumerate() {
        if c.kind.is_some() && c.strength >= Strength::Weak && known.get(id).copied().flatten().is_none() {
            set(&mut known, id, Some(i));
        }
    }
    for i in 0..cands.len() {
        if cands[i].kind.is_some() {
            continue;
        }
        let Some(j) = known.get(ids[i]).copied().flatten() else { continue };
        let (Some(k), canon) = (cands[j].kind, cands[j].canonical.clone()) else { continue };
        let c = &mut cands[i];
        c.kind = Some(k);
        c.canonical = canon;
        c.rule = match k {
            Kind::Person => "person.link",
            Kind::Organization => "organization.link",
            _ => "place.link",
        };
    }
}

/// Numbers distinct texts in order of appearance.
#[derive(Default)]
struct Interner<'a>(FxHashMap<&'a str, usize>);

impl<'a> Interner<'a> {
    /// The number of `s`, new or not.
    fn id(&mut self, s: &'a str) -> usize {
        let next = self.0.len();
        *self.0.entry(s).or_insert(next)
    }

    /// The number of distinct texts.
    fn len(&self) -> usize {
        self.0.len()
    }

    /// The number of `s` if it was seen.
    fn get(&self, s: &str) -> Option<usize> {
        self.0.get(s).copied()
    }
}

/// Sets `v[i]`, growing `v` with default values as needed.
fn set<T: Clone + Default>(v: &mut Vec<T>, i: usize, value: T) {
    if v.len() <= i {
        v.resize(i + 1, T::default());
    }
    v[i] = value;
}

/// True when `name` ends with the word(s) `tail` after a space.
fn ends_with_word(name: &str, tail: &str) -> bool {
    name.strip_suffix(tail).is_some_and(|rest| rest.ends_with(' '))
}

/// Capitalized words that name places, events, works or bodies, never a
/// person (mostly English, as found in names left untranslated): « Copper
/// Lodge », « Tennis Integrity Unit », « The Voice », « Solar Camera ».
/// Sorted (byte order), for binary search.
const NOT_PERSON_WORDS: &[&str] = &[
    "Academy",
    "Airport",
    "Arena",
    "Arts",
    "Award",
    "Awards",
    "Basin",
    "Bay",
    "Beach",
    "Big",
    "Bridge",
    "Canyon",
    "Castle",
    "Center",
    "Centre",
    "Challenge",
    "Championship",
    "Church",
    "Classic",
    "Club",
    "College",
    "Concours",
    "Copa",
    "Council",
    "Creek",
    "Cup",
    "Dark",
    "Day",
    "Exploration",
    "Falls",
    "Fatal",
    "Festival",
    "Fort",
    "Foundation",
    "Gallery",
    "Games",
    "Garden",
    "Gardens",
    "Golden",
    "Gorge",
    "Grid",
    "Harbor",
    "Harbour",
    "Hospital",
    "Hotel",
    "Hôtel",
    "Institute",
    "International",
    "Island",
    "Journal",
    "Lake",
    "Last",
    "League",
    "Lodge",
    "Lunar",
    "Magazine",
    "Marathon",
    "Mountain",
    "Museum",
    "National",
    "New",
    "Open",
    "Orbiter",
    "Organisation",
    "Organization",
    "Palace",
    "Peak",
    "Prize",
    "Project",
    "Red",
    "Research",
    "Review",
    "River",
    "Roadhouse",
    "Royal",
    "Scientific",
    "Series",
    "Smart",
    "Solar",
    "Springs",
    "Square",
    "Stadium",
    "Star",
    "Station",
    "Street",
    "Super",
    "Survey",
    "Telescope",
    "Television",
    "The",
    "Theater",
    "Theatre",
    "Tour",
    "Triathlon",
    "Trophy",
    "Two",
    "Unit",
    "United",
    "University",
    "Valley",
    "Warning",
    "Wars",
    "Wide",
    "World",
];

/// Two or three words, each capitalized and not in capitals, no digits,
/// none a word that is never a name (`not_names.txt`, [`NOT_PERSON_WORDS`]).
fn fallback_person(d: &Doc<'_>, c: &Cand) -> bool {
    // « Le Galaxy Fold », « la console Surface Pro », « le jeu Mario Kart »:
    // a determiner, maybe with a common noun, names a thing, not a person;
    // so does a run holding an institution's noun (« le Haut Comité »).
    let determiner = |k: usize| {
        d.toks[k].elision && d.t(k).starts_with(['l', 'L'])
            || ["le", "la", "les", "un", "une", "du", "au", "aux", "des"].iter().any(|w| d.t(k).eq_ignore_ascii_case(w))
    };
    let a = c.a;
    let thing = a > 0 && d.tight(a - 1) && determiner(a - 1)
        || a > 1 && d.toks[a - 1].word && !d.toks[a - 1].cap && d.tight(a - 2) && d.tight(a - 1) && determiner(a - 2);
    !thing
        && !(c.a..c.b).any(|k| d.is(k, List::NameHead))
        && !super::person::article_before(d, c.a)
        && (c.a..c.b).all(|k| {
            let t = d.toks[k];
            t.word
                && t.cap
                && !t.upper
                && !d.t(k).chars().any(|ch| ch.is_ascii_digit())
                && !d.is(k, List::NotName)
                && NOT_PERSON_WORDS.binary_search(&d.t(k)).is_err()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_person_words_are_sorted_for_binary_search() {
        assert!(NOT_PERSON_WORDS.windows(2).all(|w| w[0] < w[1]));
        for w in ["Hôtel", "Academy", "World", "Unit"] {
            assert!(NOT_PERSON_WORDS.binary_search(&w).is_ok(), "{w}");
        }
    }
}
