//! # depeche
//!
//! depeche reads French news articles and extracts who and what they talk
//! about and the figures they state: **people**, **organizations**,
//! **places**, **monetary amounts** and **percentages**, each with exact
//! offsets into the original text and a normalized value
//! (« 26,3 milliards de dollars » → `26300000000` USD, « 40 % » → `40`).
//!
//! ## The flow of data
//!
//! ```text
//! input ─▶ Source ─▶ Document ─▶ sentences ─▶ money, percent ─▶ names ─▶ resolve ─▶ Record ─▶ JSON line
//! (file, folder,   (read and    (id, text)    (French-aware)  (on parsed   (people, orgs,  (overlaps,
//!  JSONL, stdin)    decoded)                                  numbers)     places)         offsets)
//! ```
//!
//! * Offsets always index the original text: grammars accept typographic
//!   variants (no-break spaces, ’ and ') in place instead of rewriting it.
//!   Records count offsets in code points by default, bytes or UTF-16 on request.
//! * The [`Pipeline`] is built once (lexicons loaded and indexed, grammars
//!   compiled), is immutable and `Send + Sync`; batches run in parallel with
//!   rayon and come back in input order, so output never depends on the
//!   number of threads.
//! * Internal types ([`extract::Mention`], byte offsets) and output types
//!   ([`record`], serde only) are separate.
//!
//! ## Example
//!
//! ```
//! use depeche::{Document, Pipeline};
//!
//! let pipeline = Pipeline::default();
//! let doc = Document::new("a1", "Le titre a gagné 4\u{a0}% jeudi.");
//! let record = pipeline.process(&doc);
//! println!("{}", serde_json::to_string(&record).unwrap());
//! for e in &record.entities {
//!     println!("{:?} {} [{}..{}] {:?}", e.kind, e.text, e.start, e.end, e.value);
//! }
//! ```

#![warn(missing_docs)]

pub mod conll;
pub mod decode;
pub mod diff;
pub mod document;
pub mod error;
pub mod eval;
pub mod extract;
pub mod facts;
pub mod html;
pub mod lexicon;
pub mod locale;
pub mod model;
pub mod normalize;
pub mod number;
pub mod offsets;
pub mod pipeline;
pub mod record;
pub mod report;
pub mod rewrite;
pub mod rules;
pub mod suggest;
pub mod table;
pub mod text;

pub use document::{Document, InputFormat, ListOptions, ReadOptions, Source};
pub use error::{Error, InputError, InputErrorKind, Result};
pub use locale::Locale;
pub use pipeline::{Pipeline, PipelineBuilder, Settings};
pub use record::{Entity, Kind, Line, OffsetUnit, Record};

/// The README's Rust examples, compiled and run as doctests.
/// The number of cases a property test runs: `PROPTEST_CASES` when set (so
/// that a long run is one command), else the count the test asks for.
#[cfg(test)]
pub(crate) fn proptest_cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
