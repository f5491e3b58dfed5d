//! What the tagger sees of each token, and the hashed features built from it.
//!
//! An [`Input`] holds the article's tokens ([`crate::text::tokenize`]), its
//! sentences, and per token what the lexicons and the rules say of it
//! ([`Hint`]). [`features`] turns one sentence into a fixed number of hashed
//! feature buckets per token ([`FEATURES`]): the word lowercased and its
//! neighbours ±2, shapes, prefixes and suffixes, the position in the
//! sentence, lexicon membership, gazetteer matches, and the rules' proposals
//! (kind, position, strength and rule name).

use std::ops::Range;

use crate::text::{Token, TokenKind};

/// What the lexicons and the rules say of one token.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Hint {
    /// The token's bits in the word lists (first names, titles, organization
    /// heads and suffixes, not-names...), 0 when in none.
    pub lex: u32,
    /// A gazetteer match over the token: `1 + 4 * kind + position`
    /// ([`code`]), 0 for none.
    pub gaz: u8,
    /// A rule's proposal over the token: `1 + 4 * kind + position`
    /// ([`code`]; kind 3 for a capitalized run the rules left without a kind),
    /// 0 for none.
    pub rule: u8,
    /// How sure the rule is (0 to 3).
    pub strength: u8,
    /// A hash of the rule's name.
    pub rule_name: u64,
    /// Inside a figure (money, percentage) already found.
    pub taken: bool,
}

/// The position of a token in a span: 0 begin, 1 inside, 2 last, 3 unit
/// (BILOU without O).
pub fn position(token: Range<usize>, span: Range<usize>) -> u8 {
    match (token.start == span.start, token.end == span.end) {
        (true, true) => 3,
        (true, false) => 0,
        (false, true) => 2,
        (false, false) => 1,
    }
}

/// The hint code of a kind index (0 person, 1 organization, 2 place, 3 none)
/// at a position (see [`position`]).
pub fn code(kind: u8, position: u8) -> u8 {
    1 + 4 * kind + position
}

/// One article as the tagger sees it.
#[derive(Debug, Clone, Default)]
pub struct Input<'a> {
    /// The text the tokens index (bytes).
    pub text: &'a str,
    /// Its tokens.
    pub tokens: Vec<Token>,
    /// Sentences, as token index ranges (in order, covering every token).
    pub sentences: Vec<Range<usize>>,
    /// One hint per token.
    pub hints: Vec<Hint>,
}

impl<'a> Input<'a> {
    /// Tokenizes `text` and groups the tokens by the byte ranges of
    /// `sentences`; every hint is empty.
    ///
    /// ```
    /// let text = "Jean part. Marie reste.";
    /// let input = depeche::model::Input::new(text, &[0..10, 11..23]);
    /// assert_eq!(input.sentences, vec![0..3, 3..6]);
    /// ```
    pub fn new(text: &'a str, sentences: &[Range<usize>]) -> Self {
        Self::new_in(text, sentences, Buffers::default())
    }

    /// [`Input::new`] in the memory of `buffers` (see [`Input::into_buffers`]).
    pub(crate) fn new_in(text: &'a str, sentences: &[Range<usize>], buffers: Buffers) -> Self {
        let Buffers { tokens, mut hints, sentences: mut ranges } = buffers;
        let tokens = crate::text::token::tokenize_in(text, tokens);
        ranges.clear();
        let mut at = 0;
        for s in sentences {
            let end = at + tokens[at..].partition_point(|t| t.start < s.end);
            if end > at {
                ranges.push(at..end);
            }
            at = end;
        }
        if at < tokens.len() {
            match ranges.last_mut() {
                Some(last) => last.end = tokens.len(),
                None => ranges.push(at..tokens.len()),
            }
        }
        hints.clear();
        hints.resize(tokens.len(), Hint::default());
        Input { text, tokens, sentences: ranges, hints }
    }

