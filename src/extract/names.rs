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
use crate::lexicon::{Gazetteer, GazetteerMatch, Lexicons};
use crate::pipeline::Settings;
use crate::record::Kind;

/// The names extractor, built once from the lexicons.
#[derive(Debug)]
pub struct Names {
    pub(crate) lex: Lexicons,
    pub(crate) gazetteer: Gazetteer,
}

/// A light token: a byte range and what it looks like.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    /// Letters or digits (possibly with inner hyphens).
    pub word: bool,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Every letter upper-case, at least two letters (« AWS », « SNCF »).
    pub upper: bool,
    /// An elided determiner or preposition with its apostrophe (« l’ », « d’ »).
    pub elision: bool,
    /// An initial (« J. », « J.-P. »).
    pub initial: bool,
    /// First word of a sentence, a line, or after « : », « « », a dash.
    pub at_start: bool,
    /// Inside a mention found by an earlier extractor (money, percent).
    pub taken: bool,
}

/// How sure a classification is; stronger evidence wins during linking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Strength {
    /// No evidence: kept only if the article links it to a known name.
    Unknown,
    /// Weak context (a preposition, an all-caps word, a fallback).
    Weak,
    /// A rule with specific evidence (first name, title, head noun, cue).
    Rule,
    /// A lexicon entry or a definition in the text.
    Lexicon,
}

/// A candidate name: a token range, its bytes and its classification.
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    /// First token.
    pub a: usize,
    /// One past the last token.
    pub b: usize,
    pub start: usize,
    pub end: usize,
    pub kind: Option<Kind>,
    pub rule: &'static str,
    pub strength: Strength,
    pub canonical: Option<String>,
    pub role: Option<String>,
    pub organization: Option<String>,
}

/// What rule families see of the article.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// Gazetteer match starting at a token: (end token, match).
    pub gaz: Vec<Option<(usize, GazetteerMatch)>>,
}

impl<'a> Doc<'a> {
    /// The text of token `i`.
    pub fn t(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }

    /// The text of the tokens `a..b`.
    pub fn span(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }

    /// The words `a..b` joined by single spaces, apostrophes folded, for
    /// comparison with multi-word lexicon entries.
    pub fn words(&self, a: usize, b: usize) -> String {
        let cap = if b > a { self.toks[b - 1].end.saturating_sub(self.toks[a].start) } else { 0 };
        let mut s = String::with_capacity(cap + b.saturating_sub(a));
        for i in a..b {
            if i > a && !self.toks[i - 1].elision {
                s.push(' ');
            }
            s.push_str(self.t(i));
        }
        if s.contains('’') { s.replace('’', "'") } else { s }
    }

    /// True when only blanks (no line break) separate tokens `i` and `i + 1`.
    pub fn tight(&self, i: usize) -> bool {
        if i + 1 >= self.toks.len() {
            return false;
        }
        let gap = &self.text[self.toks[i].end..self.toks[i + 1].start];
        !gap.contains('\n')
    }

    /// True when token `i` is the punctuation `c`.
    pub fn punct(&self, i: usize, c: char) -> bool {
        i < self.toks.len() && !self.toks[i].word && !self.toks[i].elision && self.t(i).starts_with(c)
    }
}

/// True for « al-Assad », « el-Sissi », « ad-Dawla »: a lowercase Arabic
/// article, a hyphen, then a capital.
fn article_prefixed(w: &str) -> bool {
    const ARTICLES: &[&str] = &["al-", "el-", "ad-", "ed-", "ach-", "ash-", "as-", "ar-", "at-", "az-", "an-"];
    ARTICLES.iter().any(|p| w.strip_prefix(p).and_then(|r| r.chars().next()).is_some_and(char::is_uppercase))
}

