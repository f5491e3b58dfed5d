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

use std::cell::{Cell, RefCell};

use super::link;
use super::organization;
use super::person;
use super::place;
use super::{Context, Mention};
use crate::Result;
use crate::lexicon::{Gazetteer, GazetteerMatch, Lexicons, WordIndex, WordSet};
use crate::pipeline::Settings;
use crate::record::Kind;
use crate::text::chars::{is_alnum, is_alpha};

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
    /// A line break stands between the previous token and this one.
    pub line_before: bool,
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
    /// The tagger found no name here: the weak rules may not type it again.
    pub vetoed: bool,
    /// The tagger found this very name (the output rule is `model+<rule>`).
    pub confirmed: bool,
}

/// What rule families see of the article.
pub(crate) struct Doc<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok>,
    /// Gazetteer match starting at a token: (end token, match).
    pub gaz: Vec<Option<(usize, GazetteerMatch)>>,
    /// The tokens where a gazetteer match starts, in order. The matches do
    /// not overlap (the automaton resumes after each one), so the last match
    /// starting in a range reaches farthest.
    gaz_starts: Vec<usize>,
    lex: &'a Lexicons,
    /// The one-word lists merged.
    index: &'a WordIndex,
    /// Per token: its bits in the [`WordIndex`], looked up when the token
    /// is first asked about ([`KNOWN`]; one lookup answers every list), and
    /// the answer for [`List::Given`] once asked ([`GIVEN_ASKED`],
    /// [`GIVEN_YES`]). A lookup in the index costs about as much as one in
    /// a table of the article's distinct words would.
    memo: Vec<Cell<u32>>,
    /// A buffer for the phrases of [`Doc::phrase_in`].
    scratch: RefCell<String>,
}

/// The word lists a token is looked up in (see [`Doc::is`]).
#[derive(Debug, Clone, Copy)]
pub(crate) enum List {
    Stopword,
    Nationality,
    NotName,
    /// A first name, as listed.
    FirstName,
    /// A first name or a compound of two (« Jean-Yves »).
    Given,
    Title,
    OrgHead,
    OrgSuffix,
    AcronymWord,
    /// May end a title phrase ([`crate::lexicon::WordSet::may_end_with`]).
    TitleEnd,
    /// May end a person cue phrase.
    CueEnd,
    /// May end an organization head phrase.
    HeadEnd,
    /// A noun opening an institution's name ([`organization::NAME_HEADS`]).
    NameHead,
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

/// [`Doc::memo`]: the index bits are there.
const KNOWN: u32 = 1 << 29;
/// [`Doc::memo`]: [`List::Given`] was asked, and its answer.
const GIVEN_ASKED: u32 = 1 << 30;
const GIVEN_YES: u32 = 1 << 31;

impl List {
    /// The bits of the [`WordIndex`] of [`word_index`] that answer for the
    /// list (none for [`List::Given`], asked apart).
    const fn mask(self) -> u32 {
        // The list number `k` in `word_index`: its entries, or every word
        // that may end one of its entries.
        const fn entry(k: u32) -> u32 {
            1 << (2 * k)
        }
        const fn end(k: u32) -> u32 {
            3 << (2 * k)
        }
        match self {
            List::Stopword => entry(0),
            List::Nationality => entry(1),
            List::NotName => entry(2),
            List::FirstName => entry(3),
            List::Given => 0,
            List::Title => entry(4),
            List::OrgHead => entry(5),
            List::OrgSuffix => entry(6),
            List::AcronymWord => entry(7),
            List::TitleEnd => end(4),
            List::CueEnd => end(8),
            List::HeadEnd => end(5),
            List::NameHead => entry(9),
        }
    }
}

// The index bits stay clear of the `Given` bits.
const _: () = assert!(List::NameHead.mask() < KNOWN);

impl<'a> Doc<'a> {
    /// Builds the view of `text` split into `toks`, with the gazetteer
    /// matches (in order, not overlapping) placed on the tokens they cover.
    fn new(text: &'a str, toks: Vec<Tok>, matches: &[GazetteerMatch], names: &'a Names) -> Self {
        let mut gaz = vec![None; toks.len()];
        let mut gaz_starts = Vec::new();
        for &m in matches {
            let a = toks.partition_point(|t| t.start < m.start);
            let b = toks.partition_point(|t| t.end <= m.end);
            if a < toks.len() && toks[a].start == m.start && b > a && toks[b - 1].end == m.end {
                gaz[a] = Some((b, m));
                gaz_starts.push(a);
            }
        }
        let memo = vec![Cell::new(0); toks.len()];
        Doc { text, toks, gaz, gaz_starts, lex: &names.lex, index: &names.words, memo, scratch: RefCell::default() }
    }

