//! A learned sequence tagger for people, organizations and places.
//!
//! The rules ([`crate::extract::names`]) remember names; the tagger
//! generalizes to names they have not seen. It is an averaged perceptron
//! over tokens with BILOU tags (begin, inside, last, outside, unit) for three
//! kinds, decoded with Viterbi under the BILOU constraints, sentence by
//! sentence. Its features ([`features`]) are hashed into a fixed number of
//! buckets; the rules' own proposals are features too, so the model learns
//! when to trust them.
//!
//! * [`Model::default_model`]: the model embedded in the binary (trained by
//!   `scripts/train-model.sh`, see the README);
//! * [`Model::from_bytes`] / [`Model::load`]: a model file written by
//!   [`Model::to_bytes`] (`depeche train`); a malformed file is an error
//!   that says what is wrong, never a panic;
//! * [`train::train`]: training on gold articles, deterministic (the same
//!   data and options give the same bytes).
//!
//! ```
//! use depeche::model::{Input, Model};
//! let model = Model::default_model();
//! let text = "Le ministre Jean Dupont est arrivé à Lyon.";
//! let input = Input::new(text, &[0..text.len()]);
//! for span in model.tag(&input) {
//!     assert!(text.is_char_boundary(span.start) && span.start < span.end);
//! }
//! ```

pub mod features;
mod file;
pub mod train;

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

pub use features::{Hint, Input};

use crate::record::Kind;

/// The kinds the tagger knows, in the order of their tags.
pub const KINDS: [Kind; 3] = [Kind::Person, Kind::Organization, Kind::Place];

/// Number of tags: O, then B, I, L, U for each kind.
pub const TAGS: usize = 1 + 4 * KINDS.len();

/// The weights of one bucket in memory: [`TAGS`] padded to 16.
const LANES: usize = 16;

/// The tag of `kind` (an index into [`KINDS`]) at `position` (0 begin,
/// 1 inside, 2 last, 3 unit).
pub fn tag(kind: usize, position: u8) -> usize {
    1 + 4 * kind + usize::from(position)
}

/// The kind index and position of a tag other than O.
fn split_tag(t: usize) -> (usize, u8) {
    ((t - 1) / 4, ((t - 1) % 4) as u8)
}

/// True when tag `b` may follow tag `a` (`None`: at a sentence start).
fn allowed(a: Option<usize>, b: usize) -> bool {
    let open = |t: usize| t != 0 && matches!(split_tag(t).1, 0 | 1);
    match a {
        Some(a) if open(a) => b != 0 && matches!(split_tag(b).1, 1 | 2) && split_tag(b).0 == split_tag(a).0,
        _ => b == 0 || matches!(split_tag(b).1, 0 | 3),
    }
}

/// May a sentence end on tag `t`?
fn may_end(t: usize) -> bool {
    t == 0 || matches!(split_tag(t).1, 2 | 3)
}

/// Which tagger a pipeline uses.
#[derive(Debug, Clone, Default)]
pub enum ModelChoice {
    /// The model embedded in the binary ([`Model::default_model`]).
    #[default]
    Builtin,
    /// No tagger: the rules alone.
    None,
    /// A model loaded from a file ([`Model::load`]).
    File(std::sync::Arc<Model>),
}

/// A name the tagger found: a byte range and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Person, organization or place.
    pub kind: Kind,
}

/// A trained tagger: hashed emission weights (quantized) and transition
/// weights. Immutable once loaded, `Send + Sync`.
#[derive(Clone, PartialEq)]
pub struct Model {
    /// Buckets are `1 << bits`.
    bits: u32,
    /// `TAGS` weights per bucket (padded to [`LANES`] for vector adds), times `scale`.
    weights: Vec<[i16; LANES]>,
    scale: f32,
    /// `trans[a * TAGS + b]`: tag `a` then tag `b`; row `TAGS`: at a sentence start.
    trans: Vec<f32>,
    /// `trans` with the BILOU constraints folded in ([`constrained`]),
    /// computed once.
    ctrans: Vec<f32>,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model").field("bits", &self.bits).field("scale", &self.scale).finish_non_exhaustive()
    }
}

/// The default model, trained on WiNER 2016 (January to September) and the
/// project's gold corpus; see `scripts/train-model.sh`.
static DEFAULT: &[u8] = include_bytes!("default.model");