const ELIDED: &[&str] = &["l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into light tokens in one pass.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let b = text.as_bytes();
    let mut i = 0;
    let mut start_next = true;
    while i < b.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let cl = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' || c == '\r' {
                start_next = true;
            }
            i += cl;
            continue;
        }
        if c.is_alphanumeric() {
            let s = i;
            let mut j = i + cl;
            let mut letters = usize::from(c.is_alphabetic());
            let mut all_upper = c.is_uppercase();
            let mut elision = false;
            while j < b.len() {
                let d = text[j..].chars().next().unwrap_or(' ');
                if d.is_alphanumeric() {
                    letters += usize::from(d.is_alphabetic());
                    if d.is_lowercase() {
                        all_upper = false;
                    }
                    j += d.len_utf8();
                    continue;
                }
                let next = text[j + d.len_utf8()..].chars().next();
                if d == '-' && next.is_some_and(char::is_alphanumeric) {
                    j += 1;
                    continue;
                }
                if is_apostrophe(d) {
                    let w = &text[s..j];
                    if ELIDED.iter().any(|e| w.eq_ignore_ascii_case(e)) {
                        j += d.len_utf8();
                        elision = true;
                    } else if j - s == 1 && c.is_uppercase() && next.is_some_and(char::is_uppercase) {
                        // O'Neill, D'Alembert
                        j += d.len_utf8();
                        continue;
                    }
                }
                break;
            }
            // « al-Assad », « el-Sissi »: a lowercase article glued to a
            // capitalized word is part of a name.
            let cap = c.is_uppercase() || !elision && article_prefixed(&text[s..j]);
            let mut tok = Tok {
                start: s,
                end: j,
                word: !elision,
                cap: cap && !elision,
                upper: !elision && all_upper && letters >= 2,
                elision,
                at_start: start_next,
                ..Tok::default()
            };
            // Initials: « J. », « J.-P. », « Ch. »
            if !elision
                && cap
                && letters <= 2
                && text[j..].starts_with('.')
                && (j - s == cl || letters == 2 && !all_upper)
            {
                let mut k = j + 1;
                loop {
                    let rest = &text[k..];
                    let mut it = rest.chars();
                    if it.next() == Some('-')
                        && let Some(u) = it.next()
                        && u.is_uppercase()
                        && it.next() == Some('.')
                    {
                        k += 1 + u.len_utf8() + 1;
                        continue;
                    }
                    break;
                }
                tok.end = k;
                tok.initial = true;
                tok.upper = false;
            }
            toks.push(tok);
            start_next = false;
            i = tok.end;
            continue;
        }
        toks.push(Tok { start: i, end: i + cl, at_start: start_next, ..Tok::default() });
        start_next = matches!(c, '.' | '!' | '?' | '…' | ':' | '«' | '"' | '“' | '—' | '–' | '•' | ';' | '(' | '[');
        i += cl;
    }
    toks
}

/// Lowercase particles that may join the words of one name.
const CONNECTORS: &[&str] = &[
    "de", "du", "des", "la", "le", "les", "van", "von", "der", "den", "ben", "bin", "ibn", "el", "al", "di", "da",
    "del", "della", "dos", "das", "do", "y", "zu", "of", "the", "&",
];

impl Names {
    /// Builds the extractor: compiles the gazetteer automaton once.
    pub fn new(mut lexicons: Lexicons, _settings: &Settings) -> Result<Self> {
        let gazetteer = lexicons.gazetteer();
        // The gazetteer now holds the organizations and places; the word
        // lists are kept as they are, without copying them.
        lexicons.organizations = Vec::new();
        lexicons.places = Vec::new();
        Ok(Names { lex: lexicons, gazetteer })
    }

    /// True when a capitalized token cannot start or end a name by itself
    /// (function word, month, weekday, nationality).
    pub(crate) fn filler(&self, d: &Doc<'_>, i: usize) -> bool {
        let w = d.t(i);
        (!d.toks[i].upper && self.lex.stopwords.contains(w)) || self.lex.nationalities.contains(w)
    }

    /// True when token `i` alone is not a name (a filler, or a word of
    /// `not_names.txt`: months, weekdays, common nouns).
    pub(crate) fn not_alone(&self, d: &Doc<'_>, i: usize) -> bool {
        self.filler(d, i) || self.lex.not_names.contains(d.t(i))
    }

