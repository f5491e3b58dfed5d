//! Tests: numbers and ordinals (`fixtures/numbers/*.toml`, the same table
//! format as the figures), the number rewrite, tokens and CoNLL.

use std::collections::HashSet;
use std::sync::OnceLock;

use depeche::{Document, Kind, Pipeline};
use serde::Deserialize;

use crate::common;

#[derive(Debug, Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Debug, Deserialize)]
struct Case {
    id: String,
    text: String,
    #[serde(default)]
    expect: Vec<Expected>,
}

#[derive(Debug, Deserialize, PartialEq, Eq, Clone)]
#[serde(deny_unknown_fields)]
struct Expected {
    kind: String,
    text: String,
    #[serde(default)]
    value: Option<String>,
    #[serde(default)]
    min: Option<String>,
    #[serde(default)]
    max: Option<String>,
}

/// The pipeline with every kind on (numbers lose overlaps with the others).
fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::builder().kinds(Kind::ALL).build().unwrap())
}

fn numbers_of(record: &depeche::Record) -> Vec<Expected> {
    record
        .entities
        .iter()
        .filter(|e| matches!(e.kind, Kind::Number | Kind::Ordinal))
        .map(|e| Expected {
            kind: e.kind.as_str().to_string(),
            text: e.text.clone(),
            value: e.value.clone(),
            min: e.min.clone(),
            max: e.max.clone(),
        })
        .collect()
}

fn load() -> Vec<(String, Case)> {
    let mut files: Vec<_> = std::fs::read_dir(common::path("fixtures/numbers"))
        .expect("fixtures/numbers exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let table: Table =
            toml::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let name = f.file_name().unwrap().to_string_lossy().to_string();
        out.extend(table.case.into_iter().map(|c| (name.clone(), c)));
    }
    out
}

#[test]
fn number_tables_pass() {
    let cases = load();
    let mut failures = Vec::new();
    let mut ids = HashSet::new();
    for (file, case) in &cases {
        assert!(ids.insert(case.id.clone()), "{file}: duplicate case id {}", case.id);
        let record = pipeline().process(&Document::new(case.id.clone(), case.text.clone()));
        common::check_spans(&case.text, &record);
        let got = numbers_of(&record);
        if got != case.expect {
            failures.push(format!(
                "{file} [{}] {:?}\n  expected: {:?}\n  got:      {:?}",
                case.id, case.text, case.expect, got
            ));
        }
    }
    let negatives = cases.iter().filter(|(_, c)| c.expect.is_empty()).count();
    assert!(negatives >= 15 && cases.len() >= 50, "{negatives} negatives among {} cases", cases.len());
    assert!(failures.is_empty(), "{} of {} number cases fail:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn numbers_are_off_by_default() {
    let text = "Trois cents salariés, au 2e étage.";
    let record = common::pipeline().process(&Document::new("a", text));
    assert!(record.entities.iter().all(|e| e.kind.on_by_default()), "{:?}", record.entities);
    let only = Pipeline::builder().kinds([Kind::Number]).build().unwrap();
    let kinds: Vec<Kind> = only.process(&Document::new("a", text)).entities.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [Kind::Number]);
    // A number inside a figure loses the overlap even when only numbers are asked for.
    let money = only.process(&Document::new("b", "Il a levé 300 millions d'euros."));
    assert!(money.entities.is_empty(), "{:?}", money.entities);
}

/// The number values (`kind value min max`) of a text, in order.
fn values(text: &str) -> Vec<String> {
    let p = Pipeline::builder().kinds([Kind::Number, Kind::Ordinal]).build().unwrap();
    p.process(&Document::new("x", text))
        .entities
        .into_iter()
        .map(|e| format!("{} {:?} {:?} {:?}", e.kind.as_str(), e.value, e.min, e.max))
        .collect()
}

fn corpus_texts() -> Vec<(String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(common::path("corpus")).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.into_iter().map(|f| (f.display().to_string(), std::fs::read_to_string(&f).unwrap())).collect()
}

#[test]
fn rewritten_text_reads_back_to_the_same_values() {
    let mut texts: Vec<(String, String)> = load().into_iter().map(|(_, c)| (c.id, c.text)).collect();
    texts.extend(corpus_texts());
    let mut rewritten = 0;
    for (id, text) in &texts {
        let r = depeche::rewrite::rewrite_numbers(text);
        rewritten += r.edits.len();
        // Everything outside the edits is the same bytes.
        let mut rebuilt = String::new();
        let mut done = 0;
        for e in &r.edits {
            assert!(e.original.start >= done, "{id}: edits out of order {e:?}");
            assert!(!text[e.original.clone()].chars().any(|c| c.is_ascii_digit()), "{id}: {e:?}");
            rebuilt.push_str(&text[done..e.original.start]);
            rebuilt.push_str(&r.text[e.rewritten.clone()]);
            done = e.original.end;
        }
        rebuilt.push_str(&text[done..]);
        assert_eq!(rebuilt, r.text, "{id}");
        assert_eq!(values(&r.text), values(text), "{id}: {:?}\n→ {:?}", text, r.text);
    }
    assert!(rewritten >= 30, "only {rewritten} numbers rewritten");
}