impl Model {
    /// A model of `1 << bits` buckets of `weights` (times `scale`) and
    /// transitions `trans`.
    fn new(bits: u32, weights: Vec<[i16; LANES]>, scale: f32, trans: Vec<f32>) -> Model {
        let ctrans = constrained(&trans);
        Model { bits, weights, scale, trans, ctrans }
    }

    /// The model embedded in the binary, decoded once.
    ///
    /// # Panics
    /// Never in practice: the embedded file is checked by the tests.
    pub fn default_model() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::from_bytes(DEFAULT).expect("the embedded model is valid"))
    }

    /// Reads a model file.
    ///
    /// # Errors
    /// The file cannot be read, or is not a depeche model (bad magic,
    /// unknown version, truncated, checksum mismatch): the message says which.
    pub fn load(path: &Path) -> crate::Result<Model> {
        let bytes = std::fs::read(path).map_err(|source| crate::Error::Io {
            path: path.to_path_buf(),
            source,
            hint: "check the --model path (a file written by `depeche train`)",
        })?;
        Model::from_bytes(&bytes).map_err(|e| crate::Error::Config(format!("{}: {e}", path.display())))
    }

    /// Decodes a model from the bytes of a model file.
    ///
    /// # Errors
    /// What is wrong with the bytes, as a sentence.
    ///
    /// ```
    /// let err = depeche::model::Model::from_bytes(b"not a model").unwrap_err();
    /// assert!(err.contains("not a depeche model"), "{err}");
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        file::decode(bytes)
    }

    /// The bytes of the model file (deterministic).
    pub fn to_bytes(&self) -> Vec<u8> {
        file::encode(self)
    }

    /// Finds the names of `input`, sentence by sentence, in text order.
    pub fn tag(&self, input: &Input<'_>) -> Vec<Span> {
        let mut parts = Vec::new();
        let mut segments = Vec::new();
        for s in &input.sentences {
            segments_into(input, s.clone(), &mut segments);
            parts.extend(segments.drain(..).map(|seg| (s.clone(), seg)));
        }
        let mut out = Vec::new();
        self.tag_segments(input, &parts, &mut out);
        out
    }

    /// [`Model::tag`] on the segments of `input` already found: `(sentence,
    /// segment)` pairs, in text order, as [`segments`] gives them.
    pub(crate) fn tag_segments(&self, input: &Input<'_>, parts: &[(Range<usize>, Range<usize>)], out: &mut Vec<Span>) {
        /// Buffers kept by each thread from one article to the next (fresh
        /// memory for each article costs page faults).
        #[derive(Default)]
        struct Scratch {
            features: features::Scratch,
            buckets: Vec<u32>,
            tags: Vec<usize>,
            em: Vec<[f32; TAGS]>,
            viterbi: Viterbi,
        }
        thread_local! {
            static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
        }
        SCRATCH.with_borrow_mut(|x| {
            let x = &mut *x;
            for (s, seg) in parts {
                {
                    x.buckets.clear();
                    let buckets = &mut x.buckets;
                    features::features_with(input, s.clone(), seg.clone(), self.bits, &mut x.features, |b| {
                        // Ask for the row now: it arrives while the next
                        // features are hashed (the table is larger than the caches).
                        prefetch(&self.weights[b as usize]);
                        buckets.push(b);
                    });
                    self.emissions(&x.buckets, seg.len(), &mut x.em);
                    x.viterbi.run(&x.em, &self.ctrans, seg.start == s.start, seg.end == s.end, &mut x.tags);
                    spans(input, seg.start, &x.tags, out);
                }
            }
        });
    }

    /// The emission scores of `n` tokens whose buckets are `buckets`, in `em`.
    fn emissions(&self, buckets: &[u32], n: usize, em: &mut Vec<[f32; TAGS]>) {
        em.clear();
        for feats in buckets.chunks_exact(features::FEATURES).take(n) {
            let mut acc = [0i32; LANES];
            for &b in feats {
                let w = &self.weights[b as usize];
                for (a, &x) in acc.iter_mut().zip(w) {
                    *a += i32::from(x);
                }
            }
            let mut row = [0f32; TAGS];
            for (r, a) in row.iter_mut().zip(acc) {
                *r = a as f32 * self.scale;
            }
            em.push(row);
        }
    }
}

/// Asks the processor to bring `row` into its caches (a hint: nothing on
/// other targets).
#[inline(always)]
fn prefetch(row: &[i16; LANES]) {
    // SAFETY: a prefetch reads nothing and never faults, whatever the
    // address; SSE is in every x86_64 processor.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(row.as_ptr().cast());
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = row;
}