    /// Appends the names found in the article to `out`.
    pub fn extract(&self, cx: &Context<'_>, out: &mut Vec<Mention>) {
        let text = cx.text;
        let mut toks = tokenize(text);
        if toks.is_empty() {
            return;
        }
        // Tokens inside figures already found are taken.
        for m in out.iter() {
            let k = toks.partition_point(|t| t.end <= m.start);
            for t in toks[k..].iter_mut().take_while(|t| t.start < m.end) {
                t.taken = true;
            }
        }
        let mut matches = Vec::new();
        self.gazetteer.find_all(text, &mut matches);
        let mut gaz = vec![None; toks.len()];
        for m in matches {
            let a = toks.partition_point(|t| t.start < m.start);
            let b = toks.partition_point(|t| t.end <= m.end);
            if a < toks.len() && toks[a].start == m.start && b > a && toks[b - 1].end == m.end {
                gaz[a] = Some((b, m));
            }
        }
        let doc = Doc { text, toks, gaz };
        let mut cands = Vec::new();
        organization::governments(self, &doc, &mut cands);
        organization::institutions(&doc, &mut cands);
        self.candidates(&doc, &mut cands);
        link::resolve(self, &doc, &mut cands);
        organization::indices(&doc, &mut cands);
        person::attach_roles(self, &doc, &mut cands);
        for c in cands {
            let Some(kind) = c.kind else { continue };
            let mut m = Mention::new(kind, c.start, c.end, c.rule);
            m.canonical = Some(c.canonical.unwrap_or_else(|| text[c.start..c.end].to_string()));
            m.role = c.role;
            m.organization = c.organization;
            out.push(m);
        }
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
                    b = k + 1;
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
        !t.cap && CONNECTORS.iter().any(|c| d.t(k) == *c)
    }