    /// The memory of the input, for [`Input::new_in`].
    pub(crate) fn into_buffers(self) -> Buffers {
        Buffers { tokens: self.tokens, hints: self.hints, sentences: self.sentences }
    }

    /// The tokens covering exactly the bytes `start..end`, if their
    /// boundaries fall on tokens.
    pub fn token_range(&self, start: usize, end: usize) -> Option<Range<usize>> {
        let a = self.tokens.partition_point(|t| t.start < start);
        let b = self.tokens.partition_point(|t| t.end <= end);
        (a < b && self.tokens[a].start == start && self.tokens[b - 1].end == end).then_some(a..b)
    }
}

/// The memory of an [`Input`], kept from one article to the next (fresh
/// memory for each article costs page faults).
#[derive(Debug, Default)]
pub(crate) struct Buffers {
    tokens: Vec<Token>,
    hints: Vec<Hint>,
    sentences: Vec<Range<usize>>,
}

/// Features per token.
pub const FEATURES: usize = 36;

/// Mixes a template number and a value into a bucket of `bits` bits.
#[inline]
fn bucket(template: u64, value: u64, bits: u32) -> u32 {
    // splitmix64's finalizer: every input bit reaches the high bits.
    let mut z = value ^ template.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> (64 - bits)) as u32
}

/// A small, fast, fixed hash (FNV-1a steps on 64 bits).
#[derive(Clone, Copy)]
struct H(u64);

impl H {
    fn new() -> H {
        H(0xcbf2_9ce4_8422_2325)
    }
    #[inline]
    fn add(mut self, x: u64) -> H {
        self.0 = (self.0 ^ x).wrapping_mul(0x0000_0100_0000_01B3);
        self
    }
    fn char(self, c: char) -> H {
        self.add(u64::from(c))
    }
}

/// The hash of a rule name, for [`Hint::rule_name`].
pub fn name_hash(name: &str) -> u64 {
    name.bytes().fold(H::new(), |h, b| h.add(u64::from(b))).0
}

/// Per-token values the templates combine.
#[derive(Clone, Copy, Default)]
struct Tok {
    word: u64,
    shape: u64,
    suffix2: u64,
    suffix3: u64,
    suffix4: u64,
    prefix3: u64,
    len: u64,
}

const NONE: u64 = 0x5EED;

fn lower(c: char, mut f: impl FnMut(char)) {
    if c.is_ascii() {
        f(c.to_ascii_lowercase())
    } else if c == '’' {
        f('\'')
    } else {
        c.to_lowercase().for_each(f)
    }
}

fn class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c == '’' {
        '\''
    } else {
        c
    }
}

fn token_values(text: &str, t: &Token) -> Tok {
    let w = &text[t.start..t.end];
    let mut word = H::new();
    let mut shape = H::new();
    let mut last_class = '\0';
    let mut n = 0u64;
    for c in w.chars() {
        lower(c, |l| word = word.char(l));
        let k = class(c);
        if k != last_class {
            shape = shape.char(k);
            last_class = k;
        }
        n += 1;
    }
    let kind = match t.kind {
        TokenKind::Word => 1,
        TokenKind::Number => 2,
        TokenKind::Elision => 3,
        TokenKind::Punct => 4,
    };
    shape = shape.add(kind);
    // Suffixes and a prefix, lowercased.
    let mut rev = [H::new(); 4];
    for (k, c) in w.chars().rev().take(4).enumerate() {
        for r in &mut rev[k..] {
            lower(c, |l| *r = r.char(l));
        }
    }
    let mut prefix = H::new();
    for c in w.chars().take(3) {
        lower(c, |l| prefix = prefix.char(l));
    }
    let affix = |h: H, len: u64| if n > len { h.0 } else { NONE };
    Tok {
        word: word.0,
        shape: shape.0,
        suffix2: affix(rev[1], 2),
        suffix3: affix(rev[2], 3),
        suffix4: affix(rev[3], 4),
        prefix3: affix(prefix, 3),
        len: n.min(12),
    }
}

