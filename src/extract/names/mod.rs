//! People, organizations and places.
//!
//! How an article is read:
//!
//! 1. one pass over the text splits it into light tokens (words, elided
//!    determiners such as « l’ », initials such as « J.-P. », punctuation);
//! 2. the gazetteer automaton ([`crate::lexicon::Gazetteer`]) finds every
//!    known organization and place, leftmost-longest, over the whole text;
//! 3. capitalized sequences (joined by particles: « de », « du », « d’ »,
//!    « van », « von », « ben », « al- »...) become candidates; each is
//!    classified by the rule families of [`super::person`],
//!    [`super::organization`] and [`super::place`] (lexicon, first names,
//!    titles, cue verbs, head nouns, suffixes, acronyms, prepositions);
//! 4. document-level linking ([`super::link`]) gives each mention its
//!    canonical name (« Jassy » → Andy Jassy, « AWS » → Amazon Web
//!    Services) and keeps a name seen once as a person a person;
//! 5. roles stated by the text are attached to people (« le PDG d’Alphabet,
//!    Sundar Pichai »).
//!
//! Sentence-initial capitals, months, weekdays, nationality adjectives and
//! headings in capitals are not names by themselves.

use super::link;
use super::organization;
use super::person;
use super::place;
use super::{Context, Mention};
use crate::Result;
use crate::lexicon::{Gazetteer, GazetteerMatch, Lexicons, WordIndex};
use crate::pipeline::Settings;
use crate::record::Kind;

pub(crate) mod doc;
pub(crate) mod token;

pub(crate) use self::doc::{Cand, Doc, List, Phrases, Strength, byte_lengths, cand, fits};
use self::token::tokenize;

/// The names extractor, built once from the lexicons.
#[derive(Debug)]
pub struct Names {
    pub(crate) lex: Lexicons,
    pub(crate) gazetteer: Gazetteer,
    /// The one-word lists merged ([`word_index`]): what [`Doc::is`] asks.
    pub(crate) words: WordIndex,
    /// The learned tagger, when the pipeline uses one ([`super::tagger`]).
    pub(crate) model: Option<super::tagger::ModelRef>,
}

/// Lowercase particles that may join the words of one name.
const CONNECTORS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "ben", "bin", "ibn", "el", "al", "di", "da",
    "del", "della", "dos", "das", "do", "y", "zu", "of", "the", "&",
];

const CONNECTORS_LENGTHS: (usize, usize) = byte_lengths(CONNECTORS);

/// True when `w` is one of [`CONNECTORS`] (a `match`: compiled to a test on
/// the length, then on the bytes). Keep both lists alike: a test checks
/// that every word of the list matches.
fn is_connector(w: &str) -> bool {
    matches!(
        w,
        "de" | "du"
            | "des"
            | "la"
            | "le"
            | "les"
            | "van"
            | "von"
            | "der"
            | "den"
            | "ben"
            | "bin"
            | "ibn"
            | "el"
            | "al"
            | "di"
            | "da"
            | "del"
            | "della"
            | "dos"
            | "das"
            | "do"
            | "y"
            | "zu"
            | "of"
            | "the"
            | "&"
    )
}

/// The lists of [`Names::words`], in the order of their bits in the
/// [`WordIndex`]; the institution heads ([`organization::NAME_HEADS`]) come
/// as extra words, after them.
fn word_index(lex: &Lexicons) -> WordIndex {
    let sets = [
        &lex.stopwords,
        &lex.nationalities,
        &lex.not_names,
        &lex.first_names,
        &lex.titles,
        &lex.org_heads,
        &lex.org_suffixes,
        &lex.acronym_words,
        &lex.person_cues,
    ];
    WordIndex::new(&sets, organization::NAME_HEADS)
}

impl Names {
    /// Builds the extractor: compiles the gazetteer automaton once.
    pub fn new(mut lexicons: Lexicons, settings: &Settings) -> Result<Self> {
        let gazetteer = lexicons.gazetteer();
        // The gazetteer now holds the organizations and places; the word
        // lists are kept as they are, without copying them.
        lexicons.organizations = Vec::new();
        lexicons.places = Vec::new();
        let words = word_index(&lexicons);
        let model = super::tagger::ModelRef::of(&settings.model);
        Ok(Names { lex: lexicons, gazetteer, words, model })
    }