    /// The text of token `i`.
    pub fn t(&self, i: usize) -> &'a str {
        &self.text[self.toks[i].start..self.toks[i].end]
    }

    /// The text of the tokens `a..b`.
    pub fn span(&self, a: usize, b: usize) -> &'a str {
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }

    /// True when the word of token `i` is in `list` (any case); each token
    /// is looked up once, whatever lists are asked.
    #[inline]
    pub fn is(&self, i: usize, list: List) -> bool {
        let memo = self.memo[i].get();
        if memo & KNOWN != 0 {
            if !matches!(list, List::Given) {
                return memo & list.mask() != 0;
            }
            if memo & GIVEN_ASKED != 0 {
                return memo & GIVEN_YES != 0;
            }
        }
        self.look_up(i, list)
    }

    /// [`Doc::is`] for a token not asked about yet, or for [`List::Given`]
    /// asked first.
    #[inline(never)]
    fn look_up(&self, i: usize, list: List) -> bool {
        let mut memo = self.memo[i].get();
        if memo & KNOWN == 0 {
            memo = self.index.flags(self.t(i)) | KNOWN;
            self.memo[i].set(memo);
        }
        if !matches!(list, List::Given) {
            return memo & list.mask() != 0;
        }
        if memo & GIVEN_ASKED != 0 {
            return memo & GIVEN_YES != 0;
        }
        let first_names = &self.lex.first_names;
        let answer = memo & List::FirstName.mask() != 0
            || self.t(i).split_once('-').is_some_and(|(x, y)| first_names.contains(x) && first_names.contains(y));
        self.memo[i].set(memo | GIVEN_ASKED | if answer { GIVEN_YES } else { 0 });
        answer
    }

    /// True when the word `w` of token `i`, lowercased, is in `list`
    /// (`Title` or `Nationality`). Lookups ignore case already; only a
    /// final sigma lowercases differently in a whole word (« Σ » → « ς »).
    pub fn lower_is(&self, i: usize, list: List) -> bool {
        let w = self.t(i);
        if w.is_ascii() || !w.contains('Σ') {
            return self.is(i, list);
        }
        let lower = w.to_lowercase();
        match list {
            List::Nationality => self.lex.nationalities.contains(&lower),
            _ => self.lex.titles.contains(&lower),
        }
    }

    /// True when the words `a..b`, joined by single spaces (none after an
    /// elision), make an entry of `list`. The phrase is built in a reused
    /// buffer, and only when its last word may end an entry.
    pub fn phrase_in(&self, list: Phrases, a: usize, b: usize) -> bool {
        let (end, single, set) = self.phrases(list);
        if b <= a || !self.is(b - 1, end) {
            return false;
        }
        if b - a == 1
            && let Some(single) = single
        {
            return self.is(a, single);
        }
        self.with_phrase(a, b, |p| set.contains(p))
    }

    /// The first token `lo` of the longest stretch `lo..a` (at most `max`
    /// tokens, each passing `fits`) whose suffixes `k..a` may all end an
    /// entry of `list`. Every suffix of an entry that starts at a word may
    /// end an entry ([`crate::lexicon::WordSet::may_end_with`]), so no
    /// entry made of the words `s..a` starts before `lo`: callers try the
    /// phrases `lo..a` only, longest first.
    pub fn phrase_floor(&self, list: Phrases, a: usize, max: usize, fits: impl Fn(usize) -> bool) -> usize {
        let (end, _, set) = self.phrases(list);
        let mut lo = a;
        while lo > 0 && a - lo < max && fits(lo - 1) {
            let s = lo - 1;
            let may_end = if s + 1 == a { self.is(s, end) } else { self.with_phrase(s, a, |p| set.may_end_with(p)) };
            if !may_end {
                break;
            }
            lo = s;
        }
        lo
    }

    /// The per-word lists of a phrase list: its possible last words, its
    /// one-word entries (when cached), and the list itself.
    fn phrases(&self, list: Phrases) -> (List, Option<List>, &'a WordSet) {
        match list {
            Phrases::Title => (List::TitleEnd, Some(List::Title), &self.lex.titles),
            Phrases::OrgHead => (List::HeadEnd, Some(List::OrgHead), &self.lex.org_heads),
            Phrases::Cue => (List::CueEnd, None, &self.lex.person_cues),
        }
    }

    /// Calls `f` with the words `a..b` joined by single spaces (none after
    /// an elision), built in the reused buffer.
    fn with_phrase(&self, a: usize, b: usize, f: impl FnOnce(&str) -> bool) -> bool {
        let mut s = self.scratch.borrow_mut();
        s.clear();
        for i in a..b {
            if i > a && !self.toks[i - 1].elision {
                s.push(' ');
            }
            // Apostrophes folded, so that lookups take their ASCII path.
            let w = self.t(i);
            if w.contains('’') {
                s.extend(w.chars().map(|c| if c == '’' { '\'' } else { c }));
            } else {
                s.push_str(w);
            }
        }
        f(&s)
    }

    /// The end of the last gazetteer match starting in `a..b` (the one that
    /// reaches farthest), if any.
    pub fn gaz_reach(&self, a: usize, b: usize) -> Option<usize> {
        let k = self.gaz_starts.partition_point(|&s| s < b);
        let s = *self.gaz_starts[..k].last()?;
        if s < a {
            return None;
        }
        self.gaz[s].map(|(e, _)| e)
    }

    /// The first gazetteer match starting in `a..b` that ends by `b`.
    pub fn gaz_within(&self, a: usize, b: usize) -> Option<usize> {
        let k = self.gaz_starts.partition_point(|&s| s < a);
        self.gaz_starts[k..].iter().take_while(|&&s| s < b).copied().find(|&s| self.gaz[s].is_some_and(|(e, _)| e <= b))
    }

    /// True when only blanks (no line break) separate tokens `i` and `i + 1`.
    pub fn tight(&self, i: usize) -> bool {
        self.toks.get(i + 1).is_some_and(|t| !t.line_before)
    }

    /// True when token `i` is the punctuation `c`.
    pub fn punct(&self, i: usize, c: char) -> bool {
        let Some(&t) = self.toks.get(i) else { return false };
        // Tokens are not empty: an ASCII mark is the first byte.
        !t.word
            && !t.elision
            && if c.is_ascii() { self.text.as_bytes()[t.start] == c as u8 } else { self.t(i).starts_with(c) }
    }
}