/// Appends the [`FEATURES`] buckets (of `bits` bits) of each token of
/// `segment` (tokens of `sentence`, whose words are the context) to `out`,
/// token after token.
pub fn features(input: &Input<'_>, sentence: Range<usize>, segment: Range<usize>, bits: u32, out: &mut Vec<u32>) {
    out.reserve(segment.len() * FEATURES);
    features_with(input, sentence, segment, bits, &mut Scratch::default(), |b| out.push(b));
}

/// Memory [`features_with`] reuses from one call to the next.
#[derive(Default)]
pub(crate) struct Scratch {
    vals: Vec<Tok>,
}

/// [`features`], each bucket given to `sink` in order, with buffers in `scratch`.
pub(crate) fn features_with(
    input: &Input<'_>,
    sentence: Range<usize>,
    segment: Range<usize>,
    bits: u32,
    scratch: &mut Scratch,
    mut sink: impl FnMut(u32),
) {
    // Token values of the segment and two tokens of context on each side.
    let lo = segment.start.saturating_sub(2).max(sentence.start);
    let hi = (segment.end + 2).min(sentence.end);
    let vals = &mut scratch.vals;
    vals.clear();
    vals.extend(input.tokens[lo..hi].iter().map(|t| token_values(input.text, t)));
    let pad = Tok { word: 1, shape: 1, suffix2: 1, suffix3: 1, suffix4: 1, prefix3: 1, len: 99 };
    // `k` is a token index of the input.
    let at = |k: isize| -> Tok { if k < lo as isize || k >= hi as isize { pad } else { vals[k as usize - lo] } };
    let hint = |k: isize| -> Hint {
        if k < sentence.start as isize || k >= sentence.end as isize {
            Hint::default()
        } else {
            input.hints[k as usize]
        }
    };
    for i in segment {
        let k = i as isize;
        let (w0, wm1, wm2, wp1, wp2) = (at(k), at(k - 1), at(k - 2), at(k + 1), at(k + 2));
        let (h0, hm1, hp1) = (hint(k), hint(k - 1), hint(k + 1));
        let two = |a: u64, b: u64| H::new().add(a).add(b).0;
        let three = |a: u64, b: u64, c: u64| H::new().add(a).add(b).add(c).0;
        let rule0 = u64::from(h0.rule) | u64::from(h0.strength) << 8;
        let first = u64::from(i == sentence.start);
        let values: [u64; FEATURES] = [
            1,
            w0.word,
            wm1.word,
            wm2.word,
            wp1.word,
            wp2.word,
            two(wm1.word, w0.word),
            two(w0.word, wp1.word),
            w0.shape,
            wm1.shape,
            wp1.shape,
            three(wm1.shape, w0.shape, wp1.shape),
            w0.suffix2,
            w0.suffix3,
            w0.suffix4,
            w0.prefix3,
            two(first, w0.shape),
            u64::from(h0.lex),
            u64::from(hm1.lex),
            u64::from(hp1.lex),
            u64::from(h0.gaz),
            u64::from(hm1.gaz),
            u64::from(hp1.gaz),
            rule0,
            two(h0.rule_name, u64::from(h0.rule)),
            u64::from(hm1.rule),
            u64::from(hp1.rule),
            u64::from(h0.taken),
            two(wm1.word, w0.shape),
            two(w0.shape, wp1.word),
            two(w0.len, w0.shape),
            two(rule0, w0.shape),
            two(wm2.word, wm1.word),
            two(wp1.word, wp2.word),
            three(u64::from(h0.gaz), u64::from(h0.rule), u64::from(h0.lex)),
            two(first, u64::from(h0.rule)),
        ];
        for (t, &v) in values.iter().enumerate() {
            sink(bucket(t as u64 + 1, v, bits));
        }
    }
}
