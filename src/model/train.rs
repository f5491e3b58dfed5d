//! Training: an averaged perceptron over sentences, deterministic.
//!
//! Each epoch visits the sentences in an order shuffled by a fixed seed;
//! a sentence whose Viterbi decoding differs from its gold tags moves the
//! weights of its features towards the gold tags and away from the
//! predicted ones. The model keeps the average of the weights over all
//! steps (lazily: `w − u / c`), then quantizes them to 16 bits. The same
//! examples and options always give the same model bytes.
//!
//! ```
//! use depeche::model::{Input, Span, train::{Example, TrainOptions, train}};
//! use depeche::Kind;
//! let text = "Zorglub a vu Jean Dupont à Lyon.";
//! let ex = Example {
//!     input: Input::new(text, &[0..text.len()]),
//!     spans: vec![Span { start: 13, end: 24, kind: Kind::Person }, Span { start: 28, end: 32, kind: Kind::Place }],
//! };
//! let options = TrainOptions { epochs: 5, bits: 12, ..TrainOptions::default() };
//! let (model, summary) = train(&[ex], &options, |_, _| {});
//! assert_eq!(summary.tokens, 8);
//! let input = Input::new(text, &[0..text.len()]);
//! let found: Vec<&str> = model.tag(&input).iter().map(|s| &text[s.start..s.end]).collect();
//! assert_eq!(found, ["Jean Dupont", "Lyon"]);
//! ```

use super::features::{self, FEATURES, Input};
use super::{Model, Span, TAGS, Viterbi, constrained};

/// An article to learn from: its input and its gold names (bytes).
#[derive(Debug, Clone)]
pub struct Example<'a> {
    /// What the tagger sees.
    pub input: Input<'a>,
    /// The gold people, organizations and places.
    pub spans: Vec<Span>,
}

/// How to train.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Passes over the data.
    pub epochs: usize,
    /// Buckets are `1 << bits` (8 to 24).
    pub bits: u32,
    /// The seed of the order of sentences.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions { epochs: 8, bits: 16, seed: 42 }
    }
}

/// What training saw.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrainSummary {
    /// Passes made.
    pub epochs: usize,
    /// Articles.
    pub articles: usize,
    /// Sentences.
    pub sentences: usize,
    /// Tokens.
    pub tokens: usize,
    /// Gold names.
    pub names: usize,
    /// Gold names left out: their ends are not token boundaries, they
    /// overlap another, or they lie outside the segments the tagger reads
    /// ([`super::segments`]: no capital and no rule's hint, « l’armée de l’air »).
    pub skipped: usize,
    /// Segments decoded wrong in the last epoch.
    pub last_epoch_errors: usize,
}

/// A segment of a sentence ([`super::segments`]) and its gold tags.
struct Sentence {
    buckets: Vec<u32>,
    gold: Vec<usize>,
    at_start: bool,
    at_end: bool,
}

/// A fixed pseudo-random sequence (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