    /// True when a capitalized token cannot start or end a name by itself
    /// (function word, month, weekday, nationality).
    pub(crate) fn filler(&self, d: &Doc<'_>, i: usize) -> bool {
        (!d.toks[i].upper && d.is(i, List::Stopword)) || d.is(i, List::Nationality)
    }

    /// True when token `i` alone is not a name (a filler, or a word of
    /// `not_names.txt`: months, weekdays, common nouns).
    pub(crate) fn not_alone(&self, d: &Doc<'_>, i: usize) -> bool {
        self.filler(d, i) || d.is(i, List::NotName)
    }

    /// Appends the names found in the article to `out`.
    pub fn extract(&self, cx: &Context<'_>, out: &mut Vec<Mention>) {
        let text = cx.text;
        let Some((doc, mut cands, matches)) = self.rules(cx, out) else { return };
        if let Some(model) = &self.model {
            super::tagger::merge(self, model.get(), cx, &doc, &matches, out, &mut cands);
        }
        link::resolve(&doc, &mut cands);
        organization::indices(&doc, &mut cands);
        person::attach_roles(self, &doc, &mut cands);
        for c in cands {
            let Some(kind) = c.kind.filter(|_| !c.vetoed) else { continue };
            // A run of capitalized words is not one name past a bound.
            if super::tagger::too_long(&doc, c.a, c.b, kind) {
                continue;
            }
            let rule = if c.confirmed { super::tagger::with_model(c.rule) } else { c.rule };
            let mut m = Mention::new(kind, c.start, c.end, rule);
            m.canonical = Some(c.canonical.unwrap_or_else(|| text[c.start..c.end].to_string()));
            m.role = c.role;
            m.organization = c.organization;
            out.push(m);
        }
    }