/// How many tokens without a capital or a hint may stand between two that
/// have one in a segment (« Agence régionale de santé d’Occitanie »).
const GAP: usize = 4;
/// Tokens kept around a segment (« le Parti socialiste »: the adjective).
const MARGIN: usize = 2;

/// The parts of `sentence` where a name may stand: runs of tokens that have
/// a capital letter or a hint (a rule's proposal, a gazetteer match), joined
/// across at most [`GAP`] other tokens, with [`MARGIN`] tokens on each side.
/// The other tokens are outside any name: the tagger neither scores nor
/// decodes them, which keeps it fast on running text.
pub fn segments(input: &Input<'_>, sentence: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    segments_into(input, sentence, &mut out);
    out
}

/// [`segments`] into `out` (cleared first), whose memory is reused.
pub fn segments_into(input: &Input<'_>, sentence: Range<usize>, out: &mut Vec<Range<usize>>) {
    out.clear();
    let mut last_anchor = 0;
    for i in sentence.clone() {
        let h = &input.hints[i];
        let t = &input.tokens[i];
        let anchor = h.gaz != 0
            || h.rule != 0
            || t.kind == crate::text::TokenKind::Word && starts_upper(&input.text[t.start..t.end]);
        if !anchor {
            continue;
        }
        let lo = i.saturating_sub(MARGIN).max(sentence.start);
        let hi = (i + 1 + MARGIN).min(sentence.end);
        match out.last_mut() {
            Some(last) if i - last_anchor <= GAP + 1 || lo <= last.end => last.end = hi,
            _ => out.push(lo..hi),
        }
        last_anchor = i;
    }
}

/// True when `word` begins with an uppercase letter (ASCII without decoding).
#[inline]
fn starts_upper(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    }
}

/// Transition weights with the BILOU constraints folded in (−∞ where a tag
/// may not follow another), rows as in [`Model::trans`].
fn constrained(trans: &[f32]) -> Vec<f32> {
    let mut t = trans.to_vec();
    for p in 0..=TAGS {
        for b in 0..TAGS {
            let ok = if p == TAGS { allowed(None, b) } else { allowed(Some(p), b) };
            if !ok {
                t[p * TAGS + b] = f32::NEG_INFINITY;
            }
        }
    }
    t
}

/// The tags that close a name or stand outside one: O, L and U of each kind
/// (increasing), the tags before an O, a B or a U.
const CLOSED: [usize; 7] = [0, 3, 4, 7, 8, 11, 12];

/// The best score of `prev[p] + trans[p][t]` over `ps` (increasing) and the
/// first `p` that gives it; `(−∞, 0)` when none is above −∞.
#[inline(always)]
fn best_before<const N: usize>(
    prev: &[f32; TAGS],
    trans: &[f32; (TAGS + 1) * TAGS],
    t: usize,
    ps: &[usize; N],
) -> (f32, u8) {
    let mut best = f32::NEG_INFINITY;
    let mut arg = 0u8;
    for &p in ps {
        let x = prev[p] + trans[p * TAGS + t];
        if x > best {
            best = x;
            arg = p as u8;
        }
    }
    (best, arg)
}

/// Viterbi's buffers, reused from one segment to the next.
#[derive(Default)]
struct Viterbi {
    score: Vec<[f32; TAGS]>,
    back: Vec<[u8; TAGS]>,
}