    /// Classifies the run `a..b`, splitting it when it holds several names.
    pub(crate) fn classify_run(&self, d: &Doc<'_>, mut a: usize, mut b: usize, out: &mut Vec<Cand>) {
        let mut title_before = false;
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
        // Leading titles, function words, months... (unless a lexicon name starts there).
        while a < b && d.gaz[a].is_none() {
            let w = d.t(a);
            if self.lex.titles.contains(w) || (d.toks[a].cap && self.lex.titles.contains(&w.to_lowercase())) {
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
        let protect = (a..b).filter_map(|k| d.gaz[k].map(|(e, _)| e)).max().unwrap_or(a);
        while b > a.max(protect) && (self.connector(d, b - 1) || !d.toks[b - 1].word || self.trailing_filler(d, b - 1))
        {
            b -= 1;
        }
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
            && e == a + 1
            && m.kind == Kind::Organization
            && !d.toks[a].at_start
            && !self.lex.first_names.contains(d.t(a))
            && (a + 1..b).all(|k| {
                d.toks[k].cap
                    && d.gaz[k].is_none()
                    && !self.not_alone(d, k)
                    && !self.lex.first_names.contains(d.t(k))
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
            && !self.lex.org_heads.contains(d.t(a))
        {
            out.push(cand(d, a, b, Some(Kind::Person), "person.fallback", Strength::Weak));
            return;
        }
        // « Banque de France », « Ministère de l'Intérieur »: a head noun opens the name.
        if b - a > 1
            && d.toks[a].cap
            && (self.lex.org_heads.contains(d.t(a)) || organization::name_head(d.t(a)))
            && d.t(b - 1).chars().filter(|c| c.is_alphabetic()).count() >= 2
            && !organization::roman(d.t(b - 1))
        {
            out.push(cand(d, a, b, Some(Kind::Organization), "organization.head", Strength::Rule));
            return;
        }
        if b - a > 1 && self.lex.org_suffixes.contains(d.t(b - 1)) && !self.lex.first_names.contains(d.t(b - 1)) {
            out.push(cand(d, a, b, Some(Kind::Organization), "organization.suffix", Strength::Rule));
            return;
        }
        // A person followed by « de X »: « Sundar Pichai de Google » is two names.
        if let Some(k) =
            (a + 2..b).find(|&k| self.connector(d, k) && matches!(d.t(k), "de" | "du" | "des") || d.toks[k].elision)
            && person::starts_with_first_name(self, d, a)
            && (a..k).filter(|&j| d.toks[j].cap).count() >= 2
            && self.organization_at(d, k + 1, b)
        {
            self.classify_run(d, a, k, out);
            self.classify_run(d, k + 1, b, out);
            return;
        }
        // Lexicon names inside the run: split around them, unless the run
        // opens with a first name (« François Hollande »).
        let inner = (a..b).find(|&k| d.gaz[k].is_some_and(|(e, _)| e <= b));
        let first_name_opens =
            person::starts_with_first_name(self, d, a) && !d.toks[a].upper && d.gaz[a].is_none_or(|(e, _)| e == a + 1);
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
        t.word && t.cap && !t.upper && self.lex.nationalities.contains(&d.t(k).to_lowercase())
    }

    /// True when an organization name starts at `k` (after an article):
    /// a lexicon organization or a head noun (« l’Université Zorgville »).
    fn organization_at(&self, d: &Doc<'_>, mut k: usize, b: usize) -> bool {
        if k < b && (matches!(d.t(k), "la" | "l'" | "l’") || d.toks[k].elision) {
            k += 1;
        }
        k + 1 < b && d.toks[k].cap && organization::name_head(d.t(k))
            || k < b && d.gaz[k].is_some_and(|(_, m)| m.kind == Kind::Organization)
    }

    fn trailing_filler(&self, d: &Doc<'_>, i: usize) -> bool {
        !d.toks[i].upper && self.lex.stopwords.contains(d.t(i))
    }

    fn lexicon_cand(&self, d: &Doc<'_>, a: usize, b: usize, m: GazetteerMatch) -> Cand {
        let rule = if m.kind == Kind::Organization { "organization.lexicon" } else { "place.lexicon" };
        let mut c = cand(d, a, b, Some(m.kind), rule, Strength::Lexicon);
        // A lexicon word at a sentence start that is also a function word is not a name.
        if b - a == 1 && (d.toks[a].at_start && self.filler(d, a) || self.lex.not_names.contains(d.t(a))) {
            c.kind = None;
        }
        if b - a == 1 && d.toks[a].upper && self.lex.acronym_words.contains(d.t(a)) {
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
        if b - a >= 2 && self.demonym(d, a) && !person::starts_with_first_name(self, d, a) && after_demonym(a + 1) {
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
            && !person::starts_with_first_name(self, d, a)
            && person::starts_with_first_name(self, d, a + 1)
            && (self.not_alone(d, a) || self.lex.titles.contains(d.t(a)) || person::demonym_like(d.t(a)))
        {
            self.classify_plain(d, a, a + 1, title_before, out);
            self.classify_plain(d, a + 1, b, false, out);
            return;
        }
        if b - a == 1 && self.not_alone(d, a) {
            return;
        }
        // « la fintech genevoise Kelvora a annoncé »: the cue noun wins over the verb.
        if !person::starts_with_first_name(self, d, a) && organization::cue_before(self, d, a) {
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

/// A candidate over tokens `a..b`.
pub(crate) fn cand(
    d: &Doc<'_>,
    a: usize,
    b: usize,
    kind: Option<Kind>,
    rule: &'static str,
    strength: Strength,
) -> Cand {
    Cand {
        a,
        b,
        start: d.toks[a].start,
        end: d.toks[b - 1].end,
        kind,
        rule,
        strength,
        canonical: None,
        role: None,
        organization: None,
    }
}

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
    fn tokens_elisions_initials_hyphens() {
        let text = "l’ONU et J.-P. Dupont, d'Alphabet ; Jean-Yves O'Neill.";
        let toks = tokenize(text);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(
            words,
            ["l’", "ONU", "et", "J.-P.", "Dupont", ",", "d'", "Alphabet", ";", "Jean-Yves", "O'Neill", "."]
        );
        assert!(toks[1].upper && toks[0].elision && toks[3].initial && toks[0].at_start && !toks[1].at_start);
    }
}