    /// The rules' candidates before document-level linking, over the
    /// article's light tokens, with the gazetteer matches; `None` for an
    /// article without tokens. `figures` are the mentions found before.
    pub(crate) fn rules<'a>(
        &'a self,
        cx: &Context<'a>,
        figures: &[Mention],
    ) -> Option<(Doc<'a>, Vec<Cand>, Vec<GazetteerMatch>)> {
        let text = cx.text;
        let mut toks = tokenize(text);
        if toks.is_empty() {
            return None;
        }
        // Tokens inside figures already found are taken.
        for m in figures {
            let k = toks.partition_point(|t| t.end <= m.start);
            for t in toks[k..].iter_mut().take_while(|t| t.start < m.end) {
                t.taken = true;
            }
        }
        let mut matches = Vec::new();
        self.gazetteer.find_all(text, &mut matches);
        let doc = Doc::new(text, toks, &matches, &self.lex, &self.words);
        let mut cands = Vec::new();
        organization::state_bodies_and_institutions(&doc, &mut cands);
        self.candidates(&doc, &mut cands);
        Some((doc, cands, matches))
    }

    /// Finds capitalized sequences and gazetteer matches and classifies them.
    fn candidates(&self, d: &Doc<'_>, out: &mut Vec<Cand>) {
        let n = d.toks.len();
        let mut i = 0;
        while i < n {
            let t = d.toks[i];
            if t.taken {
                i += 1;
                continue;
            }
            // A gazetteer match may start with a lowercase word (« la Poste »).
            let starts_run = (t.word && (t.cap || t.initial)) || d.gaz[i].is_some();
            if !starts_run {
                i += 1;
                continue;
            }
            let mut b = i + 1;
            if let Some((e, _)) = d.gaz[i] {
                b = b.max(e);
            }
            loop {
                if b >= n || d.toks[b].taken || !d.tight(b - 1) {
                    break;
                }
                let tb = d.toks[b];
                if let Some((e, _)) = d.gaz[b]
                    && (tb.cap || tb.word && d.toks[b - 1].word)
                {
                    b = e;
                    continue;
                }
                if tb.word && (tb.cap || tb.initial) {
                    b += 1;
                    continue;
                }
                // Particles: up to two, then a capitalized word.
                let mut k = b;
                while k < n && k < b + 2 && self.connector(d, k) && d.tight(k) {
                    k += 1;
                }
                if k > b && k < n && d.toks[k].word && d.toks[k].cap && !d.toks[k].taken && !self.filler(d, k) {
                    // « Selon la Banque mondiale »: a lexicon name after the
                    // particles is taken whole.
                    b = d.gaz[k].map_or(k + 1, |(e, _)| e.max(k + 1));
                    continue;
                }
                // « Louis de La Villardière »: a capitalized article inside a surname.
                if k > b
                    && k + 1 < n
                    && matches!(d.t(k), "La" | "Le" | "Los" | "Las" | "El" | "Del" | "Van" | "Von")
                    && d.tight(k)
                    && d.toks[k + 1].cap
                    && !d.toks[k + 1].taken
                    && !self.filler(d, k + 1)
                {
                    b = k + 2;
                    continue;
                }
                // al-Assad, el-Sissi: a lowercase prefix word glued by a hyphen.
                break;
            }
            self.classify_run(d, i, b, out);
            i = b;
        }
    }

    fn connector(&self, d: &Doc<'_>, k: usize) -> bool {
        let t = d.toks[k];
        if t.elision {
            let w = d.t(k);
            return w.len() <= 3 && (w.starts_with('d') || w.starts_with('l'));
        }
        // Most words are longer than any particle.
        !t.cap && fits(CONNECTORS_LENGTHS, t) && is_connector(d.t(k))
    }

    /// The run `a..b` without its leading titles, function words, months
    /// (unless a lexicon name starts there) and trailing connectors, and
    /// whether a title preceded the name.
    fn trim_run(&self, d: &Doc<'_>, mut a: usize, mut b: usize) -> (usize, usize, bool) {
        let mut title_before = false;
        while a < b && d.gaz[a].is_none() {
            if d.is(a, List::Title) || (d.toks[a].cap && d.lower_is(a, List::Title)) {
                title_before = true;
                a += 1;
            } else if self.filler(d, a) || self.connector(d, a) || !d.toks[a].word {
                // « Président de la République », « Pasteur de Nice »: the
                // title is followed by its complement, not by a name.
                if matches!(d.t(a), "de" | "du" | "des") || d.toks[a].elision && d.t(a).starts_with('d') {
                    title_before = false;
                }
                a += 1;
            } else {
                break;
            }
        }
        // Never cut a lexicon name (« Commission européenne »).
        let protect = d.gaz_reach(a, b).unwrap_or(a);
        while b > a.max(protect) && (self.connector(d, b - 1) || !d.toks[b - 1].word || self.trailing_filler(d, b - 1))
        {
            b -= 1;
        }
        (a, b, title_before)
    }

    /// Classifies the run `a..b`, splitting it when it holds several names.
    pub(crate) fn classify_run(&self, d: &Doc<'_>, a: usize, b: usize, out: &mut Vec<Cand>) {
        // « De Gendt remporte l'étape »: a capitalized particle opening a
        // sentence before an unknown word is a surname's particle.
        if b - a == 2
            && d.toks[a].at_start
            && matches!(d.t(a), "De" | "Van" | "Von" | "Di" | "Da" | "Del" | "Dos" | "Das" | "Mac" | "Ben")
            && d.gaz[a + 1].is_none()
            && !self.not_alone(d, a + 1)
            && !d.toks[a + 1].upper
        {
            out.push(cand(d, a, b, Some(Kind::Person), "person.particle", Strength::Weak));
            return;
        }
        let (a, b, title_before) = self.trim_run(d, a, b);
        if a >= b {
            return;
        }
        // Exactly one lexicon name.
        if let Some((e, m)) = d.gaz[a]
            && e == b
        {
            let mut c = self.lexicon_cand(d, a, b, m);
            // « le président Hollande »: a title makes a one-word place a person.
            if b - a == 1 && m.kind == Kind::Place && (title_before || person::title_before(self, d, a).is_some()) {
                c.kind = Some(Kind::Person);
                c.rule = "person.title";
                c.strength = Strength::Rule;
                c.canonical = None;
            }
            out.push(c);
            return;
        }
        // « Google Cloud », « Swiss Fintech Innovations »: a one-word
        // organization followed by unknown capitalized words names a unit of it.
        if b - a >= 2
            && let Some((e, m)) = d.gaz[a]
            && e < b
            && m.kind == Kind::Organization
            && !d.toks[a].at_start
            && !d.is(a, List::FirstName)
            && (e..b).all(|k| {
                d.toks[k].cap
                    && d.gaz[k].is_none()
                    && !self.not_alone(d, k)
                    && !d.is(k, List::FirstName)
                    && !d.toks[k].upper
            })
        {
            out.push(cand(d, a, b, Some(Kind::Organization), "organization.extension", Strength::Rule));
            return;
        }
        // « Usain Bolt »: an unknown capitalized word before a one-word
        // organization name reads as a person.
        if b - a == 2
            && d.gaz[a].is_none()
            && let Some((e, m)) = d.gaz[a + 1]
            && e == b
            && m.kind == Kind::Organization
            && d.toks[a].cap
            && !d.toks[a].upper
            && !d.toks[a + 1].upper
            && !self.filler(d, a)
            && !d.is(a, List::OrgHead)
        {
            out.push(cand(d, a, b, Some(Kind::Person), "person.fallback", Strength::Weak));
            return;
        }
        // « Banque de France », « Ministère de l'Intérieur »: a head noun opens the name.
        if b - a > 1
            && d.toks[a].cap
            && (d.is(a, List::OrgHead) || d.is(a, List::NameHead))
            && d.t(b - 1).chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !organization::roman(d.t(b - 1))
        {
            out.push(cand(d, a, b, Some(Kind::Organization), "organization.head", Strength::Rule));
            return;
        }
        if b - a > 1 && d.is(b - 1, List::OrgSuffix) && !d.is(b - 1, List::FirstName) {
            out.push(cand(d, a, b, Some(Kind::Organization), "organization.suffix", Strength::Rule));
            return;
        }
        // A person followed by « de X »: « Sundar Pichai de Google » is two names.
        // (The first name is checked first: the search walks the whole run.)
        if person::starts_with_first_name(d, a)
            && let Some(k) =
                (a + 2..b).find(|&k| self.connector(d, k) && matches!(d.t(k), "de" | "du" | "des") || d.toks[k].elision)
            && (a..k).filter(|&j| d.toks[j].cap).count() >= 2
            && self.organization_at(d, k + 1, b)
        {
            self.classify_run(d, a, k, out);
            self.classify_run(d, k + 1, b, out);
            return;
        }
        // Lexicon names inside the run: split around them, unless the run
        // opens with a first name (« François Hollande »).
        let inner = d.gaz_within(a, b);
        let first_name_opens =
            person::starts_with_first_name(d, a) && !d.toks[a].upper && d.gaz[a].is_none_or(|(e, _)| e == a + 1);
        if let Some(k) = inner
            && !first_name_opens
        {
            if k > a {
                self.classify_plain(d, a, k, title_before, out);
            }
            let (e, m) = d.gaz[k].expect("checked");
            out.push(self.lexicon_cand(d, k, e, m));
            if e < b {
                self.classify_run(d, e, b, out);
            }
            return;
        }
        self.classify_plain(d, a, b, title_before, out);
    }

    /// True when token `k` is a capitalized demonym used as a noun
    /// (« Roumaine », « Britanniques »).
    pub(crate) fn demonym(&self, d: &Doc<'_>, k: usize) -> bool {
        let t = d.toks[k];
        t.word && t.cap && !t.upper && d.lower_is(k, List::Nationality)
    }

    /// True when an organization name starts at `k` (after an article):
    /// a lexicon organization or a head noun (« l’Université Zorgville »).
    fn organization_at(&self, d: &Doc<'_>, mut k: usize, b: usize) -> bool {
        if k < b && (matches!(d.t(k), "la" | "l'" | "l’") || d.toks[k].elision) {
            k += 1;
        }
        k + 1 < b && d.toks[k].cap && d.is(k, List::NameHead)
            || k < b && d.gaz[k].is_some_and(|(_, m)| m.kind == Kind::Organization)
    }

    fn trailing_filler(&self, d: &Doc<'_>, i: usize) -> bool {
        !d.toks[i].upper && d.is(i, List::Stopword)
    }

    fn lexicon_cand(&self, d: &Doc<'_>, a: usize, b: usize, m: GazetteerMatch) -> Cand {
        let rule = if m.kind == Kind::Organization { "organization.lexicon" } else { "place.lexicon" };
        let mut c = cand(d, a, b, Some(m.kind), rule, Strength::Lexicon);
        // A lexicon word at a sentence start that is also a function word is not a name.
        if b - a == 1 && (d.toks[a].at_start && self.filler(d, a) || d.is(a, List::NotName)) {
            c.kind = None;
        }
        if b - a == 1 && d.toks[a].upper && d.is(a, List::AcronymWord) {
            c.kind = None;
        }
        c.canonical = Some(self.gazetteer.canonical(m.kind, m.entry).to_string());
        c
    }

    /// Classifies a run with no lexicon name in it.
    fn classify_plain(&self, d: &Doc<'_>, mut a: usize, mut b: usize, title_before: bool, out: &mut Vec<Cand>) {
        while a < b && (self.connector(d, a) || !d.toks[a].word || self.filler(d, a)) {
            a += 1;
        }
        while b > a && (self.connector(d, b - 1) || !d.toks[b - 1].word || self.trailing_filler(d, b - 1)) {
            b -= 1;
        }
        if a >= b {
            return;
        }
        // « la Roumaine Zorescu », « les Britanniques Thorne »: a capitalized
        // demonym before unknown capitalized words names a person.
        let after_demonym = |s: usize| {
            b - s <= 3
                && d.toks[s].cap
                && !d.toks[s].upper
                && (s..b).all(|k| d.toks[k].cap && !self.not_alone(d, k) || self.connector(d, k))
                && !d.span(s, b).bytes().any(|c| c.is_ascii_digit())
        };
        if b - a >= 2 && self.demonym(d, a) && !person::starts_with_first_name(d, a) && after_demonym(a + 1) {
            out.push(cand(d, a + 1, b, Some(Kind::Person), "person.demonym", Strength::Rule));
            return;
        }
        if a > 0 && d.tight(a - 1) && self.demonym(d, a - 1) && after_demonym(a) {
            out.push(cand(d, a, b, Some(Kind::Person), "person.demonym", Strength::Rule));
            return;
        }
        // « Bermudienne Flora Duffy », « Intérieur Bernard Cazeneuve »: a word
        // before a first name and a surname is not part of the name.
        if b - a >= 3
            && !person::starts_with_first_name(d, a)
            && person::starts_with_first_name(d, a + 1)
            && (self.not_alone(d, a) || d.is(a, List::Title) || person::demonym_like(d.t(a)))
        {
            self.classify_plain(d, a, a + 1, title_before, out);
            self.classify_plain(d, a + 1, b, false, out);
            return;
        }
        if b - a == 1 && self.not_alone(d, a) {
            return;
        }
        // « la fintech genevoise Kelvora a annoncé »: the cue noun wins over the verb.
        if !person::starts_with_first_name(d, a) && organization::cue_before(self, d, a) {
            out.push(cand(d, a, b, Some(Kind::Organization), "organization.cue", Strength::Rule));
            return;
        }
        if let Some(c) = person::classify(self, d, a, b, title_before) {
            out.push(c);
            return;
        }
        if let Some(c) = organization::classify(self, d, a, b) {
            out.push(c);
            return;
        }
        if let Some(c) = place::classify(self, d, a, b) {
            out.push(c);
            return;
        }
        // A single capitalized word at a sentence start says nothing.
        out.push(cand(d, a, b, None, "name.unknown", Strength::Unknown));
    }
}

