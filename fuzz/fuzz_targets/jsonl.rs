//! Fuzz target: arbitrary bytes as a JSON Lines stream through the reader
//! (bounded lines, ids, duplicates, `--keep`), then each article through
//! the pipeline, checking the span invariants. The first byte sets the
//! longest line accepted.
//!
//! Run from the project root: `cargo +nightly fuzz run jsonl`.
#![no_main]

use std::sync::OnceLock;

use depeche::document::{ListOptions, Source, jsonl_sources};
use depeche::Pipeline;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/robustness/invariants.rs"]
mod invariants;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::builder().build().expect("default pipeline builds"))
}

fuzz_target!(|data: &[u8]| {
    let Some((&limit, bytes)) = data.split_first() else { return };
    let opts = ListOptions {
        keep: vec!["url".into(), "n".into()],
        max_bytes: Some(u64::from(limit) * 16),
        ..ListOptions::default()
    };
    let mut lines = 0usize;
    jsonl_sources(bytes, "fuzz.jsonl", &opts, &mut |source| {
        lines += 1;
        assert!(!source.id().is_empty(), "every source has an id");
        match source {
            Source::Inline(doc) => {
                let record = pipeline().process(&doc);
                if let Err(e) = invariants::check_record(&doc.text, &record) {
                    panic!("{e}\ntext: {:?}", doc.text);
                }
            }
            Source::Failed(e) => assert!(!e.message.is_empty()),
            other => panic!("a JSON Lines stream gives inline documents or errors, not {other:?}"),
        }
        true
    });
    assert!(lines <= bytes.iter().filter(|&&b| b == b'\n').count() + 1, "at most one source a line");
});