/// Trains a model on `examples`; `progress(epoch, sentences done)` is
/// called as training goes (epochs from 1).
pub fn train(
    examples: &[Example<'_>],
    options: &TrainOptions,
    mut progress: impl FnMut(usize, usize),
) -> (Model, TrainSummary) {
    let bits = options.bits.clamp(8, 24);
    let mut summary = TrainSummary { articles: examples.len(), ..TrainSummary::default() };
    let mut data = Vec::new();
    let mut learned = 0;
    for ex in examples {
        summary.names += ex.spans.len();
        for s in &ex.input.sentences {
            summary.sentences += 1;
            summary.tokens += s.len();
            for seg in super::segments(&ex.input, s.clone()) {
                let mut buckets = Vec::new();
                features::features(&ex.input, s.clone(), seg.clone(), bits, &mut buckets);
                let mut gold = Vec::new();
                super::gold_tags(&ex.input, seg.clone(), &ex.spans, &mut gold);
                // Names begin on a B or a U.
                learned += gold.iter().filter(|&&t| t != 0 && matches!((t - 1) % 4, 0 | 3)).count();
                data.push(Sentence { buckets, gold, at_start: seg.start == s.start, at_end: seg.end == s.end });
            }
        }
    }
    summary.skipped = summary.names - learned.min(summary.names);
    let n_w = (1usize << bits) * TAGS;
    let n_t = (TAGS + 1) * TAGS;
    // Weights (whole numbers, exact in f32) and the sums for the average,
    // emissions then transitions.
    let mut w = vec![0f32; n_w + n_t];
    let mut u = vec![0f64; n_w + n_t];
    let mut c = 1f64;
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng(options.seed.max(1));
    let mut tags = Vec::new();
    let mut v = Viterbi::default();
    for epoch in 1..=options.epochs {
        // Fisher–Yates with the fixed sequence.
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0;
        for (done, &k) in order.iter().enumerate() {
            let s = &data[k];
            let n = s.gold.len();
            let mut em = vec![[0f32; TAGS]; n];
            for (i, row) in em.iter_mut().enumerate() {
                for &b in &s.buckets[i * FEATURES..(i + 1) * FEATURES] {
                    let base = b as usize * TAGS;
                    for (r, x) in row.iter_mut().zip(&w[base..base + TAGS]) {
                        *r += x;
                    }
                }
            }
            v.run(&em, &constrained(&w[n_w..]), s.at_start, s.at_end, &mut tags);
            if tags != s.gold {
                errors += 1;
                let mut bump = |idx: usize, d: f32| {
                    w[idx] += d;
                    u[idx] += c * f64::from(d);
                };
                for i in 0..n {
                    let (g, p) = (s.gold[i], tags[i]);
                    if g != p {
                        for &b in &s.buckets[i * FEATURES..(i + 1) * FEATURES] {
                            bump(b as usize * TAGS + g, 1.0);
                            bump(b as usize * TAGS + p, -1.0);
                        }
                    }
                    let before = if s.at_start { TAGS } else { 0 };
                    let (gp, pp) = if i == 0 { (before, before) } else { (s.gold[i - 1], tags[i - 1]) };
                    if (gp, g) != (pp, p) {
                        bump(n_w + gp * TAGS + g, 1.0);
                        bump(n_w + pp * TAGS + p, -1.0);
                    }
                }
                // An O follows a segment that does not close its sentence.
                if !s.at_end && s.gold[n - 1] != tags[n - 1] {
                    bump(n_w + s.gold[n - 1] * TAGS, 1.0);
                    bump(n_w + tags[n - 1] * TAGS, -1.0);
                }
            }
            c += 1.0;
            if done % 256 == 0 {
                progress(epoch, done);
            }
        }
        summary.last_epoch_errors = errors;
        summary.epochs = epoch;
        progress(epoch, order.len());
    }
    // The average, then 16-bit weights.
    let avg: Vec<f32> = w.iter().zip(&u).map(|(&w, u)| (f64::from(w) - u / c) as f32).collect();
    let max = avg[..n_w].iter().fold(0f32, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let weights = avg[..n_w]
        .chunks_exact(TAGS)
        .map(|row| {
            let mut lanes = [0i16; super::LANES];
            for (l, x) in lanes.iter_mut().zip(row) {
                *l = (x / scale).round().clamp(-32767.0, 32767.0) as i16;
            }
            lanes
        })
        .collect();
    let trans = avg[n_w..].to_vec();
    (Model::new(bits, weights, scale, trans), summary)
}

/// Trains on gold articles ([`crate::eval::GoldDoc`], offsets in code
/// points): each text goes through `pipeline`'s rules
/// ([`crate::Pipeline::model_input`], in parallel, results in input order)
/// and its people, organizations and places become the gold spans. Texts
/// that need Unicode normalization are left out (counted in
/// [`TrainSummary::skipped`] by their names).
pub fn train_gold(
    pipeline: &crate::Pipeline,
    docs: &[crate::eval::GoldDoc],
    options: &TrainOptions,
    progress: impl FnMut(usize, usize),
) -> (Model, TrainSummary) {
    use rayon::prelude::*;
    let found: Vec<Option<Example<'_>>> = docs
        .par_iter()
        .map(|d| {
            let input = pipeline.model_input(&d.text)?;
            // Code points to bytes.
            let bytes: Vec<usize> =
                d.text.char_indices().map(|(b, _)| b).chain(std::iter::once(d.text.len())).collect();
            let spans = d
                .entities
                .iter()
                .filter_map(|e| {
                    let kind = crate::Kind::parse(&e.kind).filter(|k| super::KINDS.contains(k))?;
                    Some(Span { start: *bytes.get(e.start)?, end: *bytes.get(e.end)?, kind })
                })
                .collect();
            Some(Example { input, spans })
        })
        .collect();
    let left_out: usize = docs
        .iter()
        .zip(&found)
        .filter(|(_, f)| f.is_none())
        .map(|(d, _)| {
            d.entities.iter().filter(|e| crate::Kind::parse(&e.kind).is_some_and(|k| super::KINDS.contains(&k))).count()
        })
        .sum();
    let examples: Vec<Example<'_>> = found.into_iter().flatten().collect();
    let (model, mut summary) = train(&examples, options, progress);
    summary.skipped += left_out;
    summary.names += left_out;
    (model, summary)
}
