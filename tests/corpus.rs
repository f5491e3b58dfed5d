//! The corpus snapshot suite: one JSON snapshot per article in `snapshots/`,
//! and the hand-made gold file's own consistency.

use crate::common::{check_spans, path, pipeline};

#[test]
fn corpus_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("../corpus", "**/*.txt", |file| {
            let text = std::fs::read_to_string(file).unwrap();
            let id = file.strip_prefix(path("corpus")).unwrap().to_string_lossy().into_owned();
            let record = pipeline().process(&depeche::Document::new(id, text.clone()));
            check_spans(&text, &record);
            insta::assert_json_snapshot!(record);
        });
    });
}

#[test]
fn corpus_gold_is_consistent_with_the_corpus() {
    let gold = std::fs::read_to_string(path("fixtures/gold/corpus.jsonl")).unwrap();
    let mut n = 0;
    for (i, line) in gold.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let id = v["id"].as_str().unwrap();
        let text = v["text"].as_str().unwrap();
        let file = std::fs::read_to_string(path("corpus").join(id)).unwrap();
        assert_eq!(text, file, "line {}: gold text of {id} differs from corpus/{id}", i + 1);
        let chars: Vec<char> = text.chars().collect();
        for e in v["entities"].as_array().unwrap() {
            let (s, t) = (e["start"].as_u64().unwrap() as usize, e["end"].as_u64().unwrap() as usize);
            let got: String = chars[s..t].iter().collect();
            assert_eq!(got, e["text"].as_str().unwrap(), "line {}: {id} entity {e}", i + 1);
        }
        n += 1;
    }
    assert!(n >= 12, "gold covers the corpus");
}