/// The phrase lists of [`Doc::phrase_in`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Phrases {
    Title,
    OrgHead,
    Cue,
}

/// True for « al-Assad », « el-Sissi », « ad-Dawla »: a lowercase Arabic
/// article, a hyphen, then a capital.
fn article_prefixed(w: &str) -> bool {
    // Every article is two or three letters long: most words are rejected here.
    let b = w.as_bytes();
    if b.get(2) != Some(&b'-') && b.get(3) != Some(&b'-') {
        return false;
    }
    const ARTICLES: &[&str] = &["al-", "el-", "ad-", "ed-", "ach-", "ash-", "as-", "ar-", "at-", "az-", "an-"];
    ARTICLES.iter().any(|p| w.strip_prefix(p).and_then(|r| r.chars().next()).is_some_and(char::is_uppercase))
}

const ELIDED: &[&str] = &["l", "d", "j", "n", "s", "c", "m", "t", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu"];

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// [`ASCII_CLASS`] bits: a letter or digit, a letter, a lowercase letter.
const ALNUM: u8 = 1;
const ALPHA: u8 = 2;
const LOWER: u8 = 4;

/// The class of each byte for the tokenizer's inner loop: 0 for all but
/// ASCII letters and digits.
const ASCII_CLASS: [u8; 256] = {
    let mut class = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        class[b] = if c.is_ascii_lowercase() {
            ALNUM | ALPHA | LOWER
        } else if c.is_ascii_uppercase() {
            ALNUM | ALPHA
        } else if c.is_ascii_digit() {
            ALNUM
        } else {
            0
        };
        b += 1;
    }
    class
};

/// The character at byte `i` of `text` (a char boundary), decoded only outside ASCII.
fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => char::from(b),
        _ => text[i..].chars().next().unwrap_or(' '),
    }
}