impl Viterbi {
    /// The best allowed tags for emission scores `em` and constrained
    /// transitions `trans` ([`constrained`]); `at_start`: the segment opens
    /// its sentence (else an O stands before it); `at_end`: it closes it
    /// (else an O follows it).
    fn run(&mut self, em: &[[f32; TAGS]], trans: &[f32], at_start: bool, at_end: bool, tags: &mut Vec<usize>) {
        tags.clear();
        let n = em.len();
        if n == 0 {
            return;
        }
        self.score.clear();
        self.back.clear();
        self.score.resize(n, [f32::NEG_INFINITY; TAGS]);
        self.back.resize(n, [0; TAGS]);
        let first = if at_start { TAGS } else { 0 };
        for t in 0..TAGS {
            self.score[0][t] = em[0][t] + trans[first * TAGS + t];
        }
        let trans: &[f32; (TAGS + 1) * TAGS] = trans.try_into().expect("(TAGS + 1) × TAGS transitions");
        for (i, emitted) in em.iter().enumerate().skip(1) {
            let prev = &self.score[i - 1];
            let mut score = [0f32; TAGS];
            let mut back = [0u8; TAGS];
            for t in 0..TAGS {
                // Only the tags that may come before `t` ([`allowed`]), in
                // increasing order: the others' transitions are −∞ and never
                // win, so the best and its (first) argument are those of all tags.
                let (best, arg) = if t == 0 || matches!((t - 1) % 4, 0 | 3) {
                    best_before(prev, trans, t, &CLOSED)
                } else {
                    let b = t - (t - 1) % 4;
                    best_before(prev, trans, t, &[b, b + 1])
                };
                score[t] = best + emitted[t];
                back[t] = arg;
            }
            self.score[i] = score;
            self.back[i] = back;
        }
        let mut last = 0;
        let mut best = f32::NEG_INFINITY;
        for t in (0..TAGS).filter(|&t| may_end(t)) {
            let x = self.score[n - 1][t] + if at_end { 0.0 } else { trans[t * TAGS] };
            if x > best {
                best = x;
                last = t;
            }
        }
        tags.resize(n, 0);
        tags[n - 1] = last;
        for i in (1..n).rev() {
            tags[i - 1] = usize::from(self.back[i][tags[i]]);
        }
    }
}

/// Appends the spans of `tags` (tokens from `first`) to `out`.
fn spans(input: &Input<'_>, first: usize, tags: &[usize], out: &mut Vec<Span>) {
    let mut open: Option<usize> = None;
    for (i, &t) in tags.iter().enumerate() {
        if t == 0 {
            open = None;
            continue;
        }
        let (k, p) = split_tag(t);
        match p {
            0 => open = Some(i),
            3 => {
                let tok = &input.tokens[first + i];
                out.push(Span { start: tok.start, end: tok.end, kind: KINDS[k] });
                open = None;
            }
            2 => {
                if let Some(s) = open.take() {
                    let (a, b) = (&input.tokens[first + s], &input.tokens[first + i]);
                    out.push(Span { start: a.start, end: b.end, kind: KINDS[k] });
                }
            }
            _ => {}
        }
    }
}

/// The gold tags of a segment's tokens (`range` of `input`) from spans in
/// bytes. Spans whose ends do not fall on token boundaries, that overlap an
/// earlier one or that do not lie inside the segment are left out; the
/// number of those that touch the segment is returned.
pub fn gold_tags(input: &Input<'_>, range: Range<usize>, spans: &[Span], tags: &mut Vec<usize>) -> usize {
    tags.clear();
    tags.resize(range.len(), 0);
    let mut skipped = 0;
    let (lo, hi) = (input.tokens[range.start].start, input.tokens[range.end - 1].end);
    for s in spans.iter().filter(|s| s.start < hi && s.end > lo) {
        let Some(r) = input.token_range(s.start, s.end) else {
            skipped += 1;
            continue;
        };
        if r.start < range.start || r.end > range.end || r.clone().any(|i| tags[i - range.start] != 0) {
            skipped += 1;
            continue;
        }
        let k = KINDS.iter().position(|&x| x == s.kind).expect("a tagger kind");
        for i in r.clone() {
            let p = features::position(input.tokens[i].span(), s.start..s.end);
            tags[i - range.start] = tag(k, p);
        }
    }
    skipped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_constraints() {
        assert!(allowed(None, 0) && allowed(None, tag(0, 0)) && !allowed(None, tag(0, 1)));
        assert!(allowed(Some(tag(1, 0)), tag(1, 2)) && !allowed(Some(tag(1, 0)), tag(2, 2)));
        assert!(!allowed(Some(tag(1, 0)), 0) && allowed(Some(tag(1, 2)), 0));
        assert!(may_end(0) && may_end(tag(2, 3)) && !may_end(tag(2, 1)));
        for a in 0..TAGS {
            for b in 0..TAGS {
                // What `Viterbi::run` visits.
                let visited = if b == 0 || matches!((b - 1) % 4, 0 | 3) {
                    CLOSED.contains(&a)
                } else {
                    let first = b - (b - 1) % 4;
                    a == first || a == first + 1
                };
                assert_eq!(visited, allowed(Some(a), b), "{a} {b}");
            }
        }
    }

    #[test]
    fn the_embedded_model_loads_and_round_trips() {
        let m = Model::default_model();
        assert_eq!(&Model::from_bytes(&m.to_bytes()).unwrap(), m);
        assert!(DEFAULT.len() <= 8 << 20, "the default model is at most 8 MB");
    }
}
