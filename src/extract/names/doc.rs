//! The document model the name rules read: an article's tokens, its
//! gazetteer matches, the word lists each token is in, and the candidate
//! names.

use std::cell::{Cell, RefCell};

use super::token::Tok;
use crate::lexicon::{GazetteerMatch, Lexicons, WordIndex, WordSet};
use crate::record::Kind;

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
    /// `lex` and `index` are those of the extractor ([`super::Names`]).
    pub(super) fn new(
        text: &'a str,
        toks: Vec<Tok>,
        matches: &[GazetteerMatch],
        lex: &'a Lexicons,
        index: &'a WordIndex,
    ) -> Self {
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
        Doc { text, toks, gaz, gaz_starts, lex, index, memo, scratch: RefCell::default() }
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
