//! Fuzz target: arbitrary bytes decoded and read as an HTML page (the
//! article extraction: nesting check, parsing, boilerplate removal,
//! Readability, serialization), then the pipeline on the article's text,
//! checking the span invariants.
//!
//! Run from the project root: `cargo +nightly fuzz run html`.
#![no_main]

use std::sync::OnceLock;

use depeche::{Document, Pipeline};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/robustness/invariants.rs"]
mod invariants;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::builder().build().expect("default pipeline builds"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = depeche::decode::decode(data.to_vec(), false) else { return };
    if let Ok(article) = depeche::html::extract_article(&decoded.text) {
        let record = pipeline().process(&Document::new("fuzz.html", article.text.as_str()));
        if let Err(e) = invariants::check_record(&article.text, &record) {
            panic!("{e}\ntext: {:?}", article.text);
        }
    }
});