/// Splits `text` into light tokens in one pass.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5);
    let b = text.as_bytes();
    let mut i = 0;
    let mut start_next = true;
    let mut line_next = false;
    while i < b.len() {
        // The space between words.
        if b[i] == b' ' {
            i += 1;
            continue;
        }
        let c = char_at(text, i);
        let cl = c.len_utf8();
        // An ASCII letter or digit, the most frequent start: a word.
        let ascii_word = ASCII_CLASS[usize::from(b[i])] != 0;
        // Common punctuation outside ASCII, neither blank nor a letter: no
        // Unicode table to ask.
        if !c.is_ascii() && matches!(c, '«' | '»' | '’' | '“' | '”' | '–' | '—' | '…' | '•') {
            toks.push(Tok { start: i, end: i + cl, at_start: start_next, line_before: line_next, ..Tok::default() });
            start_next = c != '»' && c != '’' && c != '”';
            line_next = false;
            i += cl;
            continue;
        }
        if !ascii_word && c.is_whitespace() {
            if c == '\n' || c == '\r' {
                start_next = true;
            }
            line_next |= c == '\n';
            i += cl;
            continue;
        }
        if ascii_word || is_alnum(c) {
            let s = i;
            let mut j = i + cl;
            let mut letters = usize::from(is_alpha(c));
            let mut all_upper = c.is_uppercase();
            let mut elision = false;
            // Only a word opening with a capital may be in capitals or an
            // initial: the letters of the others need not be counted
            // (`letters` is exact only when `counted`).
            let counted = all_upper;
            while j < b.len() {
                if !counted {
                    while b.get(j).is_some_and(|&x| ASCII_CLASS[usize::from(x)] != 0) {
                        j += 1;
                    }
                    if j == b.len() {
                        break;
                    }
                }
                // ASCII letters and digits, the bulk of words.
                let class = ASCII_CLASS[usize::from(b[j])];
                if class != 0 {
                    letters += usize::from(class & ALPHA != 0);
                    all_upper &= class & LOWER == 0;
                    j += 1;
                    continue;
                }
                let d = char_at(text, j);
                if is_alnum(d) {
                    letters += usize::from(is_alpha(d));
                    if d.is_lowercase() {
                        all_upper = false;
                    }
                    j += d.len_utf8();
                    continue;
                }
                // The character after `d`, decoded only after a hyphen or an apostrophe.
                let next = || text[j + d.len_utf8()..].chars().next();
                if d == '-' && next().is_some_and(is_alnum) {
                    j += 1;
                    continue;
                }
                if is_apostrophe(d) {
                    let w = &text[s..j];
                    if ELIDED.iter().any(|e| w.eq_ignore_ascii_case(e)) {
                        j += d.len_utf8();
                        elision = true;
                    } else if j - s == 1 && c.is_uppercase() && next().is_some_and(char::is_uppercase) {
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
                line_before: line_next,
                ..Tok::default()
            };
            // Initials: « J. », « J.-P. », « Ch. » (a word opening with a
            // lowercase article, « al-A. », holds three letters at least).
            if !elision
                && counted
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
            line_next = false;
            i = tok.end;
            continue;
        }
        toks.push(Tok { start: i, end: i + cl, at_start: start_next, line_before: line_next, ..Tok::default() });
        line_next = false;
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

/// The shortest and longest byte lengths of `words`: a cheap first filter
/// before comparing a token with each of them.
pub(crate) const fn byte_lengths(words: &[&str]) -> (usize, usize) {
    let (mut shortest, mut longest, mut i) = (usize::MAX, 0, 0);
    while i < words.len() {
        let n = words[i].len();
        if n < shortest {
            shortest = n;
        }
        if n > longest {
            longest = n;
        }
        i += 1;
    }
    (shortest, longest)
}

/// True when token `t` is as long as some word of the list measured by `lengths`.
pub(crate) fn fits((shortest, longest): (usize, usize), t: Tok) -> bool {
    (shortest..=longest).contains(&(t.end - t.start))
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
        let doc = Doc::new(text, toks, &matches, self);
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
        vetoed: false,
        confirmed: false,
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
    fn connectors_match_their_list() {
        for w in CONNECTORS {
            assert!(is_connector(w), "{w}");
        }
        for w in ["", "d", "dé", "De", "della ", "andthe", "l'", "en", "des-"] {
            assert!(!is_connector(w), "{w}");
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