#[cfg(test)]
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn awkward_inputs_do_not_panic() {
        let lex = Lexicons::load(None).unwrap();
        let settings = Settings::default();
        let names = Names::new(lex, &settings).unwrap();
        let inputs = [
            "",
            "A",
            "M.",
            "J.-",
            "J.-P",
            "l'",
            "Le",
            "(AWS",
            "Amazon (",
            "Paris (AWS)",
            "de",
            "Jean de",
            "Le PDG d'Alphabet,",
            "Andy Jassy,",
            "X (Y) (",
            "é\u{301}É",
            "« Jean »",
            "gouvernement du",
            "ministre de l'",
            "De",
            "Alistair et",
            "Zorglub Web Services (ZWS",
            "\u{b}Jean Dupont\u{b}",
            "O'",
            "A.-B.-C.-",
        ];
        for text in inputs {
            let sentences = crate::text::split_sentences(text);
            let cx = Context::new(text, &sentences, &settings);
            let mut out = Vec::new();
            names.extract(&cx, &mut out);
            for m in &out {
                assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end) && m.start < m.end, "{text:?}");
            }
        }
    }

    #[test]
    fn connectors_match_their_list() {
        for w in CONNECTORS {
            assert!(is_connector(w), "{w}");
        }
        for w in ["", "d", "dé", "De", "della ", "andthe", "l'", "en", "des-"] {
            assert!(!is_connector(w), "{w}");
        }
    }
}