#[test]
fn conll_round_trips_through_eval_on_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let conll = dir.path().join("corpus.conll");
    let out = common::bin()
        .args(["extract", "--format", "conll", "--kinds", "+number,+ordinal", "-q", "-o"])
        .arg(&conll)
        .arg(common::path("corpus"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let written = std::fs::read_to_string(&conll).unwrap();
    assert!(written.starts_with("# id = ") && written.contains("\tB-MONEY\n") && written.contains("\tU-NUMBER\n"));
    let eval = common::bin().args(["eval", "--json"]).arg(&conll).output().unwrap();
    assert!(eval.status.success(), "{}", String::from_utf8_lossy(&eval.stderr));
    let report: serde_json::Value = serde_json::from_slice(&eval.stdout).unwrap();
    let kinds = report["kinds"].as_array().unwrap();
    assert_eq!(kinds.len(), Kind::ALL.len(), "{report}");
    for k in kinds {
        assert!(k["gold"].as_u64().unwrap() > 0, "{k}");
        assert_eq!(k["strict"]["f1"].as_f64(), Some(1.0), "{k}");
    }
}

#[test]
fn tokens_cover_the_entities_and_index_the_text() {
    let p = Pipeline::builder().tokens(true).kinds(Kind::ALL).build().unwrap();
    for (id, text) in corpus_texts() {
        let r = p.process(&Document::new(id.clone(), text.clone()));
        let tokens = r.tokens.as_ref().unwrap();
        let chars: Vec<char> = text.chars().collect();
        for w in tokens.windows(2) {
            assert!(w[0][1] <= w[1][0] && w[0][2] <= w[1][2], "{id}: {w:?}");
        }
        for t in tokens {
            let s: String = chars[t[0]..t[1]].iter().collect();
            assert!(!s.trim().is_empty() && s.trim() == s, "{id}: token {s:?}");
        }
        for e in &r.entities {
            assert!(tokens.iter().any(|t| t[0] == e.start), "{id}: no token starts entity {e:?}");
            assert!(tokens.iter().any(|t| t[1] == e.end), "{id}: no token ends entity {e:?}");
        }
    }
}

/// The number reader on adversarial inputs: four times the text takes far
/// less than sixteen times the time (noise passes on another try).
#[test]
fn numbers_take_linear_time() {
    let p = Pipeline::builder().kinds([Kind::Number, Kind::Ordinal]).build().unwrap();
    let time = |text: &str| {
        let doc = Document::new("t", text);
        (0..2)
            .map(|_| {
                let t = std::time::Instant::now();
                std::hint::black_box(p.process(&doc));
                t.elapsed()
            })
            .min()
            .unwrap()
    };
    for unit in ["un deux ", "zéro ", ",5 ", "mille ", "vingt et un cinquièmes ", "01 23 ", "moins ", "entre 3 et "] {
        let (small, large) = (unit.repeat(2_000), unit.repeat(8_000));
        let ok = (0..3).any(|_| {
            let (s, l) = (time(&small), time(&large));
            l < std::time::Duration::from_millis(50) || l.as_secs_f64() < 10.0 * s.as_secs_f64()
        });
        assert!(ok, "{unit:?} looks quadratic");
    }
}

proptest::proptest! {
    /// With numbers on, any text gives entities whose offsets give back
    /// their text, and rewriting never panics and keeps the other bytes.
    #[test]
    fn numbers_on_any_text(text in "[0-9a-zéèê ,.+\\-−'’h%€\u{a0}\u{202f}\n]{0,60}|(un|deux|vingt|et|mille|cent|zéro|moins|entre|ième|premier|1er|2e|,5| |-|\u{a0}){0,20}") {
        let p = Pipeline::builder().kinds(Kind::ALL).tokens(true).build().unwrap();
        let record = p.process(&Document::new("x", text.clone()));
        common::check_spans(&text, &record);
        let r = depeche::rewrite::rewrite_numbers(&text);
        let mut done = 0;
        for e in &r.edits {
            proptest::prop_assert!(e.original.start >= done);
            done = e.original.end;
        }
    }
}
