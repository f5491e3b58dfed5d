//! Fuzz target: arbitrary bytes through the decoder and the whole pipeline,
//! in every offset unit, checking the span invariants.
//!
//! Run from the project root: `cargo +nightly fuzz run pipeline` (see the
//! README's "Fuzzing" section).
#![no_main]

use std::sync::OnceLock;

use depeche::document::{ListOptions, Source, jsonl_source};
use depeche::record::OffsetUnit;
use depeche::{Document, Pipeline};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/robustness/invariants.rs"]
mod invariants;

const UNITS: [OffsetUnit; 3] = [OffsetUnit::Chars, OffsetUnit::Bytes, OffsetUnit::Utf16];

fn pipelines() -> &'static [Pipeline; 3] {
    static P: OnceLock<[Pipeline; 3]> = OnceLock::new();
    P.get_or_init(|| UNITS.map(|u| Pipeline::builder().offsets(u).build().expect("default pipeline builds")))
}

fn check(text: &str) {
    let records: Vec<_> = pipelines().iter().map(|p| p.process(&Document::new("fuzz", text))).collect();
    for r in &records {
        if let Err(e) = invariants::check_record(text, r) {
            panic!("{e}\ntext: {text:?}");
        }
    }
    for r in &records[1..] {
        if let Err(e) = invariants::check_same_entities(&records[0], r) {
            panic!("{e}\ntext: {text:?}");
        }
    }
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options; the rest is the article.
    let Some((&flags, bytes)) = data.split_first() else { return };
    let strict = flags & 1 == 1;
    if let Ok(decoded) = depeche::decode::decode(bytes.to_vec(), strict) {
        check(&decoded.text);
    }
    // The same bytes as one JSON Lines input line.
    if flags & 2 == 2 {
        let mut seen = depeche::document::SeenIds::default();
        if let Source::Inline(doc) = jsonl_source(bytes, "fuzz.jsonl", 1, &ListOptions::default(), &mut seen) {
            check(&doc.text);
        }
    }
});
