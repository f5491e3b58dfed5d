//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use depeche::Pipeline;

/// The project's root folder.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A path under the project's root.
pub fn path(rel: &str) -> PathBuf {
    root().join(rel)
}

/// The number of cases a property test runs: `PROPTEST_CASES` when set (so
/// that a long run is one command: `PROPTEST_CASES=50000 cargo test`), else
/// the count the test asks for.
pub fn proptest_cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The default pipeline, built once for all tests.
pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(Pipeline::default)
}

/// The rules alone, without the learned tagger, built once.
pub fn rules_pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::builder().model(depeche::model::ModelChoice::None).build().unwrap())
}

/// The `depeche` binary built by cargo for the tests.
pub fn bin() -> std::process::Command {
    std::process::Command::new(env!("CARGO_BIN_EXE_depeche"))
}

/// Checks that every entity's offsets (code points) give back its text.
pub fn check_spans(text: &str, record: &depeche::Record) {
    let chars: Vec<char> = text.chars().collect();
    for e in &record.entities {
        let got: String = chars[e.start..e.end].iter().collect();
        assert_eq!(got, e.text, "entity {e:?} does not index its text");
    }
}
